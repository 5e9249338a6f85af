"""Journey 14 (办法第六条, deregistration_2m): after clearance and deregistration, the nightly compliance run
marks the deregistration obligation met, and the bureau sees it from its compliance dashboard."""

import pytest
from django.core.management import call_command

from compliance.models import Obligation, ObligationStatus, RuleCode

from .journeys import append, arrive, cleared, licensed_vehicle, menu, sign_in, today

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_bureau_dashboard_shows_the_deregistration_obligation_met(
        page, pilot_user, police_officer, inspector, bureau_officer, bureau_head, customs_officer):
    vehicle, _licence = licensed_vehicle(pilot_user, police_officer, inspector, bureau_officer, bureau_head)
    cleared(vehicle, customs_officer)
    append(vehicle, "deregistration", {"certificate_number": "ZX-2026-0002"}, police_officer)
    call_command("run_compliance", as_of=today().isoformat(), verbosity=0)
    obligation = Obligation.objects.get(vehicle=vehicle, rule=RuleCode.DEREGISTRATION_2M)
    assert obligation.status == ObligationStatus.MET

    enterprise = pilot_user.organisation
    sign_in(page, bureau_officer)
    menu(page, "合规", shot="journey-14-compliance-dashboard")
    row = page.locator("tbody tr", has_text=enterprise.name)
    assert row.count() == 1
    with page.expect_navigation():
        row.get_by_role("link", name=enterprise.name).click()
    arrive(page)
    page.get_by_label("规则").select_option(RuleCode.DEREGISTRATION_2M.value)
    with page.expect_navigation():
        page.get_by_role("button", name="筛选").click()
    arrive(page, shot="journey-14-obligation-met")
    line = page.locator("tbody tr", has_text=vehicle.vin).inner_text()
    assert "已履行" in line and "出口后2个月内办理注销登记" in line
