"""State changes owned by the portal itself: notifications and organisations' pilot status."""

from collections.abc import Iterable
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.dispatch import Signal

from .models import Notification, Organisation, PilotStatus, User
from .roles import Role


def notify(
    recipients: Iterable[User],
    *,
    code: str,
    title: str,
    body: str = "",
    link: str = "",
    event_key: str = "",
) -> list[Notification]:
    """Put a message in each recipient's inbox and e-mail those who want it (after commit).

    With `event_key` a recipient is told at most once about the same event, however often the
    caller runs (a rerun of a job, a retried request).
    """
    from .tasks import send_notification_email

    created = []
    for user in {u.pk: u for u in recipients}.values():
        try:
            with transaction.atomic():
                note = Notification.objects.create(
                    recipient=user, code=code, title=str(title), body=str(body), link=link, event_key=event_key
                )
        except IntegrityError:
            continue  # already told about this event
        created.append(note)
        if user.email and user.email_notifications:
            # robust: a broker that is down must not turn the request into a 500 after its commit;
            # the e-mail is then sent by the periodic resend job (portal.tasks.send_unsent_emails).
            transaction.on_commit(lambda pk=note.pk: send_notification_email.delay(pk), robust=True)
    return created


def organisation_users(organisation: Organisation, *roles: str) -> list[User]:
    qs = User.objects.filter(organisation=organisation, is_active=True)
    if roles:
        qs = qs.filter(groups__name__in=[str(r) for r in roles])
    return list(qs.distinct())


def bureau_users(*roles: str) -> list[User]:
    roles = roles or (Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
    return list(User.objects.filter(is_active=True, groups__name__in=[str(r) for r in roles]).distinct())


def notify_organisation(organisation: Organisation, **message) -> list[Notification]:
    return notify(organisation_users(organisation), **message)


def notify_bureau(**message) -> list[Notification]:
    return notify(bureau_users(), **message)


def mark_read(user: User, ids: Iterable[int] | None = None) -> int:
    from django.utils import timezone

    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


# Sent when an enterprise is designated a pilot (办法第五条), in the designation's transaction: the
# duties it starts (第八条, 第十二条第2项) exist from that act (domain-rules v1.1). portal imports no
# app, so compliance listens.
pilot_designated = Signal()  # sender=Organisation, organisation=, on=


@transaction.atomic
def set_pilot_status(organisation: Organisation, status: str, on: date) -> Organisation:
    """The one place an enterprise's pilot status changes (designation, revocation, exit).

    Callers (review's designation, compliance's revocation and exit) record their own decision;
    this keeps the organisation row consistent and audited.
    """
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    org.pilot_status = status
    if status == PilotStatus.DESIGNATED and org.designated_on is None:
        org.designated_on = on
    org.pilot_status_changed_on = on
    org.save(update_fields=["pilot_status", "designated_on", "pilot_status_changed_on"])
    if status == PilotStatus.DESIGNATED:
        pilot_designated.send(sender=Organisation, organisation=org, on=org.designated_on)
    return org


def enterprises_in_good_standing():
    return Organisation.objects.filter(Q(pilot_status=PilotStatus.DESIGNATED))
