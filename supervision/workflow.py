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


# --- 双随机、一公开 and the 联席会议 (issue 23) ------------------------------------------------------------
from .inspections.models import PlanStatus as P  # noqa: E402
from .meetings.models import MeetingStatus as M  # noqa: E402
from .meetings.models import TaskStatus as T  # noqa: E402

RANDOM_CHECKS_ARTICLE = "国办发〔2015〕58号"
JOINT_MEETING_ARTICLE = "实施方案四(一)"
INSPECTING_ROLES = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER)


def plan_lists_ready_db(plan, user, today):
    """国办发〔2015〕58号: a plan draws from both lists, so both must be able to give the sample."""
    from .inspections.rules import lists_ready_db

    return lists_ready_db(plan)


def drawn_inspector_or_bureau(plan, user) -> bool:
    """Only the officials sent by the draw (and the bureau that runs the plan) record its visits."""
    from portal.roles import is_bureau

    return is_bureau(user) or plan.visits.filter(inspectors__user_id=user.pk).exists()


def task_of_the_users_agency(task, user) -> bool:
    """实施方案四(一): each agency works its own decisions of the meeting."""
    organisation = getattr(user, "organisation", None)
    return organisation is not None and organisation.kind == task.agency


INSPECTION_PLAN = Workflow(
    kind="inspection_plan", label=_("随机抽查计划"), state_field="status", states=P,
    actions=(
        Action("publish_seed", _("公布随机种子和名录"), (P.DRAFT,), BUREAU_ROLES, RANDOM_CHECKS_ARTICLE,
               target=P.SEED_PUBLISHED, guards=(plan_lists_ready_db,), confirm=True, next_actor=Role.BUREAU_OFFICER),
        Action("draw", _("随机抽取"), (P.SEED_PUBLISHED,), BUREAU_ROLES, RANDOM_CHECKS_ARTICLE, target=P.DRAWN,
               confirm=True, next_actor=Role.BUREAU_OFFICER),
        Action("record_visit", _("录入检查记录"), (P.DRAWN, P.VISITING), INSPECTING_ROLES, RANDOM_CHECKS_ARTICLE,
               target=P.VISITING, permitted=drawn_inspector_or_bureau, next_actor=Role.BUREAU_OFFICER),
        # The plan's results are public when the last visit's result is (the service decides the state).
        Action("publish_result", _("公开检查结果"), (P.VISITING,), BUREAU_ROLES, RANDOM_CHECKS_ARTICLE,
               confirm=True),
    ),
    steps=(
        Step(_("制定计划"), (P.DRAFT,)),
        Step(_("公布种子"), (P.SEED_PUBLISHED,)),
        Step(_("随机抽取"), (P.DRAWN,)),
        Step(_("实施检查"), (P.VISITING,)),
        Step(_("结果公开"), (P.PUBLISHED,)),
    ),
)

JOINT_MEETING = Workflow(
    kind="joint_meeting", label=_("联席会议"), state_field="status", states=M,
    actions=(
        Action("refresh_agenda", _("生成议程"), (M.PLANNED,), BUREAU_ROLES, JOINT_MEETING_ARTICLE, target=M.PLANNED,
               waits=False),
        Action("hold", _("记录会议召开"), (M.PLANNED,), BUREAU_ROLES, JOINT_MEETING_ARTICLE, target=M.HELD,
               next_actor=Role.BUREAU_OFFICER),
        Action("add_decision", _("记录议定事项"), (M.HELD,), BUREAU_ROLES, JOINT_MEETING_ARTICLE, target=M.HELD,
               waits=False),
        # The minutes are the bureau's official document, signed by its head and locked from then on.
        Action("sign_minutes", _("签发会议纪要"), (M.HELD,), (Role.BUREAU_HEAD,), JOINT_MEETING_ARTICLE,
               target=M.SIGNED, confirm=True),
    ),
    steps=(
        Step(_("筹备议程"), (M.PLANNED,)),
        Step(_("召开会议"), (M.HELD,)),
        Step(_("签发纪要"), (M.SIGNED,)),
    ),
)

MEETING_TASK = Workflow(
    kind="meeting_task", label=_("联席会议交办事项"), state_field="status", states=T,
    actions=(
        Action("complete", _("办结交办事项"), (T.OPEN,), INSPECTING_ROLES, JOINT_MEETING_ARTICLE, target=T.DONE,
               permitted=task_of_the_users_agency, confirm=True),
    ),
    steps=(Step(_("办理中"), (T.OPEN,)), Step(_("已办结"), (T.DONE,))),
)


# --- 好差评 follow-up (issue 23 point 4): a 差评 opens a case for the bureau -------------------------
from . import rating_rules  # noqa: E402
from .rating_models import FollowUpStatus as F  # noqa: E402

RATING_FOLLOW_UP = Workflow(
    kind="rating_follow_up", label=_("差评整改回访"), state_field="status", states=F,
    wrong_state=rating_rules.FOLLOW_UP_WRONG_STATUS,
    actions=(
        # 国办发〔2019〕51号: 差评 are verified, put right and the rater answered within the period.
        Action("resolve", _("整改回访并答复评价人"), (F.OPEN,), BUREAU_ROLES, rating_rules.ARTICLE,
               target=F.RESOLVED, confirm=True),
    ),
    steps=(
        Step(_("整改回访"), (F.OPEN,)),
        Step(_("已答复评价人"), (F.RESOLVED,)),
    ),
)
