"""办法第十三、十四条: voluntary exit, and the after-sales year that stays enforced after it."""

from datetime import date

import pytest

from compliance.models import ExitStatus, Obligation, ObligationStatus, RuleCode, Violation
from compliance.services import apply_for_exit, record_aftersales_breach, run_compliance
from compliance.tests.factories import exported
from compliance.tests.helpers import decide_through_casework
from portal.errors import RuleRefused
from portal.models import PilotStatus
from portal.roles import Role


def _exit(pilot, officer, on=date(2026, 2, 1)):
    """第十三条: the officer prepares the approval, the head authorises it (casework, with its letter)."""
    from tests.factories import make_user

    head = make_user(Role.BUREAU_HEAD, organisation=officer.organisation)
    application = apply_for_exit(pilot, actor=pilot.user, today=on, reason="业务调整", aftersales_arrangements="委托当地服务商")
    decide_through_casework("exit", application, "exit_approval", officer=officer, head=head, today=on, facts="材料齐全")
    application.refresh_from_db()
    return application


def test_article_13_an_approved_exit_sets_the_pilot_status_exited(pilot, bureau_officer):
    application = _exit(pilot, bureau_officer)
    pilot.refresh_from_db()
    assert application.status == ExitStatus.APPROVED
    assert (pilot.pilot_status, pilot.pilot_status_changed_on) == (PilotStatus.EXITED, date(2026, 2, 1))
    with pytest.raises(RuleRefused):
        apply_for_exit(pilot, actor=pilot.user, today=date(2026, 2, 2), reason="x", aftersales_arrangements="y")


def test_article_14_after_exit_each_vehicle_exported_within_the_year_keeps_an_aftersales_duty(pilot, bureau_officer):
    recent = exported(pilot, date(2025, 6, 30), deregistered_on=date(2025, 7, 1))
    exported(pilot, date(2025, 1, 15), deregistered_on=date(2025, 2, 1))  # its year ended before the exit
    _exit(pilot, bureau_officer)
    run_compliance(date(2026, 2, 2))
    duty = Obligation.objects.get(rule=RuleCode.AFTERSALES_1Y)
    assert (duty.vehicle, duty.due_on, duty.status) == (recent, date(2026, 6, 30), ObligationStatus.OPEN)
    # No new first-export or no-export duties, and the old ones are not judged any more.
    assert not Obligation.objects.filter(rule=RuleCode.NO_EXPORT_12M, status=ObligationStatus.OVERDUE).exists()
    run_compliance(date(2026, 7, 1))
    duty.refresh_from_db()
    assert (duty.status, duty.met_on) == (ObligationStatus.MET, date(2026, 6, 30))


def test_article_14_a_recorded_aftersales_breach_is_a_violation_told_to_both_sides(pilot, bureau_officer):
    exported(pilot, date(2025, 6, 30), deregistered_on=date(2025, 7, 1))
    _exit(pilot, bureau_officer)
    run_compliance(date(2026, 2, 2))
    duty = Obligation.objects.get(rule=RuleCode.AFTERSALES_1Y)
    record_aftersales_breach(duty, actor=bureau_officer, today=date(2026, 3, 1), reason="拒绝处理索赔")
    run_compliance(date(2026, 3, 1))
    violation = Violation.objects.get(obligation=duty)
    assert violation.overdue_since == date(2026, 3, 1)
    assert violation.revocation_case is None
    assert pilot.user.notifications.filter(code="compliance.overdue").exists()
