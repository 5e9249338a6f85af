"""Declared workflows of compliance (issue 18; engine: portal.workflow): the rectification order
(办法第十二条第6项), the revocation case (第十二条 items 1–8) and the voluntary exit (第十三条).

Services check these declarations after locking the row; pages, the API's `actions` and the case
work queue read them. Countersigned actions (the head's 签发 of a decision an officer prepared) are
taken only through casework.decisions (prepare_decision → authorise_decision, never the same user),
which calls the service here; their guard `countersignature_prepared_db` finds that decision. Where
the head's 签发 is such a casework decision the action does not wait in the queue as the case
(waits=False): it waits there as the decision. The revocation's guard reads the prepared decision
itself rather than portal.workflow.prepared_by_another_official because revoke and dismiss share one
letter kind and differ by the decision's `revoke`; the page needs that decision for its link too.

The guards are named for the rule they check; those that read the database end in `_db`.
"""

from datetime import date

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from portal.errors import SAME_OFFICIAL, Rule
from portal.roles import Role
from portal.workflow import Action, Guide, Step, Workflow

from . import rules
from .models import CaseStatus, ExitStatus, ObligationStatus, RectificationStatus, RuleCode

OFFICER, HEAD, ENTERPRISE = Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.ENTERPRISE_USER

# --- the decision case work holds for a case (read, never written, here) ------------------------------


def pending_decision(case_kind: str, obj):
    """The casework decision prepared (or being authorised right now, its letter not yet issued) on
    the case, or None. Cached on the loaded object: a page asks for every action."""
    cache = obj.__dict__.setdefault("_pending_decision", {})
    if case_kind not in cache:
        Decision = apps.get_model("casework", "Decision")
        cache[case_kind] = (Decision.objects.filter(case_kind=case_kind, object_id=obj.pk,
                                                    status__in=["prepared", "authorised"], letter__isnull=True)
                            .order_by("-pk").first())
    return cache[case_kind]


def decided_decision(case_kind: str, obj):
    """The authorised casework decision on the case whose signed letter was issued, or None."""
    Decision = apps.get_model("casework", "Decision")
    return (Decision.objects.filter(case_kind=case_kind, object_id=obj.pk, status="authorised", letter__isnull=False)
            .order_by("-pk").first())


def countersignature_prepared_db(case_kind: str, letter_kind: str, revoke: bool | None = None):
    """The head's action needs a decision of `letter_kind` an officer prepared (not the head)."""

    def countersignature_prepared_db(case, user, today: date) -> Rule | None:
        decision = pending_decision(case_kind, case)
        if decision is None or decision.kind != letter_kind or (revoke is not None and decision.revoke is not revoke):
            return rules.NOT_COUNTERSIGNED
        if decision.prepared_by_id == getattr(user, "pk", None):
            return SAME_OFFICIAL
        return None

    return countersignature_prepared_db


def no_decision_pending_db(case_kind: str):
    def no_decision_pending_db(case, user, today: date) -> Rule | None:
        return rules.DECISION_PENDING if pending_decision(case_kind, case) is not None else None

    return no_decision_pending_db


# --- guards over the loaded case ----------------------------------------------------------------------


def rectification_deadline_in_future(order, user, today: date) -> Rule | None:
    return rules.DEADLINE_NOT_IN_FUTURE if order.deadline <= today else None


def rectification_answered_by_deadline(order, user, today: date) -> Rule | None:
    return rules.DEADLINE_PASSED if today > order.deadline else None


def checker_is_not_the_maker(order, user, today: date) -> Rule | None:
    return SAME_OFFICIAL if order.prepared_by_id == getattr(user, "pk", None) else None


def answer_within_period(case, user, today: date) -> Rule | None:
    return rules.ANSWER_PERIOD_OVER if today > case.answer_due_on else None


def answered_or_period_over(case, user, today: date) -> Rule | None:
    """办法第十二条: the decision waits for the statement or the end of the answer period."""
    if case.status == CaseStatus.NOTIFIED and today <= case.answer_due_on:
        return rules.ANSWER_PERIOD_OPEN
    return None


