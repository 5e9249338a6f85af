from celery import shared_task
from django.utils import timezone


@shared_task
def escalate_overdue_complaints(as_of: str | None = None) -> int:
    """Daily: complaints not answered by their due date are escalated (实施方案三(四))."""
    from datetime import date

    from .services import escalate_overdue_complaints as run

    return run(date.fromisoformat(as_of) if as_of else timezone.localdate())
