"""State changes of the emergency response (实施方案三(四), 办法第十二条).

Every service takes `actor` and `today`, locks the incident, checks the declared workflow
(compliance.workflow.INCIDENT), changes, logs and notifies. The head's 签发 of the order runs through
casework.decisions (prepared here, announced by `incident_order_prepared`; authorised there, which calls
`authorise_order`). Each car's file is written through traceability's event-log API only.
"""

from datetime import date
from uuid import uuid4

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.errors import RuleRefused
from portal.periods import legal_period
from portal.roles import Role, has_role
from portal.services import notify_bureau, notify_organisation
from portal.workflow import ensure_authorised_decision
from traceability import holds
from traceability.rules import is_country_code
from traceability.services import append_event

from . import rules
from .models import (
    AffectedVehicle,
    Incident,
    IncidentCategory,
    IncidentEvidence,
    IncidentSeverity,
    IncidentSource,
    IncidentStatus,
    OrderMeasure,
    VehicleOutcome,
    VehicleReport,
)
from .query import VehicleQuery, find_vehicles

# Sent inside prepare_order's transaction: case work records the prepared decision (officer → head) that
# the head authorises through casework.decisions (compliance does not import casework).
incident_order_prepared = Signal()  # kwargs: incident, actor, today

BUREAU = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD)


def _workflow():
    from ..workflow import INCIDENT

    return INCIDENT


def _link(incident: Incident) -> str:
    return reverse("compliance:incident-detail", args=[incident.pk])


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update(of=("self",)).select_related("enterprise").get(pk=incident.pk)


def hold_source(incident: Incident) -> str:
    return f"incident:{incident.pk}"


# --- opening ------------------------------------------------------------------------------------------


def _choice(value: str, choices, field: str, errors: dict) -> None:
    if value not in choices.values:
        errors[field] = [_("请选择一项。")]


@transaction.atomic
def open_incident(enterprise, *, actor, today: date, category: str, severity: str, source: str, title: str,
                  description: str, source_reference: str = "", evidence=()) -> Incident:
    """The bureau opens an incident: from a serious complaint, a discrepancy, a report from customs or a
    destination country, or by hand. One open incident per source reference (a second call answers it)."""
    if not has_role(actor, *BUREAU):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    _choice(category, IncidentCategory, "category", errors)
    _choice(severity, IncidentSeverity, "severity", errors)
    _choice(source, IncidentSource, "source", errors)
    if not (title or "").strip():
        errors["title"] = [_("请填写事件名称。")]
    if not (description or "").strip():
        errors["description"] = [_("请填写事件描述。")]
    if enterprise is None:
        errors["enterprise"] = [_("请选择涉事企业。")]
    if errors:
        raise ValidationError(errors)
    source_reference = (source_reference or "").strip()
    if source_reference:
        existing = Incident.objects.filter(source=source, source_reference=source_reference,
                                           status__in=[s for s in IncidentStatus.values if s != IncidentStatus.CLOSED]
                                           ).first()
        if existing is not None:
            return existing
    incident = Incident.objects.create(
        number=f"tmp-{uuid4().hex[:16]}", enterprise=enterprise, category=category, severity=severity,
        source=source, source_reference=source_reference, title=title.strip()[:120], description=description.strip(),
        opened_by=actor, opened_on=today)
    incident.number = f"YJ{today:%Y}{incident.pk:05d}"
    incident.save(update_fields=["number"])
    for uploaded in evidence or []:
        doc = IncidentEvidence(incident=incident, uploaded_by=actor)
        doc.fill_from_upload(uploaded, field="evidence")
        doc.save()
    log_action(incident, "compliance.incident_opened", actor, to_status=incident.status, reason=incident.title,
               data={"category": category, "severity": severity, "source": source, "reference": source_reference})
    notify_bureau(code="compliance.incident_opened", link=_link(incident),
                  title=_("应急事件已立案：%(n)s %(t)s") % {"n": incident.number, "t": incident.title},
                  event_key=f"compliance.incident.{incident.pk}.opened")
    return incident


