"""Arrange helpers for the emergency response tests (实施方案三(四)): cars with real files."""

from datetime import date

from compliance.incidents import services
from compliance.incidents.query import VehicleQuery
from compliance.tests.factories import VehicleFactory
from traceability.models import TraceEvent
from traceability.rules import make_vin

OPENED = date(2026, 3, 2)  # a Monday


def car(enterprise, serial: int, **fields):
    """A vehicle of the enterprise with a valid VIN (a file with no events yet)."""
    return VehicleFactory(enterprise=enterprise, vin=make_vin("LFV2A21K", f"M{serial:07d}"), **fields)


def opened(enterprise, officer, *, category="safety_defect", today=OPENED, **kw):
    values = {"severity": "serious", "source": "destination", "title": "制动管路渗漏",
              "description": "哈萨克斯坦通报制动管路渗漏隐患。", **kw}
    return services.open_incident(enterprise, actor=officer, today=today, category=category, **values)


def ordered(incident, officer, head, *, today=OPENED, working_days=10, query=None):
    """Cars identified, the order prepared by the officer and authorised by the head through casework."""
    from casework.decisions import authorise_decision
    from casework.models import Decision

    if query is not None:
        services.identify_vehicles(incident, query, actor=officer, today=today)
    services.prepare_order(incident, actor=officer, today=today, measures=["recall", "part_replacement"],
                           facts="出口车辆制动管路存在渗漏隐患。", working_days=working_days)
    decision = Decision.objects.get(case_kind="incident", object_id=incident.pk, status="prepared")
    authorise_decision(decision, actor=head, today=today)
    incident.refresh_from_db()
    return incident


def events_of(vehicle, event_type=None):
    qs = TraceEvent.objects.filter(vehicle=vehicle).order_by("seq")
    return qs.filter(type=event_type) if event_type else qs


__all__ = ["VehicleQuery", "car", "opened", "ordered", "events_of", "OPENED"]
