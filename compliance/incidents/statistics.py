"""Statistics of the emergency response (实施方案三(四)): incidents by category, vehicles affected, time to
closure, per enterprise — one aggregate query per table."""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q

from .models import AffectedVehicle, Incident, IncidentCategory, IncidentStatus

_DAYS = ExpressionWrapper(F("closed_on") - F("opened_on"), output_field=DurationField())


def _days(value) -> float | None:
    if value is None:
        return None
    return round(value.total_seconds() / 86400, 1)


def by_category(incidents=None) -> list[dict]:
    incidents = incidents if incidents is not None else Incident.objects.all()
    rows = {r["category"]: r for r in incidents.values("category").annotate(
        incidents=Count("id"), closed=Count("id", filter=Q(status=IncidentStatus.CLOSED)),
        avg_days=Avg(_DAYS, filter=Q(status=IncidentStatus.CLOSED)))}
    vehicles = dict(AffectedVehicle.objects.filter(incident__in=incidents).values("incident__category")
                    .annotate(n=Count("id")).values_list("incident__category", "n"))
    return [{"category": str(label), "incidents": rows.get(code, {}).get("incidents", 0),
             "closed": rows.get(code, {}).get("closed", 0), "vehicles": vehicles.get(code, 0),
             "avg_days": _days(rows.get(code, {}).get("avg_days"))}
            for code, label in IncidentCategory.choices]


def by_enterprise(incidents=None) -> list[dict]:
    incidents = incidents if incidents is not None else Incident.objects.all()
    rows = (incidents.values("enterprise_id", "enterprise__name")
            .annotate(incidents=Count("id", distinct=True),
                      open=Count("id", filter=~Q(status=IncidentStatus.CLOSED), distinct=True),
                      vehicles=Count("affected", distinct=True),
                      avg_days=Avg(_DAYS, filter=Q(status=IncidentStatus.CLOSED)))
            .order_by("-incidents", "enterprise__name"))
    return [{"enterprise": r["enterprise__name"], "incidents": r["incidents"], "open": r["open"],
             "vehicles": r["vehicles"], "avg_days": _days(r["avg_days"])} for r in rows]


def totals(incidents=None) -> dict:
    incidents = incidents if incidents is not None else Incident.objects.all()
    agg = incidents.aggregate(incidents=Count("id"), closed=Count("id", filter=Q(status=IncidentStatus.CLOSED)),
                              avg_days=Avg(_DAYS, filter=Q(status=IncidentStatus.CLOSED)))
    agg["vehicles"] = AffectedVehicle.objects.filter(incident__in=incidents).count()
    agg["avg_days"] = _days(agg["avg_days"])
    return agg
