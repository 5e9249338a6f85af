"""Database guarantees of 办法第五条: submitted sheets, stages and declarations are never changed."""

from django.db import migrations

from portal.db import append_only

SHEET = "review_scoresheet"


LOCK = f"""
CREATE OR REPLACE FUNCTION {SHEET}_locked() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'submitted' THEN
    RAISE EXCEPTION '% on a submitted scoring sheet is not allowed', TG_OP
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {SHEET}_locked ON {SHEET};
CREATE TRIGGER {SHEET}_locked BEFORE UPDATE OR DELETE ON {SHEET} FOR EACH ROW EXECUTE FUNCTION {SHEET}_locked();
"""
UNLOCK = f"DROP TRIGGER IF EXISTS {SHEET}_locked ON {SHEET}; DROP FUNCTION IF EXISTS {SHEET}_locked();"


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial")]

    operations = [
        migrations.RunSQL(LOCK, UNLOCK),
        append_only("review_stage"),
        append_only("review_conflictdeclaration"),
    ]
