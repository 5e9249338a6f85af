"""domain-rules.md add_months: the SQL the sweep uses agrees with portal.dates.add_months."""

from datetime import date

import pytest
from django.db.models import DateField, Value

from compliance.sql import AddDays, AddMonths
from portal.dates import add_months
from portal.models import Organisation

CASES = [
    (date(2025, 12, 31), 2), (date(2024, 1, 31), 1), (date(2025, 8, 31), 6), (date(2024, 2, 29), 12),
    (date(2025, 3, 1), 36), (date(2025, 1, 15), 9), (date(2025, 10, 31), 4),
    # Back in time (casework: a licence's issue date minus a service life).
    (date(2026, 3, 31), -1), (date(2024, 2, 29), -12), (date(2025, 6, 2), -84), (date(2026, 1, 31), -13),
]


@pytest.mark.parametrize(("start", "months"), CASES)
def test_sql_add_months_clamps_to_the_month_end_like_python(db, start, months):
    row = Organisation.objects.annotate(
        d=AddMonths(Value(start, output_field=DateField()), months),
        next_day=AddDays(AddMonths(Value(start, output_field=DateField()), months), 1),
    ).values("d", "next_day")
    Organisation.objects.create(name="x", kind="commerce_bureau")
    got = row.first()
    assert got["d"] == add_months(start, months)
    assert (got["next_day"] - got["d"]).days == 1
