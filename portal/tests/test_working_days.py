"""domain-rules.md "Working days": the portal's calendar table, filled from chinesecalendar."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from portal.models import CalendarYear
from portal.workdays import is_working_day, working_period

pytestmark = pytest.mark.django_db


def test_national_day_2026_is_off_and_the_adjusted_weekend_days_are_working_days():
    assert all(not is_working_day(date(2026, 10, d)) for d in range(1, 8))
    assert is_working_day(date(2026, 9, 20))  # Sunday, adjusted working day
    assert is_working_day(date(2026, 10, 10))  # Saturday, adjusted working day


def test_five_working_days_from_monday_28_september_end_on_friday_9_october():
    period = working_period(date(2026, 9, 28), 5)
    assert period.ends_on == date(2026, 10, 9)
    assert not period.provisional
    assert date(2026, 10, 1) in {d for d, _ in period.skipped}


def test_a_period_starting_on_a_holiday_begins_on_the_next_working_day():
    period = working_period(date(2026, 10, 3), 1)
    assert period.begins_on == period.ends_on == date(2026, 10, 8)


def test_the_adjusted_working_saturday_counts():
    # Fri 9 Oct is day 1, Sat 10 Oct (调休上班) day 2.
    period = working_period(date(2026, 10, 9), 2)
    assert period.ends_on == date(2026, 10, 10)
    assert period.adjusted_working_days == (date(2026, 10, 10),)


def test_a_year_the_table_does_not_cover_counts_monday_to_friday_and_is_provisional():
    CalendarYear.objects.filter(year=2027).delete()
    period = working_period(date(2026, 12, 30), 5)
    assert period.provisional
    assert period.ends_on == date(2027, 1, 5)


def test_the_public_endpoint_answers_as_the_contract_says():
    response = APIClient().get("/api/v1/calendar/working-days/", {"start": "2026-09-28", "days": 5})
    assert response.status_code == 200
    assert response.json() == {"start": "2026-09-28", "days": 5, "ends_on": "2026-10-09", "provisional": False}


@pytest.mark.parametrize("days", ["0", "-3", "x"])
def test_fewer_than_one_working_day_is_a_400_naming_the_field(days):
    response = APIClient().get("/api/v1/calendar/working-days/", {"start": "2026-09-28", "days": days})
    assert response.status_code == 400
    assert "days" in response.json()
