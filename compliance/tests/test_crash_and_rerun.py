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


def test_a_run_left_without_finished_at_by_a_killed_worker_is_closed_by_the_next_run(pilot, monkeypatch):
    from compliance.models import ComplianceRun

    exported(pilot, date(2025, 12, 31))
    steps = list(sweep.STEPS)
    monkeypatch.setattr(sweep, "STEPS", [steps[0], _dies])
    with pytest.raises(WorkerDied):
        run_compliance(date(2026, 3, 2))
    dead = ComplianceRun.objects.get()
    assert dead.finished_at is None
    monkeypatch.setattr(sweep, "STEPS", steps)
    result = run_compliance(date(2026, 3, 2))
    dead.refresh_from_db()
    assert dead.finished_at is not None
    assert dead.counts["interrupted"] is True and dead.counts["resumed_by_run"] == result.run_id
    assert result.counts["closed_unfinished_runs"] == 1
    assert not ComplianceRun.objects.filter(finished_at__isnull=True).exists()


def test_the_idempotent_jobs_are_acknowledged_late_and_put_back_when_their_worker_dies():
    from casework.tasks import generate_letter_pdf, send_clock_reminders
    from compliance.tasks import run_daily_compliance
    from portal.tasks import send_notification_email, send_unsent_emails
    from supervision.tasks import escalate_overdue_complaints
    from traceability.tasks import check_every_file

    for task in (run_daily_compliance, check_every_file, generate_letter_pdf, send_clock_reminders,
                 escalate_overdue_complaints, send_notification_email, send_unsent_emails):
        assert task.acks_late and task.reject_on_worker_lost, task.name
