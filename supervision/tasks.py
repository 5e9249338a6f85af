from celery import shared_task
from django.utils import timezone

from portal.tasks import IDEMPOTENT  # acks_late + reject_on_worker_lost (issue 22 point 4)


@shared_task(**IDEMPOTENT)
def escalate_overdue_complaints(as_of: str | None = None) -> int:
    """Daily: complaints not answered by their due date are escalated (实施方案三(四))."""
    from datetime import date

    from .services import escalate_overdue_complaints as run

    return run(date.fromisoformat(as_of) if as_of else timezone.localdate())
