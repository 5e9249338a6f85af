"""Reads of 双随机、一公开, filtered by what the user may see."""

from django.db.models import Prefetch

from portal.roles import has_role, is_bureau

from ..workflow import INSPECTING_ROLES
from .models import InspectionPlan, InspectionVisit, Inspector, PlanStatus


def plans_visible_to(user):
    """The bureau sees every plan; police and customs officials the plans that sent them."""
    qs = InspectionPlan.objects.all()
    if is_bureau(user):
        return qs
    if has_role(user, *INSPECTING_ROLES):
        return qs.filter(visits__inspectors__user_id=user.pk).distinct()
    return qs.none()


def public_plans():
    """What the public site shows: a plan from the publication of its seed on."""
    return InspectionPlan.objects.exclude(status=PlanStatus.DRAFT)


def visits_of(plan):
    return (plan.visits.select_related("entry", "recorded_by")
            .prefetch_related(Prefetch("inspectors", queryset=Inspector.objects.select_related("user")))
            .order_by("entry__draw_rank"))


def published_results():
    return (InspectionVisit.objects.filter(published_on__isnull=False).select_related("plan", "entry")
            .order_by("-published_on", "-id"))


def may_record(visit, user) -> bool:
    return is_bureau(user) or any(i.user_id == user.pk for i in visit.inspectors.all())
