"""Declared workflows of case work (issue 18; engine: portal.workflow): the information request
(补正, 办法第五条) and the cross-agency discrepancy (一车一档 consistency checks)."""

from django.utils.translation import gettext_lazy as _

from portal.corrections import CORRECTION_DEADLINE_PASSED
from portal.roles import BUREAU_ROLES, OrganisationKind, Role
from portal.workflow import Action, Step, Workflow

from . import rules
from .models import DiscrepancyStatus, InformationStatus


def answered_by_the_deadline(request, user, today):
    """办法第五条: a 补正 is answered by its deadline; after it the declared consequence applies."""
    return CORRECTION_DEADLINE_PASSED if today > request.deadline else None


INFORMATION = Workflow(
    kind="information", label=_("补正通知"), state_field="status", states=InformationStatus,
    enterprise_field="organisation_id", wrong_state=rules.INFORMATION_NOT_OPEN,
    actions=(
        Action("answer", _("补正材料"), (InformationStatus.OPEN,), (Role.ENTERPRISE_USER,), "办法第五条",
               target=InformationStatus.ANSWERED, guards=(answered_by_the_deadline,), own_organisation=True,
               clock="stop:information", next_actor=Role.BUREAU_OFFICER),
        # Taken by the daily job (no person) when the deadline passed and the case kind is deemed withdrawn.
        Action("withdraw", _("逾期视为撤回"), (InformationStatus.OPEN,), (), "办法第五条",
               target=InformationStatus.WITHDRAWN),
    ),
    steps=(Step(_("待补正"), (InformationStatus.OPEN,)),
           Step(_("办结"), (InformationStatus.ANSWERED, InformationStatus.WITHDRAWN))),
)

# Which role acts for each agency a discrepancy names (casework.rules.DISCREPANCY_RULES).
AGENCY_ROLES = {
    OrganisationKind.COMMERCE_BUREAU: BUREAU_ROLES,
    OrganisationKind.POLICE: (Role.POLICE_OFFICER,),
    OrganisationKind.CUSTOMS: (Role.CUSTOMS_OFFICER,),
    OrganisationKind.INSPECTION_BODY: (Role.INSPECTOR,),
}


def acting_agency(discrepancy, user) -> bool:
    """The agency the finding names resolves it (its own officials; the bureau for its own findings)."""
    from portal.roles import has_role

    roles = AGENCY_ROLES.get(discrepancy.acting_kind, ())
    if not has_role(user, *roles):
        return False
    org = getattr(user, "organisation", None)
    return discrepancy.acting_kind == OrganisationKind.COMMERCE_BUREAU or getattr(org, "kind", None) == \
        discrepancy.acting_kind


DISCREPANCY = Workflow(
    kind="discrepancy", label=_("跨部门数据不一致"), state_field="status", states=DiscrepancyStatus,
    actions=(
        Action("resolve", _("核查处理"), (DiscrepancyStatus.OPEN,),
               (*BUREAU_ROLES, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER, Role.INSPECTOR), "办法第六、七、九条",
               target=DiscrepancyStatus.RESOLVED, permitted=acting_agency),
    ),
    steps=(Step(_("待核查"), (DiscrepancyStatus.OPEN,)), Step(_("已核查处理"), (DiscrepancyStatus.RESOLVED,))),
)