def not_yet_published(case, user, today: date) -> Rule | None:
    return rules.ALREADY_PUBLISHED if case.published_on is not None else None


# --- opening a revocation case (no state before it: checked by open_revocation_case) -----------------


def rectification_overdue_unfulfilled_db(enterprise, today: date) -> Rule | None:
    """domain-rules v1.1, 第十二条第6项: only after a rectification deadline passed unfulfilled."""
    from .models import Obligation, RectificationOrder

    overdue = Obligation.objects.filter(enterprise=enterprise, rule=RuleCode.RECTIFICATION,
                                        status=ObligationStatus.OVERDUE, overdue_since__lte=today).exists()
    lapsed = RectificationOrder.objects.filter(
        enterprise=enterprise, status__in=[RectificationStatus.ORDERED, RectificationStatus.REJECTED],
        deadline__lt=today).exists()
    return None if overdue or lapsed else rules.RECTIFICATION_DEADLINE_RUNNING


def no_export_window_overdue_db(enterprise, today: date) -> Rule | None:
    """domain-rules v1.1, 第十二条第2项: only when a 12-month window passed without an export."""
    from .models import Obligation

    overdue = Obligation.objects.filter(enterprise=enterprise, rule=RuleCode.NO_EXPORT_12M,
                                        status=ObligationStatus.OVERDUE, overdue_since__lte=today).exists()
    return None if overdue else rules.NO_EXPORT_WINDOW_NOT_OVER


OPENING_GUARDS = {
    rules.RevocationGround.RECTIFICATION_OVERDUE: rectification_overdue_unfulfilled_db,
    rules.RevocationGround.NO_EXPORT_12M: no_export_window_overdue_db,
}


def opening_refusal(enterprise, ground: str, today: date) -> Rule | None:
    guard = OPENING_GUARDS.get(ground)
    return guard(enterprise, today) if guard else None


# --- 第十二条第6项 rectification order --------------------------------------------------------------

RECT_ARTICLE = "办法第十二条第6项"

RECTIFICATION = Workflow(
    kind="rectification", label=_("整改通知"), state_field="status", states=RectificationStatus,
    actions=(
        Action("authorise", _("签发整改通知"), (RectificationStatus.PREPARED,), (HEAD,), RECT_ARTICLE,
               target=RectificationStatus.ORDERED, guards=(checker_is_not_the_maker, rectification_deadline_in_future),
               adverse=True, countersigned=True, clock="start:rectification", letter="rectification",
               next_actor="enterprise", confirm=True),
        Action("answer", _("报送整改情况"), (RectificationStatus.ORDERED, RectificationStatus.REJECTED), (ENTERPRISE,),
               RECT_ARTICLE, target=RectificationStatus.ANSWERED, guards=(rectification_answered_by_deadline,),
               own_organisation=True, next_actor=OFFICER),
        Action("accept", _("认可整改"), (RectificationStatus.ANSWERED,), (OFFICER, HEAD), RECT_ARTICLE,
               target=RectificationStatus.ACCEPTED, clock="stop:rectification"),
        Action("reject", _("不予认可"), (RectificationStatus.ANSWERED,), (OFFICER, HEAD), RECT_ARTICLE,
               target=RectificationStatus.REJECTED, next_actor="enterprise"),
    ),
    steps=(
        Step(_("拟办"), (RectificationStatus.PREPARED,)),
        Step(_("责令整改"), (RectificationStatus.ORDERED, RectificationStatus.REJECTED)),
        Step(_("审核整改情况"), (RectificationStatus.ANSWERED,)),
        Step(_("整改已认可"), (RectificationStatus.ACCEPTED,)),
    ),
)

# --- 第十二条 revocation case ---------------------------------------------------------------------------

CASE_ARTICLE = "办法第十二条"
OPEN_CASE = (CaseStatus.NOTIFIED, CaseStatus.ANSWERED)

