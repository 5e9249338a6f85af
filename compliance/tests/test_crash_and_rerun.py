"""A run that dies half-way leaves whole steps behind; a rerun finishes the work, nothing doubled or lost."""

from datetime import date

import pytest

from compliance import sweep
from compliance.models import Obligation, RuleCode, Violation
from compliance.services import run_compliance
from compliance.tests.factories import exported


class WorkerDied(Exception):
    pass


def _dies(ctx):
    raise WorkerDied("the worker was killed")


def test_a_run_killed_after_the_first_rule_committed_is_finished_by_a_rerun(pilot, monkeypatch):
    vehicle = exported(pilot, date(2025, 12, 31))
    # The process dies right after the first rule (deregistration_2m) committed.
    steps = list(sweep.STEPS)
    monkeypatch.setattr(sweep, "STEPS", [steps[0], _dies, *steps[1:]])
    with pytest.raises(WorkerDied):
        run_compliance(date(2026, 3, 2))
    assert Obligation.objects.filter(rule=RuleCode.DEREGISTRATION_2M, vehicle=vehicle, status="overdue").count() == 1
    assert not Obligation.objects.exclude(rule=RuleCode.DEREGISTRATION_2M).exists()
    assert not Violation.objects.exists()

    monkeypatch.setattr(sweep, "STEPS", steps)
    result = run_compliance(date(2026, 3, 2))
    assert Obligation.objects.filter(rule=RuleCode.DEREGISTRATION_2M).count() == 1
    assert Obligation.objects.filter(rule=RuleCode.NO_EXPORT_12M).exists()
    assert Violation.objects.filter(obligation__vehicle=vehicle).count() == 1
    assert result.counts["violations"] == Violation.objects.count()
    assert pilot.user.notifications.filter(code="compliance.overdue").count() == Violation.objects.count()


def test_a_run_killed_inside_a_rule_leaves_nothing_of_that_rule(pilot, monkeypatch):
    exported(pilot, date(2025, 12, 31))

    def half_then_die(ctx):
        sweep.first_export_6m(ctx)
        raise WorkerDied

    steps = list(sweep.STEPS)
    monkeypatch.setattr(sweep, "STEPS", [half_then_die])
    with pytest.raises(WorkerDied):
        run_compliance(date(2026, 3, 2))
    assert not Obligation.objects.exists()
    monkeypatch.setattr(sweep, "STEPS", steps)
    run_compliance(date(2026, 3, 2))
    assert Obligation.objects.filter(rule=RuleCode.FIRST_EXPORT_6M).count() == 1
