"""The complaint workflow (实施方案三(四)), declared once: services, pages, API and queue read it."""

from django.utils.translation import gettext_lazy as _

from portal.roles import BUREAU_ROLES, Role
from portal.workflow import Action, Guide, Step, Workflow

from . import rules
from .models import ComplaintStatus as S

ARTICLE = rules.COMPLAINT_ARTICLE


def assigned_to_the_actors_enterprise(complaint, user, today):
    """实施方案三(四): the enterprise the complaint was sent to answers it, no other."""
    return None if complaint.enterprise_id == getattr(user, "organisation_id", None) else \
        rules.COMPLAINT_NOT_ASSIGNED_TO_YOU


def graded_serious(complaint, user, today):
    """实施方案三(四): “对于出现重大问题的企业，取消试点资格” — only a serious complaint."""
    return None if rules.may_request_revocation(complaint.severity) else rules.COMPLAINT_NOT_SERIOUS


def revocation_not_yet_requested(complaint, user, today):
    return None if complaint.revocation_requested_on is None else rules.COMPLAINT_REVOCATION_ALREADY_REQUESTED


COMPLAINT = Workflow(
    kind="complaint", label=_("投诉"), state_field="status", states=S, wrong_state=rules.COMPLAINT_WRONG_STATUS,
    actions=(
        Action("triage", _("分级"), (S.RECEIVED, S.TRIAGED), BUREAU_ROLES, ARTICLE, target=S.TRIAGED,
               next_actor=Role.BUREAU_OFFICER),
        Action("assign", _("交企业办理"), (S.TRIAGED,), BUREAU_ROLES, ARTICLE, target=S.ASSIGNED,
               clock="start:complaint_answer", next_actor="enterprise"),
        Action("answer", _("答复投诉"), (S.ASSIGNED, S.ESCALATED), (Role.ENTERPRISE_USER,), ARTICLE,
               target=S.ANSWERED, guards=(assigned_to_the_actors_enterprise,), clock="stop:complaint_answer",
               next_actor=Role.BUREAU_OFFICER),
        # Taken by the daily job (no person): an assigned complaint past its due date (督办).
        Action("escalate", _("逾期督办"), (S.ASSIGNED,), (), ARTICLE, target=S.ESCALATED, next_actor="enterprise"),
        Action("close", _("办结"), (S.RECEIVED, S.TRIAGED, S.ANSWERED, S.ESCALATED), BUREAU_ROLES, ARTICLE,
               target=S.CLOSED, confirm=True),
        Action("request_revocation", _("提请取消试点资格"), (S.TRIAGED, S.ASSIGNED, S.ESCALATED, S.ANSWERED),
               BUREAU_ROLES, "办法第十二条", guards=(graded_serious, revocation_not_yet_requested),
               next_actor=Role.BUREAU_OFFICER),
    ),
    steps=(
        Step(_("收到投诉"), (S.RECEIVED,)),
        Step(_("分级"), (S.TRIAGED,)),
        Step(_("企业办理"), (S.ASSIGNED, S.ESCALATED)),
        Step(_("企业答复"), (S.ANSWERED,)),
        Step(_("办结"), (S.CLOSED,)),
    ),
    guide=Guide(
        title=_("出口车辆投诉"),
        basis=_("《太原市开展二手车出口业务实施方案》三(四) 建立出口产品投诉和应急响应机制"),
        conditions=(
            (ARTICLE, _("投诉人（含境外买家）就试点企业出口车辆的质量、售后服务等问题投诉，无需登录。")),
        ),
        materials=(_("车辆识别代号（VIN）或企业名称"), _("投诉内容"), _("联系方式（仅市商务局和被投诉企业可见）"),
                   _("证明材料（可选，PDF或图片）")),
        time_limit=_("市商务局收到投诉后分级并交企业办理；企业在规定工作日内答复，逾期由市商务局督办。"),
        decided_by=_("太原市商务局"),
        appeal=_("对办理结果不满意的，可向太原市商务局再次反映，或依法申请行政复议、提起行政诉讼。"),
    ),
)
