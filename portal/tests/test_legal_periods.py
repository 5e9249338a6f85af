"""api.md v1.1 "Legal periods" (期间): 民法典第二百零一条、第二百零三条, 民事诉讼法第八十五条 — the day of
the act is not counted, a days or months period ending on a rest day ends on the next working day,
adjusted working weekends are working days; one function, published as /api/v1/calendar/deadline/."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from casework import rules as casework_rules
from portal.periods import legal_period

pytestmark = pytest.mark.django_db


def test_60_day_reconsideration_from_2_december_2026_ends_monday_1_february_not_sunday_行政复议法第二十条():
    # 2026-12-02 + 60 days = Sunday 2027-01-31: the period ends on the next working day.
    assert legal_period(date(2026, 12, 2), days=60).ends_on == date(2027, 2, 1)
    assert casework_rules.letter_deadlines(date(2026, 12, 2))[0] == date(2027, 2, 1)


def test_6_month_litigation_from_31_august_ends_on_the_next_working_day_after_sunday_28_february_行政诉讼法第四十六条():
    # add_months(2026-08-31, 6) = Sunday 2027-02-28 → Monday 2027-03-01.
    assert legal_period(date(2026, 8, 31), months=6).ends_on == date(2027, 3, 1)
    assert casework_rules.letter_deadlines(date(2026, 8, 31))[1] == date(2027, 3, 1)


def test_a_period_ending_on_an_adjusted_working_saturday_ends_that_day_民法典第二百零三条():
    # add_months(2025-08-31, 6) = Saturday 2026-02-28, a 调休上班 day after the Spring Festival.
    assert legal_period(date(2025, 8, 31), months=6).ends_on == date(2026, 2, 28)


def test_a_period_ending_in_the_labour_day_holiday_ends_on_6_may_民法典第二百零三条():
    # 2026-03-02 + 60 days = Friday 2026-05-01 (劳动节 05-01..05-05).
    assert legal_period(date(2026, 3, 2), days=60).ends_on == date(2026, 5, 6)


def test_working_days_count_from_the_day_after_the_act_民法典第二百零一条():
    # Act on Monday 2026-09-28: days 1..5 are 09-29, 09-30, 10-08, 10-09, 10-10 (调休上班 Saturday).
    assert legal_period(date(2026, 9, 28), working_days=5).ends_on == date(2026, 10, 10)
    # An act on a Friday: the first working day is Monday.
    assert legal_period(date(2026, 11, 6), working_days=1).ends_on == date(2026, 11, 9)


def test_the_deadline_endpoint_answers_as_the_contract_says():
    response = APIClient().get("/api/v1/calendar/deadline/", {"from": "2026-12-02", "days": 60})
    assert response.status_code == 200
    assert response.json() == {"from": "2026-12-02", "ends_on": "2027-02-01", "provisional": True}
    response = APIClient().get("/api/v1/calendar/deadline/", {"from": "2026-03-02", "months": 1})
    assert response.json() == {"from": "2026-03-02", "ends_on": "2026-04-02", "provisional": False}
    response = APIClient().get("/api/v1/calendar/deadline/", {"from": "2026-09-28", "working_days": 5})
    assert response.json()["ends_on"] == "2026-10-10"


@pytest.mark.parametrize("query, field", [
    ({"from": "2026-12-02", "days": "0"}, "days"),
    ({"from": "2026-12-02", "months": "-1"}, "months"),
    ({"from": "2026-12-02", "days": "5", "months": "1"}, "days"),
    ({"from": "2026-12-02"}, "days"),
    ({"from": "1949-12-31", "days": "5"}, "from"),
    ({"from": "2101-01-01", "days": "5"}, "from"),
    ({"from": "not-a-date", "days": "5"}, "from"),
    ({"days": "5"}, "from"),
])
def test_bad_input_to_the_deadline_endpoint_is_a_400_naming_the_field(query, field):
    response = APIClient().get("/api/v1/calendar/deadline/", query)
    assert response.status_code == 400
    assert field in response.json()


def test_the_period_function_refuses_two_units_naming_the_field():
    with pytest.raises(ValidationError) as refused:
        legal_period(date(2026, 1, 5), days=3, months=1)
    assert "days" in refused.value.message_dict
