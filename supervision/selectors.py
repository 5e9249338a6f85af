"""Reads filtered by what the user may see: every complaint list and load starts here."""

from django.db.models import Q

from portal.roles import is_bureau
from portal.selectors import get_visible_or_404

from .models import Complaint, ComplaintStatus

# An enterprise sees a complaint once the bureau has assigned it (实施方案三(四)).
ASSIGNED_STATUSES = (
    ComplaintStatus.ASSIGNED, ComplaintStatus.ESCALATED, ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED,
)


def complaints_visible_to(user):
    base = Complaint.objects.select_related("enterprise", "vehicle")
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if is_bureau(user):
        return base
    if user.organisation_id and user.organisation.is_enterprise:
        return base.filter(enterprise_id=user.organisation_id, status__in=ASSIGNED_STATUSES, assigned_on__isnull=False)
    return base.none()


def may_see_contact_details(user) -> bool:
    """The complainant's contact details are for the bureau only."""
    return is_bureau(user)


def search_complaints(queryset, *, q: str = "", status: str = "", severity: str = "", category: str = ""):
    if q:
        queryset = queryset.filter(
            Q(number__icontains=q) | Q(vehicle__vin__icontains=q) | Q(enterprise__name__icontains=q)
        )
    if status:
        queryset = queryset.filter(status=status)
    if severity:
        queryset = queryset.filter(severity=severity)
    if category:
        queryset = queryset.filter(category=category)
    return queryset


def get_complaint_for(user, pk):
    return get_visible_or_404(complaints_visible_to(user), pk=pk)


def public_complaint(number: str):
    return get_visible_or_404(Complaint.objects.only("number", "status", "received_on", "answered_on"),
                              number=(number or "").strip().upper())
