"""Reads of applications, filtered by what the user may see (every view and API starts here)."""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from portal.roles import Role, has_role, is_bureau

from .models import Application, ApplicationStatus

# review registers a function: expert → ids of the applications of their rounds without a conflict.
_EXPERT_VISIBILITY: list[Callable] = []


def register_expert_visibility(fn: Callable) -> None:
    """`fn(user)` returns a queryset (or list) of Application ids the expert may see."""
    if fn not in _EXPERT_VISIBILITY:
        _EXPERT_VISIBILITY.append(fn)


def applications_visible_to(user) -> QuerySet[Application]:
    """Enterprise: its organisation's; bureau and auditor: all; expert: registered grants; others none."""
    qs = Application.objects.select_related("organisation", "created_by")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_bureau(user) or user.is_superuser:  # not the auditor: its scope is the audit log (api.md v1.1)
        return qs
    if has_role(user, Role.ENTERPRISE_USER) and user.organisation_id:
        return qs.filter(organisation_id=user.organisation_id)
    if has_role(user, Role.EXPERT) and _EXPERT_VISIBILITY:
        allowed = Q(pk__in=[])
        for fn in _EXPERT_VISIBILITY:
            allowed |= Q(pk__in=fn(user))
        return qs.filter(allowed)
    return qs.none()


def search_applications(qs: QuerySet[Application], *, query: str = "", status: str = "") -> QuerySet[Application]:
    """The intake queue's search (company, USCC, reference number) and status filter."""
    query = (query or "").strip()
    if query:
        qs = qs.filter(
            Q(company_name__icontains=query) | Q(organisation__name__icontains=query)
            | Q(uscc__icontains=query) | Q(reference_number__icontains=query)
        )
    if status in ApplicationStatus.values:
        qs = qs.filter(status=status)
    return qs


def open_correction(application):
    return application.corrections.filter(resolved_at__isnull=True).first()
