"""办法第六条: deregistration within add_months(clearance, 2); overdue from the next day."""

from datetime import date

from compliance.models import Obligation, ObligationStatus, RuleCode, Violation
from compliance.rules import due_date, is_overdue
from compliance.services import run_compliance
from compliance.tests.factories import exported
from portal.policy import first_version_values


def _obligation(vehicle):
    return Obligation.objects.get(rule=RuleCode.DEREGISTRATION_2M, vehicle=vehicle)


def test_article_6_clearance_on_31_december_is_due_on_28_february():
    assert due_date(RuleCode.DEREGISTRATION_2M, date(2025, 12, 31), first_version_values()) == date(2026, 2, 28)
    assert not is_overdue(date(2026, 2, 28), date(2026, 2, 28))
    assert is_overdue(date(2026, 2, 28), date(2026, 3, 1))


def test_article_6_obligation_is_open_on_the_due_day_and_overdue_on_1_march_not_before(pilot):
    vehicle = exported(pilot, date(2025, 12, 31))
    run_compliance(date(2026, 2, 28))
    ob = _obligation(vehicle)
    assert (ob.due_on, ob.status) == (date(2026, 2, 28), ObligationStatus.OPEN)
    assert not Violation.objects.filter(rule=RuleCode.DEREGISTRATION_2M).exists()

    run_compliance(date(2026, 3, 1))
    ob.refresh_from_db()
    assert ob.status == ObligationStatus.OVERDUE
    assert ob.overdue_since == date(2026, 3, 1)
    violation = Violation.objects.get(obligation=ob)
    assert (violation.rule, violation.vehicle, violation.overdue_since) == ("deregistration_2m", vehicle, date(2026, 3, 1))


def test_article_6_deregistration_on_the_due_day_meets_the_obligation(pilot):
    vehicle = exported(pilot, date(2025, 12, 31), deregistered_on=date(2026, 2, 28))
    run_compliance(date(2026, 3, 5))
    ob = _obligation(vehicle)
    assert (ob.status, ob.met_on) == (ObligationStatus.MET, date(2026, 2, 28))
    assert not Violation.objects.filter(rule=RuleCode.DEREGISTRATION_2M).exists()


def test_article_6_deregistration_a_day_late_is_still_a_violation(pilot):
    vehicle = exported(pilot, date(2025, 12, 31), deregistered_on=date(2026, 3, 1))
    run_compliance(date(2026, 3, 5))
    assert _obligation(vehicle).status == ObligationStatus.OVERDUE


def test_article_6_a_leap_year_clearance_on_31_december_is_due_on_29_february(pilot):
    vehicle = exported(pilot, date(2023, 12, 31))
    run_compliance(date(2024, 1, 2))
    assert _obligation(vehicle).due_on == date(2024, 2, 29)


def test_article_6_the_enterprise_and_the_bureau_are_told_once_per_violation(pilot, bureau_officer):
    exported(pilot, date(2025, 12, 31))
    run_compliance(date(2026, 3, 1))
    run_compliance(date(2026, 3, 2))
    notes = pilot.user.notifications.filter(code="compliance.overdue", title__contains="注销登记")
    assert notes.count() == 1
    assert bureau_officer.notifications.filter(code="compliance.overdue", title__contains="注销登记").count() == 1
