"""办法第七条 with 报废规定第五条、第六条: the scrap due date and the ban from one year before it (含1年)."""

from datetime import date, timedelta

import pytest

from portal.dates import add_years
from portal.policy import first_version_values
from traceability.models import PreviousUse, VehicleType
from traceability.rules import (
    VehicleFacts,
    export_ban_reasons,
    export_banned_from,
    scrap_due_date,
    service_life_years,
)

V1 = first_version_values()  # issue 24: the service lives of version 1 (报废规定第五条)
SERVICE_LIFE_YEARS = V1["service_life_years"]
WITH_LIFE = [(code, years) for code, years in SERVICE_LIFE_YEARS.items() if years is not None]
REGISTERED = date(2015, 7, 10)


def codes(vehicle_type, as_of, **facts):
    base = dict(vehicle_type=vehicle_type, registration_date=REGISTERED, inspection_passed=True,
                registered_to_enterprise=True)
    base.update(facts)
    return [r.code for r in export_ban_reasons(VehicleFacts(**base), as_of, V1)]


@pytest.mark.parametrize(("vehicle_type", "years"), WITH_LIFE)
def test_article_7_each_service_life_class_is_exportable_the_day_before_the_ban(vehicle_type, years):
    banned_from = add_years(REGISTERED, years - 1)
    assert codes(vehicle_type, banned_from - timedelta(days=1)) == []


@pytest.mark.parametrize(("vehicle_type", "years"), WITH_LIFE)
def test_article_7_each_service_life_class_is_banned_from_one_year_before_scrap_inclusive(vehicle_type, years):
    due = scrap_due_date(vehicle_type, REGISTERED, table=SERVICE_LIFE_YEARS)
    assert due == add_years(REGISTERED, years)
    assert export_banned_from(due) == add_years(REGISTERED, years - 1)
    assert codes(vehicle_type, export_banned_from(due)) == ["within_1y_of_scrap"]
    assert codes(vehicle_type, due - timedelta(days=1)) == ["within_1y_of_scrap"]
    assert codes(vehicle_type, due) == ["scrapped"]


@pytest.mark.parametrize("vehicle_type", [t for t, y in SERVICE_LIFE_YEARS.items() if y is None])
def test_scrap_rules_5_classes_without_a_service_life_have_no_scrap_date(vehicle_type):
    assert scrap_due_date(vehicle_type, REGISTERED, table=SERVICE_LIFE_YEARS) is None
    assert codes(vehicle_type, date(2060, 1, 1)) == []


def test_scrap_rules_5_a_leap_day_registration_reaches_its_service_life_on_28_february():
    # 2016-02-29 + 8 years = 2024-02-29 (a leap year keeps the day); + 10 years = 2026-02-28.
    assert scrap_due_date(VehicleType.TAXI_SMALL, date(2016, 2, 29), table=SERVICE_LIFE_YEARS) == date(2024, 2, 29)
    due = scrap_due_date(VehicleType.TAXI_MEDIUM, date(2016, 2, 29), table=SERVICE_LIFE_YEARS)
    assert due == date(2026, 2, 28)
    assert export_banned_from(due) == date(2025, 2, 28)
    facts = dict(registration_date=date(2016, 2, 29))
    assert codes(VehicleType.TAXI_MEDIUM, date(2025, 2, 27), **facts) == []
    assert codes(VehicleType.TAXI_MEDIUM, date(2025, 2, 28), **facts) == ["within_1y_of_scrap"]


def test_scrap_rules_5_a_leap_day_due_date_is_banned_from_28_february_of_the_year_before():
    due = scrap_due_date(VehicleType.TAXI_SMALL, date(2020, 2, 29), table=SERVICE_LIFE_YEARS)  # 2028-02-29
    assert due == date(2028, 2, 29)
    assert export_banned_from(due) == date(2027, 2, 28)


def test_scrap_rules_5_a_vehicle_registered_over_two_years_after_manufacture_counts_from_manufacture():
    made = date(2012, 3, 1)
    assert scrap_due_date(VehicleType.TAXI_SMALL, date(2014, 3, 1), made, table=SERVICE_LIFE_YEARS) == date(2022, 3, 1)  # exactly 2 years
    assert scrap_due_date(VehicleType.TAXI_SMALL, date(2014, 3, 2), made, table=SERVICE_LIFE_YEARS) == date(2020, 3, 1)


def test_scrap_rules_6_a_vehicle_that_changed_use_follows_the_stricter_commercial_rule():
    assert service_life_years(VehicleType.NONCOMMERCIAL_PASSENGER_SMALL, table=SERVICE_LIFE_YEARS) is None
    assert service_life_years(VehicleType.NONCOMMERCIAL_PASSENGER_SMALL, PreviousUse.CHANGED,
                              VehicleType.TAXI_SMALL, table=SERVICE_LIFE_YEARS) == 8
    assert service_life_years(VehicleType.NONCOMMERCIAL_PASSENGER_LARGE, PreviousUse.CHANGED,
                              VehicleType.RENTAL_PASSENGER, table=SERVICE_LIFE_YEARS) == 15


def test_article_7_each_other_reason_has_its_code():
    as_of = date(2020, 1, 1)
    everything = codes(VehicleType.NONCOMMERCIAL_PASSENGER_SMALL, as_of, stolen=True, assembled=True,
                       inspection_passed=False, registered_to_enterprise=False, exported=True)
    assert everything == ["stolen", "assembled", "no_passing_inspection", "not_registered_to_enterprise",
                          "already_exported"]


def test_national_rule_2026_a_recent_registration_needs_the_aftersales_confirmation():
    registered = date(2026, 1, 10)
    on_day_180 = registered + timedelta(days=180)
    facts = dict(registration_date=registered)
    assert codes(VehicleType.NONCOMMERCIAL_PASSENGER_SMALL, on_day_180, **facts) == [
        "recent_registration_without_aftersales_confirmation"]
    assert codes(VehicleType.NONCOMMERCIAL_PASSENGER_SMALL, on_day_180 + timedelta(days=1), **facts) == []
    assert codes(VehicleType.NONCOMMERCIAL_PASSENGER_SMALL, on_day_180, has_aftersales_confirmation=True,
                 **facts) == []


@pytest.mark.django_db
def test_the_eligibility_endpoint_answers_reasons_articles_and_dates_as_of_a_day(api, pilot_user):
    from traceability.tests.helpers import register

    vehicle = register(pilot_user, vehicle_type=VehicleType.TAXI_SMALL, registration_date=date(2019, 5, 20))
    before = api(pilot_user).get(f"/api/v1/vehicles/{vehicle.vin}/eligibility/?as_of=2026-05-19").json()
    assert before["service_life_years"] == 8
    assert before["scrap_due_date"] == "2027-05-20"
    assert before["export_banned_from"] == "2026-05-20"
    assert "within_1y_of_scrap" not in [r["code"] for r in before["reasons"]]
    banned = api(pilot_user).get(f"/api/v1/vehicles/{vehicle.vin}/eligibility/?as_of=2026-05-20").json()
    reasons = {r["code"]: r for r in banned["reasons"]}
    assert banned["eligible"] is False
    assert reasons["within_1y_of_scrap"]["article"] == "办法第七条"
    assert set(reasons) >= {"no_passing_inspection", "not_registered_to_enterprise"}
    bad = api(pilot_user).get(f"/api/v1/vehicles/{vehicle.vin}/eligibility/?as_of=2026-13-01")
    assert bad.status_code == 400 and "as_of" in bad.json()
