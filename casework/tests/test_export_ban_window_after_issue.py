"""Export ban found after issue (办法第七条, 含1年): a vehicle on an issued or used licence that, by the
facts now on file, was within one year of its scrap due date (报废规定第五条) on the licence's issue
date opens one discrepancy for the bureau; the ban is judged at issue, so a vehicle that reaches
the window only after issue is no finding."""

from datetime import date

import pytest

from casework.consistency import run_consistency_checks
from casework.models import Discrepancy, DiscrepancyKind
from compliance.tests.factories import VehicleFactory, issued_licence
from traceability.models import LicenceVehicle, PreviousUse, VehicleType

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)


def _on_licence(pilot, issued_on, *, used_on=None, **vehicle):
    v = VehicleFactory(enterprise=pilot, **vehicle)
    licence = issued_licence(pilot, issued_on, date(issued_on.year, 12, 31), used_on=used_on)
    LicenceVehicle.objects.create(licence=licence, vehicle=v)
    return v, licence


def test_within_one_year_of_service_life_at_issue_is_found_once_办法第七条(pilot):
    # 小微型出租客运 8 years: registered 2018-03-01, scrap due 2026-03-01, banned from 2025-03-01.
    v, licence = _on_licence(pilot, date(2025, 6, 2), vehicle_type=VehicleType.TAXI_SMALL,
                             registration_date=date(2018, 3, 1))
    assert run_consistency_checks(TODAY) == 1
    assert run_consistency_checks(TODAY) == 0
    assert run_consistency_checks(date(2026, 3, 2)) == 0
    d = Discrepancy.objects.get()
    assert (d.kind, d.vehicle, d.key, d.acting_kind) == (
        DiscrepancyKind.EXPORT_BAN_AFTER_ISSUE, v, str(licence.pk), "commerce_bureau")
    assert "办法第七条" in d.details and "1年以内" in d.details


def test_the_window_includes_its_first_day_and_not_the_day_before_含1年(pilot):
    _on_licence(pilot, date(2025, 3, 1), vehicle_type=VehicleType.TAXI_SMALL, registration_date=date(2018, 3, 1))
    _on_licence(pilot, date(2025, 2, 28), vehicle_type=VehicleType.TAXI_SMALL, registration_date=date(2018, 3, 1))
    assert run_consistency_checks(TODAY) == 1
    assert Discrepancy.objects.get().key == str(LicenceVehicle.objects.get(licence__issued_on=date(2025, 3, 1)).licence_id)


def test_a_vehicle_that_reaches_the_window_after_issue_is_no_finding_办法第七条(pilot):
    # Banned from 2025-09-01, the licence was issued 2025-06-02 and used on 2025-10-15: judged at issue.
    _on_licence(pilot, date(2025, 6, 2), used_on=date(2025, 10, 15), cleared_on=date(2025, 10, 15),
                vehicle_type=VehicleType.TAXI_SMALL, registration_date=date(2018, 9, 1))
    assert run_consistency_checks(TODAY) == 0


def test_the_scrap_start_is_the_manufacture_date_when_registered_over_2_years_later_报废规定第五条(pilot):
    # Made 2017-06-01, registered 2021-01-04: counted from manufacture, banned from 2024-06-01.
    _on_licence(pilot, date(2025, 1, 6), used_on=date(2025, 2, 1), vehicle_type=VehicleType.TAXI_SMALL,
                registration_date=date(2021, 1, 4), manufacture_date=date(2017, 6, 1))
    assert run_consistency_checks(TODAY) == 1


def test_a_commercial_past_gives_the_stricter_service_life_报废规定第六条(pilot):
    # A small non-commercial car (no service life) that ran as a taxi: 8 years apply.
    _on_licence(pilot, date(2025, 6, 2), vehicle_type=VehicleType.NONCOMMERCIAL_PASSENGER_SMALL,
                previous_use=PreviousUse.CHANGED, commercial_vehicle_type=VehicleType.TAXI_SMALL,
                registration_date=date(2018, 3, 1))
    assert run_consistency_checks(TODAY) == 1


def test_a_clean_fixture_with_service_lives_finds_nothing(pilot):
    _on_licence(pilot, date(2025, 6, 2), vehicle_type=VehicleType.TAXI_SMALL, registration_date=date(2019, 3, 1))
    _on_licence(pilot, date(2025, 6, 2), vehicle_type=VehicleType.NONCOMMERCIAL_PASSENGER_SMALL,
                registration_date=date(2005, 1, 1))
    _on_licence(pilot, date(2025, 6, 2), vehicle_type=VehicleType.TRUCK_OTHER, registration_date=date(2011, 6, 3))
    assert run_consistency_checks(TODAY) == 0 and not Discrepancy.objects.exists()


def test_a_stolen_vehicle_in_the_window_is_one_finding_per_licence(pilot):
    _on_licence(pilot, date(2025, 6, 2), stolen=True, vehicle_type=VehicleType.TAXI_SMALL,
                registration_date=date(2018, 3, 1))
    assert run_consistency_checks(TODAY) == 1 and run_consistency_checks(TODAY) == 0
