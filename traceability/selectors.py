"""Reads of vehicles, their files and licences, filtered by what the user may see."""

from dataclasses import dataclass
from datetime import UTC, date

from django.conf import settings
from django.db.models import Q

from portal.errors import Rule
from portal.roles import Role, has_role, is_bureau

from . import rules
from .models import EventType, Licence, LicenceStatus, TraceEvent, Vehicle

ALL_VEHICLES_ROLES = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER, Role.AUDITOR)


def vehicles_visible_to(user):
    """api.md: an enterprise sees its own vehicles; bureau, police and customs all; an inspection
    body the vehicles it has inspected."""
    base = Vehicle.objects.select_related("enterprise")
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if has_role(user, *ALL_VEHICLES_ROLES) or user.is_superuser:
        return base
    visible = Q(pk__in=[])
    if has_role(user, Role.ENTERPRISE_USER) and user.organisation_id:
        visible |= Q(enterprise_id=user.organisation_id)
    if has_role(user, Role.INSPECTOR) and user.organisation_id:
        inspected = TraceEvent.objects.filter(
            type=EventType.INSPECTION, recorded_by_organisation_id=user.organisation_id
        ).values("vehicle_id")
        visible |= Q(pk__in=inspected)
    return base.filter(visible)


def vehicles_recordable_by(user):
    """An inspection body may record an inspection for any VIN on file (api.md)."""
    if has_role(user, Role.INSPECTOR):
        return Vehicle.objects.select_related("enterprise")
    return vehicles_visible_to(user)


def events_of(vehicle):
    return vehicle.events.select_related("recorded_by_organisation").prefetch_related("attachments").order_by("seq")


def chain_entries(vehicle) -> list[rules.ChainEntry]:
    rows = TraceEvent.objects.filter(vehicle=vehicle).order_by("seq").values_list(
        "seq", "type", "occurred_on", "payload", "recorded_at", "recorded_by_username", "prev_hash", "hash"
    )
    return [
        rules.ChainEntry(seq, type_, occurred_on.isoformat(), payload, timestamp(recorded_at), by, prev, digest)
        for seq, type_, occurred_on, payload, recorded_at, by, prev, digest in rows
    ]


def verify_vehicle(vehicle) -> rules.ChainReport:
    return rules.verify_chain(vehicle.vin, chain_entries(vehicle))


