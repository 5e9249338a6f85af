"""E-mailing notifications exactly once (issue 22 point 4).

An e-mail is claimed (compare-and-set on `email_claimed_at`), sent, then marked `emailed_at`.
Two senders never both send: only one claim succeeds. A sender that dies between claim and mark
leaves a stale claim, which the periodic job takes over after EMAIL_CLAIM_MINUTES; the on-commit
enqueue that was lost (a dead broker, a killed worker) is made good by the same job.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from .models import Notification


class EmailNotSent(Exception):
    """The mail server refused or could not be reached; the claim is released for a retry."""


def _claimable(now):
    stale = now - timedelta(minutes=settings.EMAIL_CLAIM_MINUTES)
    return Q(emailed_at__isnull=True) & (Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=stale))


def deliver_email(notification_id: int) -> bool:
    """Send one notification's e-mail unless it was sent or another sender holds it; True if sent now."""
    now = timezone.now()
    if not Notification.objects.filter(_claimable(now), pk=notification_id).update(email_claimed_at=now):
        return False
    note = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        send_mail(
            subject=f"[太原市二手车出口业务管理平台] {note.title}",
            message=f"{note.body}\n\n{note.link}".strip(),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[note.recipient.email],
        )
    except OSError as exc:
        Notification.objects.filter(pk=note.pk, email_claimed_at=now).update(email_claimed_at=None)
        raise EmailNotSent(str(exc)) from exc
    Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
    return True


def unsent(now=None):
    """Notifications owed an e-mail: the recipient wants mail, none was sent, no live claim; older
    than EMAIL_RESEND_AFTER_SECONDS, so the normal on-commit task gets its chance first."""
    now = now or timezone.now()
    return (
        Notification.objects.filter(_claimable(now), created_at__lt=now - timedelta(
            seconds=settings.EMAIL_RESEND_AFTER_SECONDS))
        .filter(recipient__email_notifications=True, recipient__is_active=True)
        .exclude(recipient__email="")
        .order_by("created_at", "id")
    )


def send_unsent_emails(limit: int = 500) -> int:
    sent = 0
    for pk in unsent().values_list("pk", flat=True)[:limit]:
        try:
            sent += deliver_email(pk)
        except EmailNotSent:
            continue  # the next run tries again
    return sent
