"""Networks reports (第八条) and rectification orders (第十二条第6项): their state changes."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.errors import RuleRefused
from portal.roles import Role, has_role
from portal.services import notify_bureau, notify_organisation

from . import obligations, rules
from .models import (
    NetworkEvidence,
    NetworkReport,
    RectificationEvidence,
    RectificationOrder,
    RectificationStatus,
    ReportStatus,
)
from .workflow import RECTIFICATION

BUREAU = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD)

# Sent when the head authorised a rectification order (第十二条第6项): case work records the decision
# and issues its signed letter (on casework's own route it is already doing so and adds nothing).
rectification_ordered = Signal()  # kwargs: order, actor, today


def _require(actor, *roles) -> None:
    if not has_role(actor, *roles):
        raise PermissionDenied


def _require_own(actor, enterprise_id: int) -> None:
    if not has_role(actor, Role.ENTERPRISE_USER) or actor.organisation_id != enterprise_id:
        raise PermissionDenied


def _attach(model, owner_field: str, owner, files, actor) -> None:
    for uploaded in files or []:
        doc = model(**{owner_field: owner}, uploaded_by=actor)
        doc.fill_from_upload(uploaded, field="evidence")
        doc.save()


def record_decision(obj, *, actor, today: date, expected: str, outcome: str, note: str, action: str):
    """Lock a submission, check it awaits the bureau, record the decision and log it (one place for all)."""
    locked = type(obj).objects.select_for_update().select_related("enterprise").get(pk=obj.pk)
    if locked.status != expected:
        raise RuleRefused([rules.WRONG_STATE])
    locked.status = outcome
    locked.decided_by, locked.decided_on, locked.decision_note = actor, today, note
    locked.save(update_fields=["status", "decided_by", "decided_on", "decision_note"])
    log_action(locked, action, actor, from_status=expected, to_status=outcome, reason=note)
    return locked


# --- 第八条 networks ---------------------------------------------------------------------------------


@transaction.atomic
def submit_network_report(enterprise, *, actor, today: date, kind: str, countries: str, partners: str,
                          addresses: str, evidence=()) -> NetworkReport:
    _require_own(actor, enterprise.pk)
    report = NetworkReport.objects.create(
        enterprise=enterprise, kind=kind, countries=countries.upper(), partners=partners, addresses=addresses,
        submitted_by=actor, submitted_on=today,
    )
    _attach(NetworkEvidence, "report", report, evidence, actor)
    log_action(report, "compliance.network_submitted", actor, to_status=report.status)
    notify_bureau(code="compliance.network_submitted",
                  title=_("网络建设报告待审核：%(e)s") % {"e": enterprise.name},
                  link=reverse("compliance:network-detail", args=[report.pk]),
                  event_key=f"compliance.network.{report.pk}.submitted")
    return report


@transaction.atomic
def decide_network_report(report: NetworkReport, *, actor, today: date, accept: bool, note: str = "") -> NetworkReport:
    """The bureau accepts (counts for networks_9m) or returns the report with a note."""
    _require(actor, *BUREAU)
    report = record_decision(report, actor=actor, today=today, expected=ReportStatus.SUBMITTED,
                             outcome=ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED, note=note,
                             action="compliance.network_decided")
    notify_organisation(report.enterprise, code="compliance.network_decided",
                        title=_("网络建设报告：%(s)s") % {"s": report.get_status_display()}, body=note,
                        link=reverse("compliance:network-detail", args=[report.pk]),
                        event_key=f"compliance.network.{report.pk}.decided")
    return report


# --- 第十二条第6项 rectification ------------------------------------------------------------------


def _order_link(order) -> str:
    return reverse("compliance:rectification-detail", args=[order.pk])


def _locked_order(order) -> RectificationOrder:
    return RectificationOrder.objects.select_for_update().select_related("enterprise").get(pk=order.pk)


@transaction.atomic
def prepare_rectification(enterprise, *, actor, today: date, reasons: str, deadline: date) -> RectificationOrder:
    """An officer prepares the order (maker); the head authorises it (checker)."""
    _require(actor, *BUREAU)
    if deadline <= today:
        raise RuleRefused([rules.DEADLINE_NOT_IN_FUTURE])
    order = RectificationOrder.objects.create(
        enterprise=enterprise, reasons=reasons, deadline=deadline, prepared_by=actor, prepared_on=today
    )
    log_action(order, "compliance.rectification_prepared", actor, to_status=order.status, reason=reasons,
               visible_to_enterprise=False)
    return order


@transaction.atomic
def authorise_rectification(order: RectificationOrder, *, actor, today: date) -> RectificationOrder:
    """The head (never the maker) authorises the order: the duty starts, the signed letter is issued."""
    order = _locked_order(order)
    RECTIFICATION.check(order, "authorise", actor=actor, today=today)
    order.status, order.authorised_by, order.ordered_on = RectificationStatus.ORDERED, actor, today
    order.save(update_fields=["status", "authorised_by", "ordered_on"])
    obligations.start_rectification(order)
    log_action(order, "compliance.rectification_ordered", actor, from_status=RectificationStatus.PREPARED,
               to_status=order.status)
    rectification_ordered.send(sender=RectificationOrder, order=order, actor=actor, today=today)
    notify_organisation(
        order.enterprise, code="compliance.rectification_ordered",
        title=_("责令限期整改通知（期限 %(d)s）") % {"d": order.deadline}, body=order.reasons,
        link=_order_link(order), event_key=f"compliance.rectification.{order.pk}.ordered",
    )
    return order


@transaction.atomic
def answer_rectification(order: RectificationOrder, *, actor, today: date, answer: str, evidence=()) -> RectificationOrder:
    order = _locked_order(order)
    RECTIFICATION.check(order, "answer", actor=actor, today=today)
    before = order.status
    order.status, order.answer, order.answered_on = RectificationStatus.ANSWERED, answer, today
    order.save(update_fields=["status", "answer", "answered_on"])
    _attach(RectificationEvidence, "order", order, evidence, actor)
    log_action(order, "compliance.rectification_answered", actor, from_status=before, to_status=order.status)
    notify_bureau(code="compliance.rectification_answered",
                  title=_("整改情况待审核：%(e)s") % {"e": order.enterprise.name}, link=_order_link(order),
                  event_key=f"compliance.rectification.{order.pk}.answered.{today}")
    return order


@transaction.atomic
def decide_rectification(order: RectificationOrder, *, actor, today: date, accept: bool, note: str = "") -> RectificationOrder:
    RECTIFICATION.check(_locked_order(order), "accept" if accept else "reject", actor=actor, today=today)
    order = record_decision(order, actor=actor, today=today, expected=RectificationStatus.ANSWERED,
                            outcome=RectificationStatus.ACCEPTED if accept else RectificationStatus.REJECTED, note=note,
                            action="compliance.rectification_decided")
    notify_organisation(order.enterprise, code="compliance.rectification_decided",
                        title=_("整改审核结果：%(s)s") % {"s": order.get_status_display()}, body=note,
                        link=_order_link(order), event_key=f"compliance.rectification.{order.pk}.decided.{today}")
    return order
