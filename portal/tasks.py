from celery import shared_task
from django.utils import timezone


@shared_task
def ping() -> str:
    return "pong"


@shared_task
def add(x: int, y: int) -> int:
    """A trivial task for the broker round-trip test."""
    return x + y


@shared_task
def heartbeat() -> str:
    """Scheduled by beat every minute; /healthz reads the row to tell that beat is alive."""
    from .models import Heartbeat

    now = timezone.now()
    Heartbeat.objects.update_or_create(name="beat", defaults={"beat_at": now})
    return now.isoformat()


# Idempotent jobs are acknowledged only when done, and put back when the worker dies under them
# (issue 22 point 4), so a killed worker's job is run again rather than lost.
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(bind=True, max_retries=5, default_retry_delay=60, **IDEMPOTENT)
def send_notification_email(self, notification_id: int) -> bool:
    from .notifications import EmailNotSent, deliver_email

    try:
        return deliver_email(notification_id)
    except EmailNotSent as exc:
        raise self.retry(exc=exc.__cause__ or exc) from exc


@shared_task(**IDEMPOTENT)
def send_unsent_emails() -> int:
    """Every few minutes: each notification whose e-mail was not sent is sent, once (issue 22 point 4)."""
    from .notifications import send_unsent_emails as resend

    return resend()
