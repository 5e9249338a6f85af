"""The complaint page's 转为应急事件 (实施方案三(四)): a serious complaint about an exported vehicle opens an
emergency incident through compliance's service (supervision reads compliance, never the other way)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from compliance.incidents import services as incidents
from compliance.incidents.models import IncidentCategory, IncidentSource
from compliance.incidents.query import VehicleQuery
from portal.roles import is_bureau
from portal.web import run_action

from . import selectors
from .models import ComplaintCategory, Severity

# The complaint's category → the incident's (the bureau can open one by hand for anything else).
CATEGORY = {
    ComplaintCategory.QUALITY: IncidentCategory.SAFETY_DEFECT,
    ComplaintCategory.AFTERSALES: IncidentCategory.MASS_AFTERSALES,
    ComplaintCategory.DOCUMENTS: IncidentCategory.DOCUMENTS,
    ComplaintCategory.FRAUD: IncidentCategory.FRAUD,
    ComplaintCategory.OTHER: IncidentCategory.SAFETY_DEFECT,
}


def may_open_incident(complaint) -> bool:
    """实施方案三(四): a complaint the bureau graded serious (重大) may open an incident."""
    return complaint.severity == Severity.SERIOUS


@login_required
@require_POST
def open_incident(request, pk):
    if not is_bureau(request.user):
        raise PermissionDenied
    complaint = selectors.get_complaint_for(request.user, pk)
    if not may_open_incident(complaint):
        raise PermissionDenied
    today, done = timezone.localdate(), {}

    def call():
        incident = incidents.open_incident(
            complaint.enterprise, actor=request.user, today=today, category=CATEGORY[complaint.category],
            severity="serious", source=IncidentSource.COMPLAINT, source_reference=complaint.number,
            title=_("投诉 %(n)s：%(c)s") % {"n": complaint.number, "c": complaint.get_category_display()},
            description=complaint.description)  # the complainant's contact details stay with the complaint
        if complaint.vehicle_id and not incident.affected.exists():
            incidents.identify_vehicles(incident, VehicleQuery(vins=(complaint.vehicle.vin,)), actor=request.user,
                                        today=today)
        done["incident"] = incident

    if run_action(request, call, _("已转为应急事件。")):
        return redirect("compliance:incident-detail", done["incident"].pk)
    return redirect("supervision:complaint-detail", pk)
