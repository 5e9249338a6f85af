"""The order's deadline (办法第十二条, scheduled daily): reminders before it, and at it the declared next
step for an order left unfinished — once. Set-based: one query finds the incidents, a compare-and-set
(ordered → escalated) makes a rerun find nothing to do."""

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.services import notify_bureau, notify_organisation

from ..services import open_revocation_case
from . import rules
from .models import AffectedVehicle, Incident, IncidentStatus, VehicleOutcome


def _pending():
    return Exists(AffectedVehicle.objects.filter(incident=OuterRef("pk"), outcome=VehicleOutcome.PENDING))


def send_reminders(today: date) -> int:
    """Remind the enterprise of an order with cars unreported, 5 and 1 days before its deadline (each once)."""
    sent = 0
    due = (Incident.objects.filter(status=IncidentStatus.ORDERED, deadline__gte=today,
                                   deadline__lte=rules.deadline_window_end(today))
           .filter(_pending()).select_related("enterprise"))
    for incident in due:
        threshold = rules.reminder_due(today, incident.deadline)
        if threshold is None:
            continue
        notify_organisation(
            incident.enterprise, code="compliance.incident_reminder",
            link=reverse("compliance:incident-detail", args=[incident.pk]),
            title=_("应急处置期限将至：请于 %(d)s 前报告全部车辆的处置情况（%(n)s）") % {
                "d": incident.deadline, "n": incident.number},
            event_key=f"compliance.incident.{incident.pk}.reminder.{threshold}")
        sent += 1
    return sent


def escalate_unfinished(today: date) -> int:
    """办法第十二条第4、5项: an order with cars unreported after its deadline opens a revocation case on the
    ground its category falls under, exactly once per incident. Answers how many it escalated."""
    overdue = list(Incident.objects.filter(status=IncidentStatus.ORDERED, deadline__lt=today)
                   .filter(_pending()).values_list("pk", flat=True))
    escalated = 0
    for pk in overdue:
        with transaction.atomic():
            if not Incident.objects.filter(pk=pk, status=IncidentStatus.ORDERED).update(
                    status=IncidentStatus.ESCALATED, escalated_on=today):
                continue  # another run took it
            incident = Incident.objects.select_related("enterprise").get(pk=pk)
            pending = incident.affected.filter(outcome=VehicleOutcome.PENDING).count()
            reason = _("应急事件 %(n)s：责令处置期限 %(d)s 届满，仍有 %(p)d 辆车辆未报告处置情况（%(a)s）。") % {
                "n": incident.number, "d": incident.deadline, "p": pending, "a": rules.NEXT_STEP_ARTICLE}
            case = open_revocation_case(incident.enterprise, rules.next_step_ground(incident.category), actor=None,
                                        today=today, reason=reason, source=f"incident:{pk}")
            Incident.objects.filter(pk=pk).update(escalation_case=case)
            log_action(incident, "compliance.incident_escalated", None, from_status=IncidentStatus.ORDERED,
                       to_status=IncidentStatus.ESCALATED, reason=reason, data={"case": case.pk, "pending": pending})
            notify_bureau(code="compliance.incident_escalated", title=reason,
                          link=reverse("compliance:incident-detail", args=[pk]),
                          event_key=f"compliance.incident.{pk}.escalated")
            escalated += 1
    return escalated


def run_incident_deadlines(today: date) -> dict:
    return {"reminded": send_reminders(today), "escalated": escalate_unfinished(today)}
