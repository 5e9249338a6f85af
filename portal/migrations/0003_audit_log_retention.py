"""Issue 9 point 6: audit entries are kept at least 180 days and never edited.

A trigger refuses any UPDATE of auditlog_logentry and any DELETE of an entry younger than
AUDIT_RETENTION_DAYS; the admin, a queryset delete and raw SQL are all refused.
"""

from django.db import migrations

AUDIT_RETENTION_DAYS = 180

FORWARDS = f"""
CREATE OR REPLACE FUNCTION auditlog_logentry_retention() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'UPDATE on auditlog_logentry is not allowed: audit entries are never edited'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.timestamp > now() - interval '{AUDIT_RETENTION_DAYS} days' THEN
    RAISE EXCEPTION 'DELETE on auditlog_logentry is not allowed: entries are kept {AUDIT_RETENTION_DAYS} days'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END; $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS auditlog_logentry_retention ON auditlog_logentry;
CREATE TRIGGER auditlog_logentry_retention BEFORE UPDATE OR DELETE ON auditlog_logentry
  FOR EACH ROW EXECUTE FUNCTION auditlog_logentry_retention();
"""

BACKWARDS = """
DROP TRIGGER IF EXISTS auditlog_logentry_retention ON auditlog_logentry;
DROP FUNCTION IF EXISTS auditlog_logentry_retention();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_activity_log_append_only"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunSQL(FORWARDS, BACKWARDS)]
