"""Consistency checks across agencies: each finding opens exactly one discrepancy, in the acting agency's queue."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from casework.consistency import run_consistency_checks
from casework.models import Discrepancy, DiscrepancyKind
from casework.queue import work_queue
from compliance.tests.factories import VehicleFactory, exported, issued_licence
from portal.models import PilotStatus
from traceability.models import Licence, LicenceStatus, LicenceVehicle

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)


def _kinds():
    return sorted(Discrepancy.objects.values_list("kind", flat=True))


def test_a_clean_fixture_finds_nothing(pilot):
    v = exported(pilot, date(2026, 1, 10), deregistered_on=date(2026, 2, 1), inspected_on=date(2026, 1, 5))
    licence = issued_licence(pilot, date(2026, 1, 2), date(2026, 6, 30))
    LicenceVehicle.objects.create(licence=licence, vehicle=v)
    assert run_consistency_checks(TODAY) == 0 and _kinds() == []


def test_deregistration_dated_before_clearance_is_found_once_for_the_police_办法第六条(pilot, police_officer):
    v = exported(pilot, date(2026, 1, 10), deregistered_on=date(2026, 1, 5))
    assert run_consistency_checks(TODAY) == 1
    assert run_consistency_checks(TODAY) == 0
    d = Discrepancy.objects.get()
    assert (d.kind, d.vehicle, d.acting_kind) == (DiscrepancyKind.DEREGISTERED_BEFORE_CLEARANCE, v, "police")
    assert f"discrepancy:{d.pk}" in {i.key for i in work_queue(police_officer, today=TODAY)}


def test_inspection_dated_after_clearance_is_found_once_实施方案三(pilot):
    exported(pilot, date(2026, 1, 10), inspected_on=date(2026, 1, 12))
    run_consistency_checks(TODAY)
    run_consistency_checks(TODAY)
    assert _kinds() == [DiscrepancyKind.INSPECTED_AFTER_CLEARANCE]


def test_one_vin_on_two_live_licences_is_found_once_一批一证(pilot):
    v = VehicleFactory(enterprise=pilot)
    for _ in range(2):
        LicenceVehicle.objects.create(licence=issued_licence(pilot, date(2026, 1, 2), date(2026, 6, 30)), vehicle=v)
    run_consistency_checks(TODAY)
    run_consistency_checks(TODAY)
    assert _kinds() == [DiscrepancyKind.VIN_ON_TWO_LIVE_LICENCES]


def test_an_export_by_a_revoked_enterprise_is_found_once_for_customs_办法第十二条(pilot):
    pilot.pilot_status, pilot.pilot_status_changed_on = PilotStatus.REVOKED, date(2026, 1, 1)
    pilot.save()
    exported(pilot, date(2026, 1, 10))
    exported(pilot, date(2025, 12, 20))  # before the revocation: fine
    run_consistency_checks(TODAY)
    run_consistency_checks(TODAY)
    assert _kinds() == [DiscrepancyKind.EXPORT_BY_INELIGIBLE_ENTERPRISE]
    assert Discrepancy.objects.get().acting_kind == "customs"


def test_an_export_ban_found_after_issue_is_found_once_办法第七条(pilot):
    v = VehicleFactory(enterprise=pilot, stolen=True)
    licence = issued_licence(pilot, date(2026, 1, 2), date(2026, 6, 30))
    LicenceVehicle.objects.create(licence=licence, vehicle=v)
    Licence.objects.create(enterprise=pilot, destination_country="KZ", status=LicenceStatus.CANCELLED,
                           requested_by=licence.requested_by)
    run_consistency_checks(TODAY)
    run_consistency_checks(TODAY)
    assert _kinds() == [DiscrepancyKind.EXPORT_BAN_AFTER_ISSUE]
    assert Discrepancy.objects.get().key == str(licence.pk)


def test_the_compliance_job_runs_the_checks_and_a_rerun_opens_no_second_case(pilot):
    exported(pilot, date(2026, 1, 10), deregistered_on=date(2026, 1, 5))
    call_command("run_compliance", "--as-of", "2026-03-01", stdout=StringIO())
    call_command("run_compliance", "--as-of", "2026-03-02", stdout=StringIO())
    assert Discrepancy.objects.count() == 1
