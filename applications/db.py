"""Database triggers that freeze a submitted application (issue 4: no edit after submission).

Python checks `is_editable` first; these make the database refuse raw SQL, a queryset update and
the admin too. Same pattern as portal.db.append_only.
"""

from django.db import migrations

APPLICATION_TABLE = "applications_application"
ATTACHMENT_TABLE = "applications_applicationattachment"


def _in_list(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _content_columns(connection, table: str, workflow_columns) -> list[str]:
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
    return [c for c in columns if c not in workflow_columns]


def freeze_application_content(editable_statuses, workflow_columns) -> migrations.RunPython:
    """Refuse an UPDATE of any content column, and any DELETE, once the status is not editable.

    The workflow columns (status, reference number, timestamps) still change. Attachments may
    be added, changed or removed only while the application is editable.
    """
    editable = _in_list(editable_statuses)

    def forwards(apps, schema_editor):
        connection = schema_editor.connection
        columns = _content_columns(connection, APPLICATION_TABLE, workflow_columns)
        for statement in _drop_sql() + _create_sql(editable, columns):
            schema_editor.execute(statement, params=None)

    def backwards(apps, schema_editor):
        for statement in _drop_sql():
            schema_editor.execute(statement, params=None)

    return migrations.RunPython(forwards, backwards)


def _create_sql(editable: str, columns: list[str]) -> list[str]:
    message = "the content of a submitted application is frozen"
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in columns)
    return [
        f"""
        CREATE OR REPLACE FUNCTION {APPLICATION_TABLE}_frozen() RETURNS trigger AS $$
        BEGIN
          IF OLD.status NOT IN ({editable}) THEN
            IF TG_OP = 'DELETE' THEN
              RAISE EXCEPTION 'DELETE refused: {message}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF {changed} THEN
              RAISE EXCEPTION 'UPDATE refused: {message}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql;
        """,
        f"DROP TRIGGER IF EXISTS {APPLICATION_TABLE}_frozen ON {APPLICATION_TABLE};",
        f"CREATE TRIGGER {APPLICATION_TABLE}_frozen BEFORE UPDATE OR DELETE ON {APPLICATION_TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {APPLICATION_TABLE}_frozen();",
        f"""
        CREATE OR REPLACE FUNCTION {ATTACHMENT_TABLE}_frozen() RETURNS trigger AS $$
        DECLARE parent_status text;
        BEGIN
          SELECT status INTO parent_status FROM {APPLICATION_TABLE}
            WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.application_id ELSE NEW.application_id END);
          IF parent_status IS NOT NULL AND parent_status NOT IN ({editable}) THEN
            RAISE EXCEPTION '% refused: {message}', TG_OP USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql;
        """,
        f"DROP TRIGGER IF EXISTS {ATTACHMENT_TABLE}_frozen ON {ATTACHMENT_TABLE};",
        f"CREATE TRIGGER {ATTACHMENT_TABLE}_frozen BEFORE INSERT OR UPDATE OR DELETE ON {ATTACHMENT_TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {ATTACHMENT_TABLE}_frozen();",
    ]


def _drop_sql() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {APPLICATION_TABLE}_frozen ON {APPLICATION_TABLE};",
        f"DROP FUNCTION IF EXISTS {APPLICATION_TABLE}_frozen();",
        f"DROP TRIGGER IF EXISTS {ATTACHMENT_TABLE}_frozen ON {ATTACHMENT_TABLE};",
        f"DROP FUNCTION IF EXISTS {ATTACHMENT_TABLE}_frozen();",
    ]
