"""Database guarantees of 办法第五条: submitted sheets, stages and declarations are never changed."""

from django.db import migrations

from portal.db import append_only

SHEET = "review_scoresheet"


def lock_submitted_sheets(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"""
            CREATE OR REPLACE FUNCTION {SHEET}_locked() RETURNS trigger AS $$
            BEGIN
              IF OLD.status = 'submitted' THEN
                RAISE EXCEPTION '% on a submitted scoring sheet is not allowed', TG_OP
                  USING ERRCODE = 'integrity_constraint_violation';
              END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END; $$ LANGUAGE plpgsql;
            """
        , params=None)
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {SHEET}_locked ON {SHEET};")
        schema_editor.execute(
            f"CREATE TRIGGER {SHEET}_locked BEFORE UPDATE OR DELETE ON {SHEET} "
            f"FOR EACH ROW EXECUTE FUNCTION {SHEET}_locked();", params=None
        )
    elif vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {SHEET}_locked_{op.lower()} BEFORE {op} ON {SHEET} "
                f"WHEN OLD.status = 'submitted' "
                f"BEGIN SELECT RAISE(ABORT, '{op} on a submitted scoring sheet is not allowed'); END;", params=None
            )


def unlock_submitted_sheets(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {SHEET}_locked ON {SHEET};")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {SHEET}_locked();")
    elif vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {SHEET}_locked_{op};")


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial")]

    operations = [
        migrations.RunPython(lock_submitted_sheets, unlock_submitted_sheets),
        append_only("review_stage"),
        append_only("review_conflictdeclaration"),
    ]
