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


def test_article_12_item_2_a_pilot_whose_first_export_came_years_late_is_found_by_the_daily_run(db):
    """办法第十二条第2项 (domain-rules v1.1): the demo pilot, designated 2021-03-01, first exported in
    2026; the daily run of 2026-12-02 finds the 12 months after designation without an export, as
    `run_compliance --as-of 2022-03-02` does."""
    from tests.factories import PilotEnterpriseFactory

    late = PilotEnterpriseFactory(designated_on=date(2021, 3, 1))
    exported(late, date(2026, 6, 1))
    run_compliance(date(2026, 12, 2))
    first, second = _obligations(late)
    assert (first.period_start, first.due_on, first.status, first.overdue_since) == (
        date(2021, 3, 1), date(2022, 3, 1), ObligationStatus.OVERDUE, date(2022, 3, 2))
    assert (second.period_start, second.due_on, second.status) == (date(2026, 6, 1), date(2027, 6, 1), ObligationStatus.OPEN)
    assert RevocationCase.objects.filter(enterprise=late, ground="no_export_12m").count() == 1


def test_article_12_item_2_every_export_starts_its_own_12_months(pilot):
    """办法第十二条第2项: an obligation per start — the designation and each export since."""
    exported(pilot, date(2025, 6, 1))
    exported(pilot, date(2025, 9, 1))
    exported(pilot, date(2025, 9, 1))  # two cars the same day: one start
    run_compliance(date(2025, 12, 1))
    assert [(o.period_start, o.status) for o in _obligations(pilot)] == [
        (date(2025, 3, 1), ObligationStatus.MET), (date(2025, 6, 1), ObligationStatus.MET),
        (date(2025, 9, 1), ObligationStatus.OPEN)]
