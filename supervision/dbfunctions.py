"""Date arithmetic inside the database, so statistics aggregate with GROUP BY over any number of
vehicles instead of looping in Python. Both follow portal.dates.add_months (month ends clamp)."""

from django.db.models import DateField, Func, IntegerField


class AddMonths(Func):
    """add_months(date, n) in SQL: the same day n months later, or that month's last day."""

    output_field = DateField()

    def __init__(self, expression, months: int, **extra):
        self.months = int(months)
        super().__init__(expression, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        # PostgreSQL clamps to the month's end itself: 2025-12-31 + 2 months = 2026-02-28.
        return self.as_sql(
            compiler, connection, template=f"CAST((%(expressions)s + INTERVAL '{self.months} months') AS date)", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite rolls over (12-31 + 2 months = 03-03); the last day of the target month caps it.
        n = self.months
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return (
            f"MIN(date({sql}, '+{n} months'), date({sql}, 'start of month', '+{n + 1} months', '-1 day'))",
            (*params, *params),
        )


class DaysBetween(Func):
    """Whole days from `start` to `end` (end − start)."""

    output_field = IntegerField()
    arity = 2

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(", **extra,
        )
