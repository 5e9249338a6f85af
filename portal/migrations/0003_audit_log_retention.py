"""Issue 9 point 6: audit entries are kept at least 180 days and never edited.

PostgreSQL (the production database) refuses, in a trigger, any UPDATE of auditlog_logentry and
any DELETE of an entry younger than AUDIT_RETENTION_DAYS; the admin, a queryset delete and raw SQL
are all refused. SQLite (the embedded default) gets the same two triggers.
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


SQLITE_FORWARDS = [
    "DROP TRIGGER IF EXISTS auditlog_logentry_no_update",
    "CREATE TRIGGER auditlog_logentry_no_update BEFORE UPDATE ON auditlog_logentry BEGIN "
    "SELECT RAISE(ABORT, 'UPDATE on auditlog_logentry is not allowed: audit entries are never edited'); END",
    "DROP TRIGGER IF EXISTS auditlog_logentry_retention",
    "CREATE TRIGGER auditlog_logentry_retention BEFORE DELETE ON auditlog_logentry "
    f"WHEN OLD.timestamp > strftime('%Y-%m-%d %H:%M:%f', 'now', '-{AUDIT_RETENTION_DAYS} days') BEGIN "
    f"SELECT RAISE(ABORT, 'DELETE on auditlog_logentry is not allowed: entries are kept {AUDIT_RETENTION_DAYS} days'); END",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS auditlog_logentry_no_update",
    "DROP TRIGGER IF EXISTS auditlog_logentry_retention",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARDS:
            schema_editor.execute(statement, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARDS:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_activity_log_append_only"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
