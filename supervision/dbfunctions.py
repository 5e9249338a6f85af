"""Date arithmetic inside the database, so statistics aggregate with GROUP BY over any number of
vehicles instead of looping in Python (add_months in SQL is compliance.sql.AddMonths)."""

from django.db.models import Func, IntegerField


class DaysBetween(Func):
    """Whole days from `start` to `end` (end − start)."""

    output_field = IntegerField()
    arity = 2

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)
