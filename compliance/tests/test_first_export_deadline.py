"""办法第八条: first customs clearance by add_months(designation date, 6)."""

from datetime import date

from compliance.models import Obligation, ObligationStatus, RuleCode
from compliance.services import run_compliance
from compliance.tests.factories import exported


def _first_export(enterprise):
    return Obligation.objects.get(rule=RuleCode.FIRST_EXPORT_6M, enterprise=enterprise)


def test_article_8_a_first_export_exactly_at_6_months_meets_the_obligation(pilot):
    exported(pilot, date(2025, 9, 1))
    run_compliance(date(2025, 9, 2))
    ob = _first_export(pilot)
    assert (ob.due_on, ob.status, ob.met_on) == (date(2025, 9, 1), ObligationStatus.MET, date(2025, 9, 1))


def test_article_8_no_export_by_6_months_is_overdue_from_the_next_day(pilot):
    run_compliance(date(2025, 9, 1))
    assert _first_export(pilot).status == ObligationStatus.OPEN
    run_compliance(date(2025, 9, 2))
    ob = _first_export(pilot)
    assert (ob.status, ob.overdue_since) == (ObligationStatus.OVERDUE, date(2025, 9, 2))


def test_article_8_an_export_after_the_run_day_does_not_count_for_that_day(pilot):
    exported(pilot, date(2025, 8, 20))
    run_compliance(date(2025, 8, 1))
    assert _first_export(pilot).status == ObligationStatus.OPEN