REVOCATION = Workflow(
    kind="revocation", label=_("取消试点资格案件"), state_field="status", states=CaseStatus,
    actions=(
        Action("answer", _("提交陈述申辩"), (CaseStatus.NOTIFIED,), (ENTERPRISE,), CASE_ARTICLE,
               target=CaseStatus.ANSWERED, guards=(answer_within_period,), own_organisation=True,
               next_actor=OFFICER),
        Action("prepare", _("拟办决定"), OPEN_CASE, (OFFICER,), CASE_ARTICLE,
               guards=(answered_or_period_over, no_decision_pending_db("revocation")), next_actor=HEAD),
        Action("revoke", _("签发取消试点资格决定"), OPEN_CASE, (HEAD,), CASE_ARTICLE, target=CaseStatus.REVOKED,
               guards=(answered_or_period_over, countersignature_prepared_db("revocation", "revocation", True)),
               adverse=True, countersigned=True, waits=False, letter="revocation", next_actor=OFFICER),
        Action("dismiss", _("签发不予取消决定"), OPEN_CASE, (HEAD,), CASE_ARTICLE, target=CaseStatus.DISMISSED,
               guards=(answered_or_period_over, countersignature_prepared_db("revocation", "revocation", False)),
               countersigned=True, waits=False, letter="revocation"),
        Action("publish", _("在门户网站公布"), (CaseStatus.REVOKED,), (OFFICER, HEAD), CASE_ARTICLE,
               guards=(not_yet_published,), confirm=True),
    ),
    steps=(
        Step(_("告知陈述申辩"), (CaseStatus.NOTIFIED,)),
        Step(_("拟办与签发决定"), (CaseStatus.ANSWERED,)),
        Step(_("作出决定"), (CaseStatus.REVOKED, CaseStatus.DISMISSED)),
    ),
    guide=Guide(
        title=_("取消二手车出口试点企业资格程序"),
        basis="《太原市二手车出口企业管理办法（暂行）》第十二条",
        conditions=tuple((article, str(ground.label)) for ground, article in rules.GROUND_ARTICLES.items()),
        time_limit=_("告知后5个工作日内可以陈述、申辩或要求听证"),
        decided_by=_("市商务局（经办人拟办，负责人签发）"),
        appeal=_("自收到决定书之日起六十日内申请行政复议，或六个月内提起行政诉讼"),
    ),
)

# --- 第十三条 voluntary exit ----------------------------------------------------------------------------

EXIT_ARTICLE = "办法第十三条"

EXIT = Workflow(
    kind="exit", label=_("退出试点申请"), state_field="status", states=ExitStatus,
    actions=(
        Action("prepare", _("拟办决定"), (ExitStatus.SUBMITTED,), (OFFICER,), EXIT_ARTICLE,
               guards=(no_decision_pending_db("exit"),), next_actor=HEAD),
        # Favourable: no rights paragraph in its letter; still two officials (a letter needs both).
        Action("approve", _("签发准予退出决定"), (ExitStatus.SUBMITTED,), (HEAD,), EXIT_ARTICLE,
               target=ExitStatus.APPROVED, guards=(countersignature_prepared_db("exit", "exit_approval"),),
               countersigned=True, waits=False, letter="exit_approval"),
        Action("refuse", _("签发不予批准退出决定"), (ExitStatus.SUBMITTED,), (HEAD,), EXIT_ARTICLE,
               target=ExitStatus.REFUSED, guards=(countersignature_prepared_db("exit", "exit_refusal"),),
               adverse=True, countersigned=True, waits=False, letter="exit_refusal", next_actor="enterprise"),
    ),
    steps=(
        Step(_("提交申请"), ()),
        Step(_("审批"), (ExitStatus.SUBMITTED,)),
        Step(_("作出决定"), (ExitStatus.APPROVED, ExitStatus.REFUSED)),
    ),
    guide=Guide(
        title=_("二手车出口试点企业申请退出"),
        basis="《太原市二手车出口企业管理办法（暂行）》第十三条、第十四条",
        conditions=((EXIT_ARTICLE, _("试点企业可以申请退出，须说明退出理由和遗留问题处理、售后服务安排")),
                    ("办法第十四条", _("退出后仍须承担已出口二手车1年内的售后服务责任"))),
        materials=(_("退出理由"), _("遗留问题处理和售后服务安排")),
        decided_by=_("市商务局（经办人拟办，负责人签发）"),
        appeal=_("对不予批准的决定，可以自收到决定书之日起六十日内申请行政复议，或六个月内提起行政诉讼"),
    ),
)

