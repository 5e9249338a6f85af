"""State changes of compliance: the sweep, violations, revocation (第十二条) and exit (第十三条).

Every service takes `actor` and `today`, locks the row, checks the state, changes it, logs it and
notifies. Networks reports and rectification orders are in workflows.py.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.errors import RuleRefused
from portal.models import Organisation, PilotStatus
from portal.periods import legal_period
from portal.policy import policy_in_force
from portal.roles import Role, has_role
from portal.services import notify_bureau, notify_organisation, set_pilot_status
from portal.workflow import ensure_authorised_decision

from . import rules
from .models import (
    OPEN_CASE_STATUSES,
    CaseStatus,
    ExitApplication,
    ExitStatus,
    Obligation,
    ObligationStatus,
    RevocationCase,
    RuleCode,
    ScaleTarget,
    Violation,
)
from .sweep import RunResult, run_compliance  # noqa: F401 - the contract others call
from .workflow import EXIT, REVOCATION, opening_refusal
from .workflows import record_decision

__all__ = ["run_compliance", "RunResult", "open_revocation_case"]


def _require(actor, *roles) -> None:
    if not has_role(actor, *roles):
        raise PermissionDenied


def _require_own(actor, enterprise) -> None:
    if not has_role(actor, Role.ENTERPRISE_USER) or actor.organisation_id != enterprise.pk:
        raise PermissionDenied


# --- violations -----------------------------------------------------------------------------------


def follow_up_violation(violation: Violation, *, today: date) -> tuple[int, int]:
    """Notify the enterprise and the bureau (once: event_key), open a case for 第十二条第2、6项."""
    violation = Violation.objects.select_for_update(of=("self",)).select_related("enterprise", "vehicle").get(pk=violation.pk)
    if violation.notified_at is not None:
        return 0, 0
    rule = rules.RULES[violation.rule].rule
    label = RuleCode(violation.rule).label
    what = f"{label}（{violation.vehicle.vin}）" if violation.vehicle else str(label)
    message = {
        "code": "compliance.overdue",
        "title": _("义务逾期：%(what)s") % {"what": what},
        "body": _("%(enterprise)s 的义务“%(what)s”自 %(since)s 起逾期（%(article)s）。%(rule)s") % {
            "enterprise": violation.enterprise.name, "what": what, "since": violation.overdue_since,
            "article": rule.article, "rule": rule.message,
        },
        "link": reverse("compliance:violation-list"),
        "event_key": f"compliance.violation.{violation.pk}",
    }
    notify_organisation(violation.enterprise, **message)
    notify_bureau(**message)
    opened = 0
    ground = rules.revocation_ground_for(violation.rule)
    if ground and violation.revocation_case_id is None and violation.enterprise.pilot_status == PilotStatus.DESIGNATED:
        case = open_revocation_case(
            violation.enterprise, ground, actor=None, today=today,
            reason=_("合规检查：%(what)s 自 %(since)s 起逾期（%(article)s）。") % {
                "what": what, "since": violation.overdue_since, "article": rule.article},
            source=f"violation:{violation.pk}",
        )
        violation.revocation_case = case
        opened = 1
    violation.notified_at = timezone.now()
    violation.save(update_fields=["notified_at", "revocation_case"])
    return 1, opened


@transaction.atomic
def record_aftersales_breach(obligation: Obligation, *, actor, today: date, reason: str) -> Obligation:
    """第十四条: the bureau records that an exited enterprise refused its after-sales duty."""
    _require(actor, Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
    ob = Obligation.objects.select_for_update().get(pk=obligation.pk)
    if ob.rule != RuleCode.AFTERSALES_1Y or ob.status != ObligationStatus.OPEN:
        raise RuleRefused([rules.WRONG_STATE])
    Obligation.objects.filter(pk=ob.pk, status=ObligationStatus.OPEN).update(
        status=ObligationStatus.OVERDUE, overdue_since=today, updated_at=timezone.now()
    )
    log_action(ob, "compliance.aftersales_breach", actor, from_status=ObligationStatus.OPEN,
               to_status=ObligationStatus.OVERDUE, reason=reason)
    ob.refresh_from_db()
    return ob


@transaction.atomic
def set_scale_target(enterprise: Organisation, vehicles: int, *, actor, today: date) -> ScaleTarget:
    """第八条: the bureau sets the 3-year scale (the plan's target is the default)."""
    _require(actor, Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
    target, _created = ScaleTarget.objects.select_for_update().update_or_create(
        enterprise=enterprise, defaults={"vehicles": vehicles, "source": "bureau", "set_by": actor, "set_on": today}
    )
    log_action(enterprise, "compliance.scale_target_set", actor, data={"vehicles": vehicles})
    return target


# --- 第十二条 revocation ------------------------------------------------------------------------------


def _case_link(case: RevocationCase) -> str:
    return reverse("compliance:case-detail", args=[case.pk])


@transaction.atomic
def open_revocation_case(enterprise, ground, *, actor, today: date, reason: str, source: str = "") -> RevocationCase:
    """Open a case on a ground of 第十二条 and send the notice with its answer period (working days).

    Called by the bureau, by compliance rules (第十二条第2、6项) and by supervision (serious
    complaints). One open case per enterprise and ground: a second call answers the open one.
    domain-rules v1.1: under 第十二条第6项 only after a rectification deadline passed unfulfilled,
    under 第十二条第2项 only when a 12-month window has no export (409 naming the rule otherwise).
    """
    if actor is not None:
        _require(actor, Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
    ground = rules.RevocationGround(ground)
    Organisation.objects.select_for_update().get(pk=enterprise.pk)
    existing = RevocationCase.objects.filter(enterprise=enterprise, ground=ground, status__in=OPEN_CASE_STATUSES).first()
    if existing is not None:
        return existing
    if (refusal := opening_refusal(enterprise, ground, today)) is not None:
        raise RuleRefused([refusal])
    # api.md v1.1 期间: the answer period starts the day after the notice.
    period = legal_period(today, working_days=policy_in_force(today)["answer_working_days"])  # issue 24
    case = RevocationCase.objects.create(
        enterprise=enterprise, ground=ground, reason=reason, source=source, opened_by=actor, opened_on=today,
        answer_due_on=period.ends_on, answer_due_provisional=period.provisional,
    )
    log_action(case, "compliance.case_opened", actor, to_status=case.status, reason=reason,
               data={"ground": str(ground), "article": rules.GROUND_ARTICLES[ground], "source": source})
    notify_organisation(
        enterprise, code="compliance.case_opened",
        title=_("取消试点资格告知：%(ground)s") % {"ground": ground.label},
        body=_("市商务局拟依据%(article)s取消贵企业试点资格。事实与理由：%(reason)s 贵企业依法享有陈述、申辩的权利，并可以要求听证，请于 %(due)s 前提出。") % {
            "article": rules.GROUND_ARTICLES[ground], "reason": reason, "due": case.answer_due_on},
        link=_case_link(case), event_key=f"compliance.case.{case.pk}.opened",
    )
    notify_bureau(code="compliance.case_opened", title=_("已立案：%(enterprise)s") % {"enterprise": enterprise.name},
                  body=reason, link=_case_link(case), event_key=f"compliance.case.{case.pk}.opened")
    return case


def _locked_case(case: RevocationCase) -> RevocationCase:
    return RevocationCase.objects.select_for_update().select_related("enterprise").get(pk=case.pk)


@transaction.atomic
def answer_case(case: RevocationCase, *, actor, today: date, answer: str) -> RevocationCase:
    """The enterprise's statement (陈述申辩) within the answer period."""
    case = _locked_case(case)
    REVOCATION.check(case, "answer", actor=actor, today=today)
    case.answer, case.answered_on, case.status = answer, today, CaseStatus.ANSWERED
    case.save(update_fields=["answer", "answered_on", "status"])
    log_action(case, "compliance.case_answered", actor, from_status=CaseStatus.NOTIFIED, to_status=case.status)
    notify_bureau(code="compliance.case_answered", title=_("企业已陈述申辩：%(e)s") % {"e": case.enterprise.name},
                  link=_case_link(case), event_key=f"compliance.case.{case.pk}.answered")
    return case


@transaction.atomic
def decide_case(case: RevocationCase, *, decision, actor, today: date) -> RevocationCase:
    """Carry out the head's authorised decision (revoke or dismiss) on the case: called only by
    casework.decisions.authorise_decision, with that decision (its facts are the reasons; the
    signed letter is issued there). A revocation sets the pilot status REVOKED."""
    case = _locked_case(case)
    REVOCATION.check(case, "revoke" if decision is not None and decision.revoke else "dismiss", actor=actor, today=today)
    ensure_authorised_decision(decision, case_kind="revocation", pk=case.pk, actor=actor)  # the one route
    revoke, reasons = bool(decision.revoke), decision.facts
    before = case.status
    case.status = CaseStatus.REVOKED if revoke else CaseStatus.DISMISSED
    case.decided_by, case.decided_on, case.decision_reasons = actor, today, reasons
    case.save(update_fields=["status", "decided_by", "decided_on", "decision_reasons"])
    if revoke:
        # The number of the signed letter (casework.rules.letter_number: prefix, year, decision).
        case.decision_number = f"并商务撤〔{today.year}〕{decision.pk}号"
        case.save(update_fields=["decision_number"])
        set_pilot_status(case.enterprise, PilotStatus.REVOKED, today)
    log_action(case, "compliance.case_decided", actor, from_status=before, to_status=case.status, reason=reasons)
    notify_organisation(
        case.enterprise, code="compliance.case_decided",
        title=_("取消试点资格案件决定：%(status)s") % {"status": case.get_status_display()},
        body=reasons, link=_case_link(case), event_key=f"compliance.case.{case.pk}.decided",
    )
    return case


@transaction.atomic
def publish_case(case: RevocationCase, *, actor, today: date) -> RevocationCase:
    """Publish a revocation on the public portal (and so in the MOFCOM report)."""
    case = _locked_case(case)
    REVOCATION.check(case, "publish", actor=actor, today=today)
    case.published_on = today
    case.save(update_fields=["published_on"])
    log_action(case, "compliance.case_published", actor, to_status="published")
    return case


# --- 第十三条 voluntary exit ------------------------------------------------------------------------


@transaction.atomic
def apply_for_exit(enterprise, *, actor, today: date, reason: str, aftersales_arrangements: str) -> ExitApplication:
    _require_own(actor, enterprise)
    org = Organisation.objects.select_for_update().get(pk=enterprise.pk)
    if org.pilot_status not in (PilotStatus.DESIGNATED, PilotStatus.SUSPENDED):
        raise RuleRefused([rules.NOT_A_PILOT])
    if ExitApplication.objects.filter(enterprise=org, status=ExitStatus.SUBMITTED).exists():
        raise RuleRefused([rules.WRONG_STATE])
    application = ExitApplication.objects.create(
        enterprise=org, reason=reason, aftersales_arrangements=aftersales_arrangements, submitted_by=actor,
        submitted_on=today,
    )
    log_action(application, "compliance.exit_applied", actor, to_status=application.status, reason=reason)
    notify_bureau(code="compliance.exit_applied", title=_("退出申请：%(e)s") % {"e": org.name},
                  link=reverse("compliance:exit-detail", args=[application.pk]),
                  event_key=f"compliance.exit.{application.pk}.applied")
    return application


@transaction.atomic
def decide_exit(application: ExitApplication, *, decision, actor, today: date) -> ExitApplication:
    """Carry out the head's authorised decision on an exit: approve (→ EXITED; 第十四条's after-sales
    duty stays) or refuse. Called only by casework.decisions.authorise_decision with that decision
    (exit_approval or exit_refusal; the letter is issued there)."""
    application = ExitApplication.objects.select_for_update().select_related("enterprise").get(pk=application.pk)
    approve = decision is not None and decision.kind == "exit_approval"
    EXIT.check(application, "approve" if approve else "refuse", actor=actor, today=today)
    ensure_authorised_decision(decision, case_kind="exit", pk=application.pk, actor=actor)  # the one route
    note = decision.facts
    application = record_decision(application, actor=actor, today=today, expected=ExitStatus.SUBMITTED,
                                  outcome=ExitStatus.APPROVED if approve else ExitStatus.REFUSED, note=note,
                                  action="compliance.exit_decided")
    if approve:
        set_pilot_status(application.enterprise, PilotStatus.EXITED, today)
    notify_organisation(
        application.enterprise, code="compliance.exit_decided",
        title=_("退出申请：%(status)s") % {"status": application.get_status_display()}, body=note,
        link=reverse("compliance:exit-detail", args=[application.pk]),
        event_key=f"compliance.exit.{application.pk}.decided",
    )
    return application
