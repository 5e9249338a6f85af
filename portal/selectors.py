"""Reads filtered by what a user may see: every list and object load starts here."""

from auditlog.models import LogEntry
from django.http import Http404

from .models import Notification, Organisation, User
from .roles import Role, has_role, is_bureau


def organisations_visible_to(user):
    """The bureau and auditors see every organisation; others their own."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if is_bureau(user) or user.is_superuser:  # not the auditor (api.md v1.1: the audit log only)
        return Organisation.objects.all()
    return Organisation.objects.filter(pk=user.organisation_id)


def users_visible_to(user):
    if is_bureau(user) or user.is_superuser:
        return User.objects.select_related("organisation")
    return User.objects.filter(pk=user.pk)


def audit_entries_visible_to(user):
    """The audit log is readable only by the auditor and the bureau roles (issue 3)."""
    if has_role(user, Role.AUDITOR, Role.BUREAU_OFFICER, Role.BUREAU_HEAD) or user.is_superuser:
        return LogEntry.objects.select_related("actor", "content_type")
    return LogEntry.objects.none()


def notifications_for(user):
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    """The badge of every signed-in page's header: one index read (recipient, read_at), its SQL written once
    (issue 25: the ORM's compile of the same count was ~0.4 ms of CPU a page)."""
    if not user.is_authenticated:
        return 0
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(_UNREAD_SQL, [user.pk])
        return cursor.fetchone()[0]


# The notification table's columns, written out (a test holds them to the model).
_UNREAD_SQL = 'SELECT COUNT(*) FROM "portal_notification" WHERE "recipient_id" = %s AND "read_at" IS NULL'



def get_visible_or_404(queryset, **lookup):
    """healthchecks' _get_check_for_user habit: 404 to anyone who may not see the object."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj
