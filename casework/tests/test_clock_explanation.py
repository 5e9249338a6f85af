"""办法第五条 / domain-rules.md "Working days": a clock counted on the calendar explains its date."""

from datetime import date

import pytest

from casework.clocks import start_clock
from casework.models import ClockKind
from compliance.tests.factories import issued_licence

pytestmark = pytest.mark.django_db


def _licence_clock(pilot, days):
    licence = issued_licence(pilot, date(2026, 9, 1), date(2026, 12, 31))
    return start_clock(licence, ClockKind.LICENCE_ISSUE, started_on=date(2026, 9, 28), working_days=days, label="L1")


def test_a_clock_across_national_day_skips_the_holiday_and_counts_the_adjusted_saturday_办法第五条(pilot):
    clock = _licence_clock(pilot, 10)
    # api.md 期间: 9-28 is not counted; 9-29, 9-30 (2), 10-8, 10-9 (4), Sat 10-10 adjusted (5), 10-12..10-16 (10)
    assert clock.due_on == date(2026, 10, 16)


def test_the_clock_api_explains_start_holidays_adjusted_days_and_article(pilot, bureau_officer, api):
    clock = _licence_clock(pilot, 10)
    body = api(bureau_officer).get(f"/api/v1/clocks/{clock.pk}/").json()
    assert body["start"] == "2026-09-28" and body["due_on"] == "2026-10-16"
    assert body["article"] == "实施方案三(二)"
    skipped = {s["date"]: s["reason"] for s in body["skipped"]}
    assert all(f"2026-10-0{d}" in skipped for d in range(1, 8))
    assert "国庆" in skipped["2026-10-01"]
    assert body["adjusted_working_days"] == ["2026-10-10"]
    assert body["pauses"] == []


def test_another_organisations_clock_is_a_404_and_the_service_time_is_a_setting(pilot, other_enterprise_user, api, settings):
    settings.CASEWORK_SERVICE_WORKING_DAYS = {"licence_issue": 5}
    licence = issued_licence(pilot, date(2026, 9, 1), date(2026, 12, 31))
    clock = start_clock(licence, ClockKind.LICENCE_ISSUE, started_on=date(2026, 9, 28), label="L1")
    assert clock.due_on == date(2026, 10, 10)  # 9-29, 9-30, 10-8, 10-9, Sat 10-10
    assert api(other_enterprise_user).get(f"/api/v1/clocks/{clock.pk}/").status_code == 404
    assert api(None).get(f"/api/v1/clocks/{clock.pk}/").status_code in (401, 403)


def test_the_clock_list_answers_in_a_bounded_number_of_queries(pilot, bureau_officer, api, django_assert_max_num_queries):
    for _ in range(5):
        _licence_clock(pilot, 10)
    with django_assert_max_num_queries(8):
        body = api(bureau_officer).get("/api/v1/clocks/").json()
    assert body["count"] == 5


def test_the_clock_page_shows_the_due_date_and_the_skipped_holiday(pilot, bureau_officer, client):
    clock = _licence_clock(pilot, 10)
    client.force_login(bureau_officer)
    page = client.get(f"/casework/clocks/{clock.pk}/").content.decode()
    assert "2026-10-16" in page and "2026-10-01" in page and "实施方案三(二)" in page
