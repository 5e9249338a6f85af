"""The beat job (a real Celery worker) and the command produce the same obligations and violations."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from compliance.models import Obligation, Violation
from compliance.tasks import run_daily_compliance
from compliance.tests.factories import exported
from portal.schedules import all_schedules
from tests.factories import PilotEnterpriseFactory


def _rows():
    return (
        sorted(Obligation.objects.values_list("rule", "enterprise_id", "vehicle_id", "period_key", "due_on", "status")),
        sorted(Violation.objects.values_list("rule", "enterprise_id", "vehicle_id", "overdue_since")),
    )


def test_the_daily_job_is_registered_at_the_configured_time(db, settings):
    assert ("compliance.daily", "compliance.tasks.run_daily_compliance", "daily", settings.COMPLIANCE_RUN_AT) in all_schedules()
    call_command("setup_schedules", stdout=StringIO())
    task = PeriodicTask.objects.get(name="compliance.daily")
    hour, minute = settings.COMPLIANCE_RUN_AT.split(":")
    assert (task.crontab.hour, task.crontab.minute) == (str(int(hour)), str(int(minute)))


@pytest.mark.django_db(transaction=True)
def test_the_worker_run_and_the_command_produce_the_same_rows(celery_worker):
    first, second = (PilotEnterpriseFactory(designated_on=date(2025, 3, 1)) for _ in range(2))
    for enterprise in (first, second):
        exported(enterprise, date(2025, 12, 31))
    counts = run_daily_compliance.delay("2026-03-02").get(timeout=120)
    assert counts["as_of"] == "2026-03-02" and counts["violations"] > 0
    by_worker = _rows()
    out = StringIO()
    call_command("run_compliance", "--as-of", "2026-03-02", stdout=out)
    assert "0 new, 0 met, 0 overdue, 0 violations" in out.getvalue()
    assert _rows() == by_worker

    # And the other way round on the next day: the command first, then the worker changes nothing.
    exported(first, date(2026, 3, 3))
    call_command("run_compliance", "--as-of", "2026-03-04", stdout=StringIO())
    by_command = _rows()
    again = run_daily_compliance.delay("2026-03-04").get(timeout=120)
    assert (again.get("created", 0), again.get("violations", 0)) == (0, 0)
    assert _rows() == by_command
