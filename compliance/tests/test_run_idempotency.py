"""api.md: running twice for the same day changes nothing the second time; duplicates are impossible."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from compliance.models import Obligation, RevocationCase, RuleCode, Violation
from compliance.services import run_compliance
from compliance.tests.factories import exported, issued_licence
from portal.models import Notification


def _snapshot():
    return (
        list(Obligation.objects.order_by("id").values_list("id", "rule", "status", "due_on", "met_on", "overdue_since")),
        list(Violation.objects.order_by("id").values_list("id", "obligation_id", "revocation_case_id")),
        RevocationCase.objects.count(),
        Notification.objects.count(),
    )


def test_a_second_run_for_the_same_day_changes_nothing(pilot, bureau_officer):
    exported(pilot, date(2025, 12, 31))
    issued_licence(pilot, date(2025, 7, 1), date(2025, 12, 31))
    first = run_compliance(date(2026, 4, 1))
    before = _snapshot()
    assert first.counts["created"] > 0 and first.counts["violations"] > 0

    second = run_compliance(date(2026, 4, 1))
    assert _snapshot() == before
    assert {k: v for k, v in second.counts.items() if v} == {}
    assert second.changes == [c for c in second.changes if c.what == "due_today"]


def test_the_database_refuses_a_second_obligation_for_the_same_rule_vehicle_and_period(pilot):
    vehicle = exported(pilot, date(2025, 12, 31))
    run_compliance(date(2026, 1, 1))
    existing = Obligation.objects.get(rule=RuleCode.DEREGISTRATION_2M, vehicle=vehicle)
    with pytest.raises(IntegrityError), transaction.atomic():
        Obligation.objects.create(rule=existing.rule, enterprise=pilot, vehicle=vehicle, period_key=existing.period_key,
                                  period_start=existing.period_start, due_on=existing.due_on)
    with pytest.raises(IntegrityError), transaction.atomic():
        Violation.objects.create(obligation=existing, rule=existing.rule, enterprise=pilot, overdue_since=date(2026, 3, 1))
        Violation.objects.create(obligation=existing, rule=existing.rule, enterprise=pilot, overdue_since=date(2026, 3, 1))


def test_the_database_refuses_a_second_enterprise_obligation_for_the_same_period(pilot):
    run_compliance(date(2025, 4, 1))
    existing = Obligation.objects.get(rule=RuleCode.FIRST_EXPORT_6M, enterprise=pilot)
    with pytest.raises(IntegrityError), transaction.atomic():
        Obligation.objects.create(rule=existing.rule, enterprise=pilot, period_key=existing.period_key,
                                  period_start=existing.period_start, due_on=existing.due_on)
