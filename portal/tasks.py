from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
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


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_notification_email(self, notification_id: int) -> bool:
    from .models import Notification

    note = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if note is None or note.emailed_at is not None:
        return False
    # Mark first (compare-and-set) so that a retried task never sends twice.
    if not Notification.objects.filter(pk=note.pk, emailed_at__isnull=True).update(emailed_at=timezone.now()):
        return False
    try:
        send_mail(
            subject=f"[太原市二手车出口业务管理平台] {note.title}",
            message=f"{note.body}\n\n{note.link}".strip(),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[note.recipient.email],
        )
    except OSError as exc:
        Notification.objects.filter(pk=note.pk).update(emailed_at=None)
        raise self.retry(exc=exc) from exc
    return True
