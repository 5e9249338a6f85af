"""Database-level guarantees that Python alone cannot give (style.md "Data")."""

from django.db import migrations


def append_only(table: str, *, allow_update_columns: tuple[str, ...] = ()) -> migrations.RunPython:
    """A migration operation: the database refuses UPDATE and DELETE on `table`.

    A PostgreSQL trigger: raw SQL, a queryset delete and the admin are all refused. `allow_update_columns` lists columns that may still change (nothing else may).
    """

    def forwards(apps, schema_editor):
        for statement in _create_sql(schema_editor.connection, table, allow_update_columns):
            schema_editor.execute(statement, params=None)

    def backwards(apps, schema_editor):
        for statement in _drop_sql(table):
            schema_editor.execute(statement, params=None)

    return migrations.RunPython(forwards, backwards)


def _create_sql(connection, table: str, allowed: tuple[str, ...]) -> list[str]:
    name = f"{table}_append_only"
    if allowed:
        same = " AND ".join(
            f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in _kept_columns(connection, table, allowed)
        )
        update_check = f"IF TG_OP = 'UPDATE' AND ({same}) THEN RETURN NEW; END IF;"
    else:
        update_check = ""
    return [
        f"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
        BEGIN
          {update_check}
          RAISE EXCEPTION '% on {table} is not allowed: the record is append-only', TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
        END; $$ LANGUAGE plpgsql;
        """,
        f"DROP TRIGGER IF EXISTS {name} ON {table};",
        f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();",
    ]


def _kept_columns(connection, table: str, allowed: tuple[str, ...]) -> list[str]:
    """The columns that must stay the same: all but the allowed ones."""
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
    return [c for c in columns if c not in allowed]


def _drop_sql(table: str) -> list[str]:
    name = f"{table}_append_only"
    return [f"DROP TRIGGER IF EXISTS {name} ON {table};", f"DROP FUNCTION IF EXISTS {name}();"]