# --- the affected vehicles ----------------------------------------------------------------------------


@transaction.atomic
def identify_vehicles(incident: Incident, query: VehicleQuery, *, actor, today: date) -> int:
    """Find the affected cars from the files by the query, save the set with the query that made it and
    append an `incident` event (no personal data) to each new car's file. Answers how many were added."""
    incident = _locked(incident)
    _workflow().check(incident, "identify", actor=actor, today=today)
    if query.is_empty():
        raise RuleRefused([rules.QUERY_EMPTY])
    found = find_vehicles(incident.enterprise_id, query)
    total = found.count()
    if total > rules.MAX_AFFECTED_PER_QUERY:
        raise RuleRefused([rules.QUERY_TOO_BROAD])
    new = list(found.exclude(pk__in=AffectedVehicle.objects.filter(incident=incident).values("vehicle_id")))
    payload = {"incident_number": incident.number, "category": str(incident.get_category_display()),
               "description": incident.title}
    rows = []
    for vehicle in new:
        event = append_event(vehicle, "incident", dict(payload), actor=actor, occurred_on=today, today=today)
        rows.append(AffectedVehicle(incident=incident, vehicle=vehicle, added_on=today, event_seq=event.seq))
    AffectedVehicle.objects.bulk_create(rows)
    incident.vehicle_queries = [*incident.vehicle_queries,
                                {"query": query.as_json(), "run_on": today.isoformat(), "by": actor.pk,
                                 "found": total, "added": len(rows)}]
    incident.save(update_fields=["vehicle_queries"])
    log_action(incident, "compliance.incident_vehicles_identified", actor, visible_to_enterprise=False,
               data={"query": query.as_json(), "found": total, "added": len(rows)})
    return len(rows)


# --- the order to act (办法第十二条) ---------------------------------------------------------------


@transaction.atomic
def prepare_order(incident: Incident, *, actor, today: date, measures, facts: str,
                  working_days: int = rules.ORDER_WORKING_DAYS_DEFAULT) -> Incident:
    """The officer prepares the order (maker): the measures, the facts and a deadline of N working days
    counted by the legal-period rule; case work holds it for the head's 签发 (checker)."""
    incident = _locked(incident)
    _workflow().check(incident, "prepare", actor=actor, today=today)
    measures = list(dict.fromkeys(measures or []))
    errors: dict[str, list[str]] = {}
    if not measures or any(m not in OrderMeasure.values for m in measures):
        errors["measures"] = [_("请至少选择一项处置措施。")]
    if not (facts or "").strip():
        errors["facts"] = [_("请填写事实与要求。")]
    if not isinstance(working_days, int) or not 1 <= working_days <= rules.ORDER_WORKING_DAYS_MAX:
        errors["working_days"] = [_("处置期限须为 1 至 %(n)d 个工作日。") % {"n": rules.ORDER_WORKING_DAYS_MAX}]
    if errors:
        raise ValidationError(errors)
    period = legal_period(today, working_days=working_days)
    before = incident.status
    incident.measures, incident.order_facts, incident.order_working_days = measures, facts.strip(), working_days
    incident.deadline, incident.order_prepared_by, incident.order_prepared_on = period.ends_on, actor, today
    incident.status = IncidentStatus.ORDER_PREPARED
    incident.save(update_fields=["measures", "order_facts", "order_working_days", "deadline", "order_prepared_by",
                                 "order_prepared_on", "status"])
    log_action(incident, "compliance.incident_order_prepared", actor, from_status=before, to_status=incident.status,
               reason=incident.order_facts, visible_to_enterprise=False,
               data={"measures": measures, "deadline": incident.deadline.isoformat()})
    incident_order_prepared.send(sender=Incident, incident=incident, actor=actor, today=today)
    return incident


