"""Database helpers for the set-based sweep: add_months in SQL, INSERT … SELECT, the run lock."""

import contextlib

from django.db import connection, models


class AddMonths(models.Func):
    """portal.dates.add_months in SQL: the same day n months later, or that month's last day."""

    output_field = models.DateField()

    def __init__(self, expression, months: int, **extra):
        self.months = int(months)
        super().__init__(expression, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        # PostgreSQL clamps month arithmetic to the month's end: 2025-12-31 + 2 months = 2026-02-28.
        return self.as_sql(compiler, connection, template=f"(%(expressions)s + INTERVAL '{self.months} months')::date")


class AddDays(models.Func):
    output_field = models.DateField()

    def __init__(self, expression, days: int, **extra):
        self.days = int(days)
        super().__init__(expression, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=f"(%(expressions)s + {self.days})")


def insert_select(model, columns: list[str], queryset, *, select: list[str] | None = None, select_params=(),
                  count_by: str | None = None):
    """INSERT INTO model (columns) SELECT … ON CONFLICT DO NOTHING; answers the rows inserted.

    `queryset` is a values_list of annotations named and ordered like `columns`; the unique
    constraints make a second insert of the same row a no-op (idempotent reruns). With `select`
    (one SQL expression per column over the queryset's annotation names, `select_params` their
    parameters) the rows are computed from the queryset's rows; with `count_by` (a column) the
    answer is {value: rows inserted}.
    """
    sql, params = queryset.order_by().query.sql_with_params()
    if select is not None:
        # OFFSET 0 keeps PostgreSQL from inlining the rows' expressions into `select` (a subquery
        # named twice there would run twice per row).
        # nosec: `select` is SQL written in the callers' code (compliance.sweep), its values in select_params.
        sql, params = f"SELECT {', '.join(select)} FROM ({sql} OFFSET 0) s", (*select_params, *params)  # nosec B608
    quote = connection.ops.quote_name
    cols = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    insert = f"INSERT INTO {quote(model._meta.db_table)} ({cols}) {sql} ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        if count_by is None:
            cursor.execute(insert, params)
            return max(cursor.rowcount, 0)
        column = quote(model._meta.get_field(count_by).column)
        cursor.execute(f"WITH new AS ({insert} RETURNING {column} AS v) SELECT v, count(*) FROM new GROUP BY v",  # nosec B608 - names from the model, values in params
                       params)
        return dict(cursor.fetchall())


ADVISORY_KEY = 7_072_012  # "compliance run" (any fixed 64-bit number shared by every process)


@contextlib.contextmanager
def run_lock():
    """Keep overlapping runs apart: a PostgreSQL advisory lock (a crashed run's ends with its connection)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])
