"""Reads of incidents filtered by what the user may see: the bureau and customs (which may hold exports)
see every incident; an enterprise sees its own once the order is signed."""

from django.db.models import Count, Q

from portal.roles import Role, has_role, is_bureau

from .models import AffectedVehicle, Incident, IncidentStatus, VehicleOutcome
from .rules import progress


def may_read_incidents(user) -> bool:
    return is_bureau(user) or has_role(user, Role.CUSTOMS_OFFICER, Role.ENTERPRISE_USER)


def incidents_visible_to(user):
    qs = Incident.objects.select_related("enterprise")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_bureau(user) or has_role(user, Role.CUSTOMS_OFFICER):
        return qs
    if has_role(user, Role.ENTERPRISE_USER) and user.organisation_id:
        # An order the head has not signed does not exist yet for the enterprise.
        return qs.filter(enterprise_id=user.organisation_id, ordered_on__isnull=False)
    return qs.none()


def with_progress(queryset):
    """Each incident with its counts per outcome (one query for the page)."""
    return queryset.annotate(
        vehicles_total=Count("affected"),
        vehicles_pending=Count("affected", filter=Q(affected__outcome=VehicleOutcome.PENDING)),
    )


def incident_progress(incident) -> dict:
    counts = dict(AffectedVehicle.objects.filter(incident=incident).values_list("outcome")
                  .annotate(n=Count("id")).values_list("outcome", "n"))
    return progress(counts)


def affected_vehicles(incident):
    return (AffectedVehicle.objects.filter(incident=incident).select_related("vehicle")
            .order_by("outcome", "vehicle__vin"))


def affected_models(incident) -> list[tuple[str, str]]:
    return list(AffectedVehicle.objects.filter(incident=incident).values_list("vehicle__brand", "vehicle__model")
                .distinct().order_by("vehicle__brand", "vehicle__model"))


def open_incidents():
    return Incident.objects.exclude(status=IncidentStatus.CLOSED).select_related("enterprise")