# --- 实施方案三(四) emergency response: the incident and its order to act (办法第十二条) ------------------

from portal.workflow import prepared_by_another_official  # noqa: E402

from .incidents import rules as incident_rules  # noqa: E402
from .incidents.models import IncidentStatus  # noqa: E402

INCIDENT_ARTICLE = "实施方案三(四)"
CUSTOMS = Role.CUSTOMS_OFFICER


def has_affected_vehicles_db(incident, user, today: date) -> Rule | None:
    return None if incident.affected.exists() else incident_rules.NO_AFFECTED_VEHICLES


def order_deadline_in_future(incident, user, today: date) -> Rule | None:
    return incident_rules.ORDER_DEADLINE_PASSED if incident.deadline is None or incident.deadline <= today else None


def every_vehicle_reported_db(incident, user, today: date) -> Rule | None:
    return incident_rules.VEHICLES_PENDING if incident.affected.filter(outcome="pending").exists() else None


INCIDENT_LIVE = (IncidentStatus.OPEN, IncidentStatus.ORDER_PREPARED, IncidentStatus.ORDERED, IncidentStatus.ESCALATED)

INCIDENT = Workflow(
    kind="incident", label=_("应急事件"), state_field="status", states=IncidentStatus,
    actions=(
        Action("identify", _("确定涉及车辆"), (IncidentStatus.OPEN,), (OFFICER, HEAD), INCIDENT_ARTICLE,
               next_actor=OFFICER),
        Action("hold", _("暂停该车型出口"), INCIDENT_LIVE, (OFFICER, HEAD, CUSTOMS), INCIDENT_ARTICLE,
               guards=(has_affected_vehicles_db,), waits=False),
        Action("prepare", _("拟办处置通知"), (IncidentStatus.OPEN, IncidentStatus.ORDER_PREPARED), (OFFICER,),
               incident_rules.ORDER_ARTICLE, target=IncidentStatus.ORDER_PREPARED,
               guards=(has_affected_vehicles_db, no_decision_pending_db("incident")), next_actor=HEAD),
        # The head's 签发 goes only through casework.decisions (it waits in the queue as that decision).
        Action("authorise", _("签发处置通知"), (IncidentStatus.ORDER_PREPARED,), (HEAD,), incident_rules.ORDER_ARTICLE,
               target=IncidentStatus.ORDERED,
               guards=(prepared_by_another_official("incident", "incident_order"), order_deadline_in_future),
               adverse=True, countersigned=True, waits=False, letter="incident_order", next_actor="enterprise"),
        Action("report", _("报告车辆处置情况"), (IncidentStatus.ORDERED, IncidentStatus.ESCALATED), (ENTERPRISE,),
               INCIDENT_ARTICLE, own_organisation=True, next_actor=OFFICER),
        # Taken by the daily job (no person) when the deadline passed with cars unreported.
        Action("escalate", _("逾期未完成，转入取消资格程序"), (IncidentStatus.ORDERED,), (),
               incident_rules.NEXT_STEP_ARTICLE, target=IncidentStatus.ESCALATED),
        Action("close", _("结案"), (IncidentStatus.OPEN, IncidentStatus.ORDERED, IncidentStatus.ESCALATED),
               (OFFICER, HEAD), INCIDENT_ARTICLE, target=IncidentStatus.CLOSED, guards=(every_vehicle_reported_db,),
               confirm=True),
    ),
    steps=(
        Step(_("立案并确定车辆"), (IncidentStatus.OPEN,)),
        Step(_("签发处置通知"), (IncidentStatus.ORDER_PREPARED,)),
        Step(_("企业处置"), (IncidentStatus.ORDERED, IncidentStatus.ESCALATED)),
        Step(_("结案"), (IncidentStatus.CLOSED,)),
    ),
)

WORKFLOWS = (RECTIFICATION, REVOCATION, EXIT, INCIDENT)