def ensure_order_prepared(incident: Incident, actor) -> None:
    """Case work's check before it records the order's decision: the order was prepared on the incident's
    page (measures, deadline) by this officer, and the incident waits for the head's 签发."""
    incident = Incident.objects.get(pk=incident.pk)
    if incident.status != IncidentStatus.ORDER_PREPARED or incident.order_prepared_by_id != actor.pk:
        raise RuleRefused([_workflow().wrong_state.refusal(status=incident.get_status_display())])


def letter_facts(incident: Incident) -> str:
    """The facts the order's letter states: the incident, the cars, the measures and the report asked for."""
    count = incident.affected.count()
    return _("%(facts)s涉及你单位出口车辆 %(n)d 辆（应急事件 %(number)s，车辆清单见市商务局门户该事件页面）。"
             "须采取的处置措施：%(measures)s；并逐车报告处置情况及证明材料。") % {
        "facts": incident.order_facts.rstrip("。") + "。", "n": count, "number": incident.number,
        "measures": "、".join(incident.measure_labels())}


@transaction.atomic
def authorise_order(incident: Incident, *, decision, actor, today: date) -> Incident:
    """The head's 签发 (carried out by casework.decisions.authorise_decision, never the preparer)."""
    incident = _locked(incident)
    _workflow().check(incident, "authorise", actor=actor, today=today)
    ensure_authorised_decision(decision, case_kind="incident", pk=incident.pk, actor=actor)
    incident.status, incident.order_authorised_by, incident.ordered_on = IncidentStatus.ORDERED, actor, today
    incident.save(update_fields=["status", "order_authorised_by", "ordered_on"])
    log_action(incident, "compliance.incident_ordered", actor, from_status=IncidentStatus.ORDER_PREPARED,
               to_status=incident.status, data={"deadline": incident.deadline.isoformat()})
    notify_organisation(incident.enterprise, code="compliance.incident_ordered", link=_link(incident),
                        title=_("应急处置通知：请于 %(d)s 前完成处置并逐车报告（%(n)s）") % {
                            "d": incident.deadline, "n": incident.number},
                        body=", ".join(incident.measure_labels()),
                        event_key=f"compliance.incident.{incident.pk}.ordered")
    return incident


# --- the enterprise's report per vehicle ----------------------------------------------------------------


@transaction.atomic
def report_vehicle(incident: Incident, vin: str, *, actor, today: date, outcome: str, description: str,
                   country: str, evidence=()) -> VehicleReport:
    """The enterprise reports what was done for one car (done, not reachable, refused) with evidence; the
    report lands in that car's file as an `aftersales` or `repair` event (实施方案三(三))."""
    incident = _locked(incident)
    _workflow().check(incident, "report", actor=actor, today=today)
    errors: dict[str, list[str]] = {}
    if outcome not in VehicleOutcome.values or outcome == VehicleOutcome.PENDING:
        errors["outcome"] = [_("请选择处置情况。")]
    if not (description or "").strip():
        errors["description"] = [_("请填写处置说明。")]
    country = (country or "").strip().upper()
    if not is_country_code(country):
        errors["country"] = [_("须为 ISO 3166 两位国家代码，例如 KZ。")]
    if errors:
        raise ValidationError(errors)
    affected = (AffectedVehicle.objects.select_for_update(of=("self",)).select_related("vehicle")
                .filter(incident=incident, vehicle__vin=(vin or "").strip().upper()).first())
    if affected is None:
        raise RuleRefused([rules.NOT_AFFECTED])
    if affected.outcome == VehicleOutcome.DONE:
        raise RuleRefused([rules.VEHICLE_ALREADY_DONE])
    event_type = rules.event_type_for(outcome, incident.measures)
    text = _("应急事件 %(n)s：%(o)s。%(d)s") % {"n": incident.number, "o": VehicleOutcome(outcome).label,
                                               "d": description.strip()}
    event = append_event(affected.vehicle, event_type, {"description": text, "country": country}, actor=actor,
                         occurred_on=today, today=today, attachments=evidence or ())
    report = VehicleReport.objects.create(affected=affected, outcome=outcome, description=description.strip(),
                                          event_type=event_type, event_seq=event.seq, reported_by=actor,
                                          reported_on=today)
    affected.outcome, affected.reported_on = outcome, today
    affected.save(update_fields=["outcome", "reported_on"])
    log_action(incident, "compliance.incident_vehicle_reported", actor, reason=description.strip(),
               data={"vin": affected.vehicle.vin, "outcome": outcome, "event_seq": event.seq})
    if not incident.affected.filter(outcome=VehicleOutcome.PENDING).exists():
        notify_bureau(code="compliance.incident_reported", link=_link(incident),
                      title=_("应急事件 %(n)s：企业已报告全部车辆的处置情况，可以结案。") % {"n": incident.number},
                      event_key=f"compliance.incident.{incident.pk}.all_reported")
    return report


