"""Scheduled jobs of case work: thin wrappers around services (registered in apps.py)."""

from datetime import date

from celery import shared_task
from django.utils import timezone


@shared_task
def send_clock_reminders(as_of: str | None = None) -> dict:
    """Bring the clocks up to date with the workflows, then send the 7/3/1-working-day reminders."""
    from .clocks import send_reminders, sync_clocks

    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    sync_clocks(day)
    return {"as_of": day.isoformat(), "sent": send_reminders(day)}
