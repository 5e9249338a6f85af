"""Journey 16 (办法第六条, deregistration_2m): a vehicle cleared but never deregistered becomes overdue and a
violation once run_compliance judges a day after add_months(clearance, 2); the bureau and the enterprise see it."""

from datetime import timedelta

import pytest
from django.core.management import call_command

from compliance.models import Obligation, ObligationStatus, RuleCode, Violation
from portal.dates import add_months

from .journeys import arrive, cleared, licensed_vehicle, menu, sign_in, sign_out, today

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_overdue_deregistration_becomes_a_violation_after_a_later_compliance_run(
        page, pilot_user, police_officer, inspector, bureau_officer, bureau_head, customs_officer):
    vehicle, _licence = licensed_vehicle(pilot_user, police_officer, inspector, bureau_officer, bureau_head)
    cleared(vehicle, customs_officer)
    due = add_months(vehicle.cleared_on, 2)

    call_command("run_compliance", as_of=due.isoformat(), verbosity=0)  # on the due date: still in time
    obligation = Obligation.objects.get(vehicle=vehicle, rule=RuleCode.DEREGISTRATION_2M)
    assert obligation.status == ObligationStatus.OPEN and obligation.due_on == due
    call_command("run_compliance", as_of=(due + timedelta(days=1)).isoformat(), verbosity=0)
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.OVERDUE
    assert Violation.objects.filter(vehicle=vehicle, rule=RuleCode.DEREGISTRATION_2M).exists()

    sign_in(page, bureau_officer)
    menu(page, "合规", shot="journey-16-dashboard-overdue")
    row = page.locator("tbody tr", has_text=pilot_user.organisation.name).inner_text()
    assert "\t1\t" in row  # one overdue obligation
    with page.expect_navigation():
        page.get_by_role("link", name="违规记录").click()
    arrive(page, shot="journey-16-violations")
    line = page.locator("tbody tr", has_text=vehicle.vin).inner_text()
    assert "出口后2个月内办理注销登记" in line and f"{due + timedelta(days=1):%Y-%m-%d}" in line
    sign_out(page)

    sign_in(page, pilot_user)
    menu(page, "合规", shot="journey-16-enterprise-obligations")
    line = page.locator("tbody tr", has_text=vehicle.vin).inner_text()
    assert "已逾期" in line
    assert today() < due  # judged for a later date than the real one
