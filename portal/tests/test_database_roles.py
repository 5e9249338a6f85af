"""Issue 21: the portal, its workers and beat connect as a role that owns nothing and has only SELECT and
INSERT on the history tables. Each bypass the issue measured as the superuser is refused to that role."""

import os

import psycopg2
import pytest
from django.db import connection

from portal import db_roles

APP_ROLE = f"portal_app_test_{os.getpid()}"


@pytest.fixture
def app_cursor(transactional_db):
    """A connection to the test database as a fresh app role, with exactly the privileges setup_db_roles gives."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT")
        db_roles.grant_app_privileges(cursor, APP_ROLE)
    settings = connection.settings_dict
    conn = psycopg2.connect(dbname=settings["NAME"], user=APP_ROLE, host=settings["HOST"] or "127.0.0.1",
                            port=settings["PORT"] or 5432)
    conn.autocommit = True
    try:
        yield conn.cursor()
    finally:
        conn.close()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {APP_ROLE}")
            cursor.execute(f"DROP ROLE {APP_ROLE}")


def refused(cursor, sql: str) -> bool:
    try:
        cursor.execute(sql)
    except (psycopg2.errors.InsufficientPrivilege, psycopg2.errors.RaiseException) as error:
        return "denied" in str(error) or "must be" in str(error) or "not allowed" in str(error)
    return False


def test_the_app_role_cannot_switch_off_triggers_or_truncate_or_rewrite_history(app_cursor):
    assert refused(app_cursor, "SET session_replication_role = replica")
    assert refused(app_cursor, "ALTER TABLE traceability_traceevent DISABLE TRIGGER ALL")
    assert refused(app_cursor, "DROP TRIGGER traceability_traceevent_append_only ON traceability_traceevent")
    assert refused(app_cursor, "TRUNCATE traceability_traceevent CASCADE")
    assert refused(app_cursor, "TRUNCATE auditlog_logentry")
    for table, columns in db_roles.HISTORY_TABLES.items():
        if columns != ("*",):
            assert refused(app_cursor, f"UPDATE {table} SET id = id"), table
        assert refused(app_cursor, f"DELETE FROM {table}"), table
        assert refused(app_cursor, f"TRUNCATE {table}"), table
    assert refused(app_cursor, "CREATE TABLE public.smuggled (id int)")
    assert refused(app_cursor, "ALTER TABLE traceability_vehicle OWNER TO CURRENT_USER")


def test_the_app_role_still_reads_and_appends_and_works_its_ordinary_tables(app_cursor):
    app_cursor.execute("SELECT count(*) FROM traceability_traceevent")
    app_cursor.execute("INSERT INTO traceability_signingkey (key_id, public_key, valid_from) VALUES ('k', 'p', now())")
    app_cursor.execute("UPDATE casework_decisionletter SET generation = generation WHERE false")  # its PDF columns
    app_cursor.execute("UPDATE traceability_vehicle SET last_seq = last_seq WHERE false")
    app_cursor.execute("DELETE FROM django_session WHERE false")
    assert refused(app_cursor, "UPDATE casework_decisionletter SET number = number WHERE false")


def test_a_truncate_is_refused_even_to_a_role_granted_the_privilege(app_cursor):
    """BEFORE TRUNCATE: only the tables' owner (migrations, the test suite's flush) may empty a history table."""
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT TRUNCATE ON traceability_treehead TO {APP_ROLE}")
    with pytest.raises(psycopg2.errors.InsufficientPrivilege, match="append-only"):
        app_cursor.execute("TRUNCATE traceability_treehead")


def test_every_append_only_table_is_a_history_table_guarded_against_truncate(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                       "WHERE NOT t.tgisinternal")
        triggers = cursor.fetchall()
    append_only = {table for table, name in triggers if name == f"{table}_append_only"}
    guarded = {table for table, name in triggers if name == f"{table}_truncate_guard"}
    assert append_only <= set(db_roles.HISTORY_TABLES)
    assert guarded == set(db_roles.HISTORY_TABLES)
