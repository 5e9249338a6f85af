"""The pilot application (办法第三、四、五条), declared once (issue 18): services check it, the application
page shows only the actions it allows with its step bar, the API's `actions` lists them (api.md v1.1:
`submit`, `accept`, `return`), the work queue asks it who acts next.

draft → submit (the enterprise) → intake: accept, or return for 补正 (back to the enterprise, who
submits again), or refuse (不予受理: adverse, an officer prepares the decision in casework, the head
authorises it with a signed letter) → review (材料审核 … designation: review's declaration) → approved or
rejected. A 补正 deadline that passes unanswered gets its declared consequence from the daily job
(portal.corrections), not from a person's action.
"""

from django.utils.translation import gettext_lazy as _

from portal.corrections import CORRECTION_DEADLINE_PASSED
from portal.errors import Rule
from portal.roles import Role
from portal.workflow import Action, Guide, Step, Workflow, prepared_by_another_official

from .models import ApplicationStatus as S

KIND = "pilot_application"  # the declaration (and its 办事指南, /guide/pilot_application/)
CASE_KIND = "application"  # casework's CaseKind.APPLICATION: where its decisions are prepared
PLAN = "《太原市二手车出口企业管理办法（暂行）》"

SUBMISSION_INCOMPLETE = Rule("submission_incomplete", "办法第三条、第四条",
                             _("申请不符合准入条件或材料不全，不能提交。"))


def correction_deadline_not_passed(application, user, today):
    """办法第五条: a 补正 answered after its deadline is refused (reads the open 补正 request)."""
    if application.status != S.RETURNED:
        return None
    late = any(c.resolved_at is None and c.deadline < today for c in application.corrections.all())
    return CORRECTION_DEADLINE_PASSED if late else None


def meets_admission_and_plan_requirements(application, user, today):
    """办法第三条、第四条: every hard admission criterion and the three parts of the plan (reads the
    attachments); the service answers with each failing rule, this guard with their summary."""
    from .rules import submission_refusals
    from .services import submission_checklist

    return SUBMISSION_INCOMPLETE if submission_refusals(submission_checklist(application, today=today)) else None


SUBMIT = Action(
    "submit", _("提交申请"), (S.DRAFT, S.RETURNED), (Role.ENTERPRISE_USER,), "办法第三条、第四条", target=S.SUBMITTED,
    guards=(correction_deadline_not_passed, meets_admission_and_plan_requirements), own_organisation=True,
    clock="start:intake", next_actor=Role.BUREAU_OFFICER,
)
ACCEPT = Action(
    "accept", _("受理"), (S.SUBMITTED,), (Role.BUREAU_OFFICER, Role.BUREAU_HEAD), "办法第五条", target=S.ACCEPTED,
    clock="stop:intake", next_actor=Role.BUREAU_OFFICER,
)
RETURN = Action(
    "return", _("退回补正"), (S.SUBMITTED,), (Role.BUREAU_OFFICER, Role.BUREAU_HEAD), "办法第五条", target=S.RETURNED,
    clock="pause:intake", next_actor="enterprise",
)
REFUSE = Action(
    "refuse", _("不予受理"), (S.SUBMITTED,), (Role.BUREAU_HEAD,), PLAN + "第五条", target=S.REJECTED,
    guards=(prepared_by_another_official(CASE_KIND, "pilot_refusal"),), adverse=True, countersigned=True,
    clock="stop:intake", letter="pilot_refusal", waits=False,
)

APPLICATION = Workflow(
    kind=KIND, label=_("试点企业申请"), state_field="status", states=S,
    actions=(SUBMIT, ACCEPT, RETURN, REFUSE),
    enterprise_field="organisation_id",
    steps=(
        Step(_("填写申请"), (S.DRAFT,)),
        Step(_("提交待受理"), (S.SUBMITTED, S.RETURNED)),
        Step(_("受理"), (S.ACCEPTED,)),
        Step(_("评审"), (S.IN_REVIEW,)),
        Step(_("办结"), (S.APPROVED, S.REJECTED, S.WITHDRAWN)),
    ),
    guide=Guide(
        title=_("二手车出口试点企业申请"), basis=PLAN + "第三条、第四条、第五条",
        conditions=(
            ("办法第三条第1项", _("在太原市注册、具有独立法人资格和进出口经营权，近两年无违法违规行为")),
            ("办法第三条第2项", _("注册资本不低于 %(registered_capital_min)s 万元")),
            ("办法第三条第3、4项", _("具备外贸经验、车源整合能力、海外渠道及维修和零配件供应体系")),
            ("办法第四条", _("提交经营计划书（投资计划、经营模式、分年度出口目标）")),
        ),
        materials=(_("营业执照"), _("财务报表或审计报告"), _("实缴资本证明"), _("进出口经营权证明"), _("信用报告"),
                   _("二手车出口项目经营计划书"), _("海外渠道及网点证明")),
        time_limit=_("自提交之日起 5 个工作日内受理或一次性告知补正"),
        decided_by=_("市商务局受理、组织评审；不予受理由经办人拟办、负责人签发"),
        appeal=_("对不予受理或不予批准决定不服的，可自收到决定书之日起六十日内申请行政复议，或六个月内提起行政诉讼。"),
    ),
)