def timestamp(moment) -> str:
    """The recorded_at text the hash covers: UTC, microseconds, ISO 8601."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def aftersales_rule() -> rules.AftersalesConfirmationRule:
    cfg = settings.PORTAL
    return rules.AftersalesConfirmationRule(
        date.fromisoformat(cfg["AFTERSALES_CONFIRMATION_EFFECTIVE"]), int(cfg["AFTERSALES_CONFIRMATION_DAYS"])
    )


def vehicle_facts(vehicle: Vehicle) -> rules.VehicleFacts:
    return rules.VehicleFacts(
        vehicle_type=vehicle.vehicle_type,
        registration_date=vehicle.registration_date,
        manufacture_date=vehicle.manufacture_date,
        previous_use=vehicle.previous_use,
        commercial_vehicle_type=vehicle.commercial_vehicle_type,
        stolen=vehicle.stolen,
        assembled=vehicle.assembled,
        scrapped=vehicle.scrapped,
        inspection_passed=vehicle.inspection_conclusion == "pass",
        registered_to_enterprise=vehicle.registered_to_enterprise_on is not None,
        exported=vehicle.cleared_on is not None,
        has_aftersales_confirmation=vehicle.has_aftersales_confirmation,
    )


@dataclass(frozen=True)
class Eligibility:
    as_of: date
    reasons: list[Rule]
    service_life_years: int | None
    scrap_due_date: date | None
    export_banned_from: date | None

    @property
    def eligible(self) -> bool:
        return not self.reasons

    def as_dict(self) -> dict:
        return {
            "eligible": self.eligible,
            "reasons": [r.refusal().as_dict() for r in self.reasons],
            "service_life_years": self.service_life_years,
            "scrap_due_date": self.scrap_due_date,
            "export_banned_from": self.export_banned_from,
        }


def eligibility(vehicle: Vehicle, as_of: date, *, applied_on: date | None = None) -> Eligibility:
    """办法第七条 as on `as_of`, with the scrap dates of 报废规定第五条、第六条."""
    due = rules.scrap_due_date(vehicle.vehicle_type, vehicle.registration_date, vehicle.manufacture_date,
                               vehicle.previous_use, vehicle.commercial_vehicle_type)
    return Eligibility(
        as_of=as_of,
        reasons=rules.export_ban_reasons(vehicle_facts(vehicle), as_of, applied_on=applied_on,
                                         aftersales_rule=aftersales_rule()),
        service_life_years=rules.service_life_years(vehicle.vehicle_type, vehicle.previous_use,
                                                    vehicle.commercial_vehicle_type),
        scrap_due_date=due,
        export_banned_from=rules.export_banned_from(due),
    )


def licences_visible_to(user):
    """An enterprise sees its own licences; the bureau, customs and the auditor all."""
    base = Licence.objects.select_related("enterprise", "prepared_by", "issued_by")
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if is_bureau(user) or has_role(user, Role.CUSTOMS_OFFICER, Role.AUDITOR) or user.is_superuser:
        return base
    if has_role(user, Role.ENTERPRISE_USER) and user.organisation_id:
        return base.filter(enterprise_id=user.organisation_id)
    return base.none()


# A suspended licence still holds its vehicles: it may be reinstated.
ACTIVE_LICENCE_STATUSES = (LicenceStatus.REQUESTED, LicenceStatus.PREPARED, LicenceStatus.ISSUED, LicenceStatus.SUSPENDED)
# Statuses of a licence that was issued: what the public verification shows.
ISSUED_LICENCE_STATUSES = (LicenceStatus.ISSUED, LicenceStatus.USED, LicenceStatus.EXPIRED, LicenceStatus.CANCELLED,
                           LicenceStatus.SUSPENDED, LicenceStatus.SURRENDERED, LicenceStatus.REVOKED)


def vehicles_on_active_licences(vehicle_ids, *, exclude_licence=None):
    qs = Licence.vehicles.through.objects.filter(vehicle_id__in=vehicle_ids, licence__status__in=ACTIVE_LICENCE_STATUSES)
    if exclude_licence is not None:
        qs = qs.exclude(licence=exclude_licence)
    return set(qs.values_list("vehicle_id", flat=True))


def licence_valid_for(vehicle: Vehicle, day: date):
    """The issued licence naming the vehicle that is valid on `day`; used once, for one batch."""
    return (
        Licence.objects.filter(vehicles=vehicle, issued_on__lte=day, valid_until__gte=day)
        .filter(Q(status=LicenceStatus.ISSUED) | Q(status=LicenceStatus.USED, used_on=day))
        .order_by("-issued_on")
        .first()
    )


def public_vehicle_summary(vehicle: Vehicle) -> dict:
    """api.md Public: the export summary without personal data (no seller, buyer or plate)."""
    licence = (
        vehicle.licences.exclude(number__isnull=True)
        .filter(status__in=ISSUED_LICENCE_STATUSES)
        .order_by("-issued_on", "-id").first()
    )
    report = verify_vehicle(vehicle)
    return {
        "vin": vehicle.vin,
        "brand": vehicle.brand,
        "model": vehicle.model,
        "vehicle_type": vehicle.vehicle_type,
        "enterprise": vehicle.enterprise.name,
        "inspection_conclusion": vehicle.inspection_conclusion or None,
        "inspected_on": vehicle.inspected_on,
        "licence": (
            {"number": licence.number, "status": licence.status, "issued_on": licence.issued_on,
             "valid_until": licence.valid_until} if licence else None
        ),
        "exported_on": vehicle.cleared_on,
        "destination_country": vehicle.destination_country or None,
        "deregistered_on": vehicle.deregistered_on,
        "chain_valid": report.valid,
        "event_count": report.count,
    }


def public_licence_summary(licence: Licence) -> dict:
    return {
        "number": licence.number,
        "status": licence.status,
        "issued_on": licence.issued_on,
        "valid_until": licence.valid_until,
        "destination_country": licence.destination_country,
        "enterprise": licence.enterprise.name,
        "issuing_authority": settings.PORTAL["ISSUING_AUTHORITY"],
        "vins": sorted(v.vin for v in licence.vehicles.all()),
        "status_label": licence.get_status_display(),
        # The lifecycle after issue (issue 13 point 5), without who decided or why.
        "history": [
            {"version": v.version, "change": v.change, "status": v.status, "effective_on": v.effective_on}
            for v in licence.versions.order_by("version")
        ],
    }
