"""Statements PREPAREd once per database connection (issue 25): for a statement PostgreSQL plans in more time
than it runs (the public verification's six-table join, the work queue's union of 14 sources), EXECUTE skips
the planning once PostgreSQL keeps a generic plan. A prepared statement outlives a rollback; a new connection
prepares again."""

import re

from django.db import connection

_PLACEHOLDER = re.compile("%s")


def execute_prepared(cursor, name: str, sql: str, params) -> None:
    """EXECUTE `sql` (with %s placeholders, no literal %) as the statement `name`, PREPAREd on first use
    on this connection. `name` must name one statement text: a name per text."""
    params = list(params)
    if getattr(connection, "_prepared_on", None) is not connection.connection:
        connection._prepared_on, connection._prepared = connection.connection, set()
    if name not in connection._prepared:
        numbered = iter(range(1, len(params) + 1))
        cursor.execute(f"PREPARE {name} AS " + _PLACEHOLDER.sub(lambda _: f"${next(numbered)}", sql))
        connection._prepared.add(name)
    cursor.execute(f"EXECUTE {name}({', '.join(['%s'] * len(params))})", params)
