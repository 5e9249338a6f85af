from celery import shared_task
from django.utils import timezone

from portal.tasks import IDEMPOTENT  # acks_late + reject_on_worker_lost (issue 22 point 4)


@shared_task(**IDEMPOTENT)
def escalate_overdue_complaints(as_of: str | None = None) -> int:
    """Daily: complaints not answered by their due date are escalated (实施方案三(四))."""
    from datetime import date

    from .services import escalate_overdue_complaints as run

    return run(date.fromisoformat(as_of) if as_of else timezone.localdate())


@shared_task(**IDEMPOTENT)
def flag_overdue_inspection_results(as_of: str | None = None) -> int:
    """Daily: inspection results not public within 20 working days of the visit (国办发〔2015〕58号)."""
    from datetime import date

    from .inspections.services import flag_overdue_results

    return flag_overdue_results(date.fromisoformat(as_of) if as_of else timezone.localdate())


@shared_task(**IDEMPOTENT)
def send_rating_invitation(complaint_id: int) -> bool:
    """好差评 (issue 23 point 4): the closed complaint's rating link, e-mailed to the complainant."""
    from .ratings import send_invitation_email

    return send_invitation_email(complaint_id)