# --- the export hold ----------------------------------------------------------------------------------


@transaction.atomic
def hold_exports(incident: Incident, *, brand: str, model: str, reason: str, actor, today: date):
    """Customs or the bureau hold further exports of an affected brand and model of the enterprise while
    the incident is open (the licence rules refuse it: traceability.holds.EXPORT_HOLD)."""
    incident = _locked(incident)
    _workflow().check(incident, "hold", actor=actor, today=today)
    if not incident.affected.filter(vehicle__brand=brand, vehicle__model=model).exists():
        raise RuleRefused([rules.HOLD_NOT_AFFECTED_MODEL])
    hold = holds.place_hold(incident.enterprise, brand, model, reason=reason, source=hold_source(incident),
                            actor=actor, today=today)
    log_action(incident, "compliance.incident_hold_set", actor, reason=hold.reason,
               data={"brand": brand, "model": model, "hold": hold.pk})
    notify_organisation(incident.enterprise, code="compliance.incident_hold_set", link=_link(incident),
                        title=_("%(b)s %(m)s 暂停出口（应急事件 %(n)s）") % {"b": brand, "m": model, "n": incident.number},
                        body=hold.reason, event_key=f"compliance.incident.{incident.pk}.hold.{hold.pk}")
    return hold


# --- closing --------------------------------------------------------------------------------------------


@transaction.atomic
def close_incident(incident: Incident, *, actor, today: date, summary: str) -> Incident:
    """The bureau closes the incident with a closing report (an official document listing what was done
    per vehicle); the export holds it set lift."""
    from .documents import closing_report_number, render_closing_report

    incident = _locked(incident)
    _workflow().check(incident, "close", actor=actor, today=today)
    if not (summary or "").strip():
        raise ValidationError({"summary": [_("请填写结案意见。")]})
    before = incident.status
    incident.status, incident.closed_by, incident.closed_on = IncidentStatus.CLOSED, actor, today
    incident.closing_summary = summary.strip()
    incident.closing_report_number = closing_report_number(incident)
    incident.closing_report_pdf = render_closing_report(incident)
    incident.save(update_fields=["status", "closed_by", "closed_on", "closing_summary", "closing_report_number",
                                 "closing_report_pdf"])
    lifted = holds.lift_holds(hold_source(incident), actor=actor, today=today,
                              reason=_("应急事件 %(n)s 已结案") % {"n": incident.number})
    log_action(incident, "compliance.incident_closed", actor, from_status=before, to_status=incident.status,
               reason=incident.closing_summary, data={"report": incident.closing_report_number, "holds_lifted": lifted})
    notify_organisation(incident.enterprise, code="compliance.incident_closed", link=_link(incident),
                        title=_("应急事件 %(n)s 已结案（%(r)s）") % {"n": incident.number,
                                                                "r": incident.closing_report_number},
                        event_key=f"compliance.incident.{incident.pk}.closed")
    return incident
