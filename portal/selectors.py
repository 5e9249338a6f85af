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
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def get_visible_or_404(queryset, **lookup):
    """healthchecks' _get_check_for_user habit: 404 to anyone who may not see the object."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj
