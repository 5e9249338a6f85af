"""Scheduled jobs of case work: thin wrappers around services (registered in apps.py)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from portal.tasks import IDEMPOTENT  # acks_late + reject_on_worker_lost (issue 22 point 4)


@shared_task(**IDEMPOTENT)
def send_clock_reminders(as_of: str | None = None) -> dict:
    """Bring the clocks up to date with the workflows, deem withdrawn the cases whose 补正 went
    unanswered past its deadline, then send the 7/3/1-working-day reminders."""
    from django.contrib.contenttypes.models import ContentType

    from .clocks import send_reminders, sync_clocks
    from .services import deem_withdrawn

    # Clocks point at their subjects by content type: a worker outlives a database restore (and the
    # test suite's flushes), so it reads the content type ids afresh on every run.
    ContentType.objects.clear_cache()
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    sync_clocks(day)
    withdrawn = deem_withdrawn(day)
    return {"as_of": day.isoformat(), "withdrawn": withdrawn, "sent": send_reminders(day)}


@shared_task(**IDEMPOTENT)
def generate_letter_pdf(letter_id: int) -> bool:
    """Render and sign a letter fixed by a workflow's own route, after its transaction committed."""
    from .letters import generate_pending

    return generate_pending(letter_id)
