"""The daily sweep, scheduled at settings.COMPLIANCE_RUN_AT (see apps.py)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from portal.tasks import IDEMPOTENT  # acks_late + reject_on_worker_lost (issue 22 point 4)


@shared_task(**IDEMPOTENT)
def run_daily_compliance(as_of: str | None = None) -> dict:
    """A thin wrapper: the same service as `manage.py run_compliance`."""
    from .services import run_compliance

    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    result = run_compliance(day, trigger="beat")
    return {"as_of": day.isoformat(), "run": result.run_id, **result.counts}


@shared_task(**IDEMPOTENT)
def incident_deadlines(as_of: str | None = None) -> dict:
    """实施方案三(四), 办法第十二条: reminders before an incident order's deadline and, at it, the declared
    next step for an unfinished order (compliance.incidents.deadlines; once per incident)."""
    from .incidents.deadlines import run_incident_deadlines

    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    return {"as_of": day.isoformat(), **run_incident_deadlines(day)}
