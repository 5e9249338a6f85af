"""办法第十二条第2项: an export within 12 months of designation and of each export; a breach opens a case."""

from datetime import date

from compliance.models import CaseStatus, Obligation, ObligationStatus, RevocationCase, RuleCode, Violation
from compliance.services import run_compliance
from compliance.tests.factories import exported


def _obligations(enterprise):
    return Obligation.objects.filter(rule=RuleCode.NO_EXPORT_12M, enterprise=enterprise).order_by("period_start")


def test_article_12_item_2_no_export_for_12_months_since_designation_opens_a_revocation_case(pilot):
    run_compliance(date(2026, 3, 1))
    assert _obligations(pilot).get().status == ObligationStatus.OPEN
    assert not RevocationCase.objects.exists()

    run_compliance(date(2026, 3, 2))
    ob = _obligations(pilot).get()
    assert (ob.due_on, ob.status, ob.overdue_since) == (date(2026, 3, 1), ObligationStatus.OVERDUE, date(2026, 3, 2))
    case = RevocationCase.objects.get(enterprise=pilot)
    assert (case.ground, case.status) == ("no_export_12m", CaseStatus.NOTIFIED)
    assert Violation.objects.get(obligation=ob).revocation_case == case
    assert pilot.user.notifications.filter(code="compliance.case_opened").count() == 1


def test_article_12_item_2_an_export_in_month_11_meets_the_duty_and_starts_a_new_12_months(pilot):
    run_compliance(date(2025, 3, 1))
    exported(pilot, date(2026, 1, 31))
    run_compliance(date(2026, 3, 2))
    first, second = _obligations(pilot)
    assert (first.status, first.met_on) == (ObligationStatus.MET, date(2026, 1, 31))
    assert (second.period_start, second.due_on, second.status) == (date(2026, 1, 31), date(2027, 1, 31), ObligationStatus.OPEN)
    assert not RevocationCase.objects.exists()


def test_article_12_item_2_twelve_months_without_export_after_the_last_export_is_a_breach(pilot):
    exported(pilot, date(2025, 5, 31))
    run_compliance(date(2025, 6, 1))
    run_compliance(date(2026, 6, 1))
    latest = _obligations(pilot).last()
    assert (latest.due_on, latest.status) == (date(2026, 5, 31), ObligationStatus.OVERDUE)
    assert RevocationCase.objects.filter(enterprise=pilot, ground="no_export_12m").count() == 1
