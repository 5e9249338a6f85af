"""Database roles (issue 21, api.md v1.1 "tamper evidence"): who may rewrite history.

Two PostgreSQL roles:
- the owner (settings.DATABASE_OWNER_URL): owns the database, the schema and every table; runs the
  migrations; the only role that may TRUNCATE a history table (the test suite's flush runs as it);
- the app role (settings.DATABASE_URL): what the portal, its Celery workers and beat connect as. It owns
  nothing, is no superuser and no member of the owner, so it cannot ALTER TABLE … DISABLE TRIGGER, SET
  session_replication_role, or TRUNCATE; on the history tables below it has SELECT and INSERT only (and
  UPDATE on the few columns named there), on every other table SELECT, INSERT, UPDATE, DELETE.

`manage.py setup_db_roles` applies all of it (create the roles when given a superuser, migrate as the
owner, grant); it is idempotent and is run instead of a bare `migrate` wherever the portal starts.
"""

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.db import migrations

# The history tables: append-only in the database (triggers) and for the app role (privileges).
# table → columns the app role may still UPDATE ("*": the table's trigger decides which rows).
HISTORY_TABLES: dict[str, tuple[str, ...]] = {
    "traceability_traceevent": (),
    "traceability_licenceversion": (),
    "traceability_treehead": (),
    "traceability_logblock": (),
    "traceability_signingkey": (),
    "portal_activitylog": (),
    "auditlog_logentry": (),
    "review_scoresheet": ("*",),  # drafts change; the trigger refuses any change to a submitted sheet
    "review_stage": (),
    "review_conflictdeclaration": (),
    "casework_lettertemplate": (),
    "casework_decisionletter": ("pdf", "pdf_sha256", "generation", "generated_at"),
    "compliance_vehiclereport": (),  # an enterprise's report per vehicle on an incident order (issue 26)
    # The panel day (issue 24): worked during the session; a trigger refuses any change once the minutes are signed
    # (its agenda items are not listed: the bureau may remove one before the session).
    "review_panelday": ("*",),
    "review_attendance": ("*",),
    "review_sheetnote": ("*",),
}


@dataclass(frozen=True)
class Role:
    name: str
    password: str

    @classmethod
    def from_url(cls, url: str) -> "Role":
        parts = urlsplit(url)
        if not parts.username:
            raise ValueError(f"{parts.scheme}://…: the URL names no user")
        return cls(unquote(parts.username), unquote(parts.password or ""))


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- Creating the roles (as a superuser) ------------------------------------------------------------
def create_roles(cursor, *, owner: Role, app: Role, database: str) -> None:
    """Create or update both roles, and the database (owned by the owner) when it does not exist yet. Runs as
    a superuser, connected to any database of the cluster (the maintenance database `postgres`)."""
    for role, options in ((owner, "LOGIN NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS"),
                          (app, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT")):
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role.name])
        verb = "ALTER" if cursor.fetchone() else "CREATE"
        password = " PASSWORD %s" if role.password else ""
        cursor.execute(f"{verb} ROLE {quote_ident(role.name)} {options}{password}",
                       [role.password] if role.password else None)
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
    if not cursor.fetchone():
        cursor.execute(f"CREATE DATABASE {quote_ident(database)} OWNER {quote_ident(owner.name)}")


def hand_over(cursor, *, owner: Role, app: Role, database: str) -> None:
    """Give the database, its public schema and every object in it to the owner; the app role may connect.
    Runs as a superuser connected to `database`."""
    db = quote_ident(database)
    cursor.execute(f"ALTER DATABASE {db} OWNER TO {quote_ident(owner.name)}")
    cursor.execute(f"REVOKE ALL ON DATABASE {db} FROM PUBLIC")
    cursor.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {quote_ident(app.name)}")
    cursor.execute(f"ALTER SCHEMA public OWNER TO {quote_ident(owner.name)}")
    cursor.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    # A database first migrated by a superuser: its tables, sequences, views and functions pass to the owner.
    cursor.execute(
        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm') "
        "AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = %s)", [owner.name])
    for name, kind in cursor.fetchall():
        if kind == "S":
            cursor.execute("SELECT 1 FROM pg_depend d JOIN pg_class s ON s.oid = d.objid "
                           "WHERE s.relname = %s AND d.deptype IN ('a', 'i')", [name])
            if cursor.fetchone():
                continue  # an owned sequence follows its table
        cursor.execute(f"ALTER TABLE {quote_ident(name)} OWNER TO {quote_ident(owner.name)}")
    cursor.execute(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'public' AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = %s)", [owner.name])
    for (signature,) in cursor.fetchall():
        cursor.execute(f"ALTER FUNCTION {signature} OWNER TO {quote_ident(owner.name)}")


# --- Granting (as the owner, after every migrate) -------------------------------------------------------
def grant_app_privileges(cursor, app_role: str) -> list[str]:
    """The app role's privileges on every table and sequence of the public schema, from nothing: what a
    migration added is covered, what a history table must not allow is never granted. Answers the history
    tables it found."""
    app = quote_ident(app_role)
    cursor.execute(f"GRANT USAGE ON SCHEMA public TO {app}")
    cursor.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {app}")
    cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}")
    cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}")
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY(%s)",
                   [list(HISTORY_TABLES)])
    found = sorted(name for (name,) in cursor.fetchall())
    for table in found:
        columns = HISTORY_TABLES[table]
        cursor.execute(f"REVOKE ALL ON {quote_ident(table)} FROM {app}")
        if columns == ("*",):
            cursor.execute(f"GRANT SELECT, INSERT, UPDATE ON {quote_ident(table)} TO {app}")
        else:
            cursor.execute(f"GRANT SELECT, INSERT ON {quote_ident(table)} TO {app}")
            if columns:
                listed = ", ".join(quote_ident(c) for c in columns)
                cursor.execute(f"GRANT UPDATE ({listed}) ON {quote_ident(table)} TO {app}")
    return found


# --- BEFORE TRUNCATE: only the owner (migrations, the test suite's flush) ------------------------------
TRUNCATE_GUARD_FUNCTION = """
CREATE OR REPLACE FUNCTION portal_truncate_guard() RETURNS trigger AS $$
BEGIN
  IF (SELECT relowner FROM pg_class WHERE oid = TG_RELID) <> (SELECT oid FROM pg_roles WHERE rolname = current_user)
  THEN
    RAISE EXCEPTION 'TRUNCATE on % is not allowed: the record is append-only', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END; $$ LANGUAGE plpgsql;
"""


def truncate_guard(*tables: str) -> migrations.RunSQL:
    """A migration operation: TRUNCATE of `tables` (a CASCADE from elsewhere included) is refused to every
    role but the table's owner, a superuser too (the app role has no TRUNCATE privilege in the first place)."""
    forwards = [TRUNCATE_GUARD_FUNCTION]
    backwards = []
    for table in tables:
        name = f"{table}_truncate_guard"
        forwards += [f"DROP TRIGGER IF EXISTS {name} ON {table};",
                     f"CREATE TRIGGER {name} BEFORE TRUNCATE ON {table} "
                     f"FOR EACH STATEMENT EXECUTE FUNCTION portal_truncate_guard();"]
        backwards.append(f"DROP TRIGGER IF EXISTS {name} ON {table};")
    return migrations.RunSQL(forwards, backwards)
