"""Reads of vehicles, their files and licences, filtered by what the user may see."""

import io
import operator
import re
from dataclasses import dataclass
from datetime import UTC, date
from functools import cache

from django.conf import settings
from django.db import connection
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from portal.errors import Rule
from portal.models import Organisation
from portal.policy import policy_in_force
from portal.prepared import execute_prepared
from portal.roles import Role, has_role, is_bureau

from . import rules
from .models import EventType, Licence, LicenceStatus, TraceEvent, Vehicle

# Not the auditor: its scope is the audit log (api.md v1.1 "Personal data").
ALL_VEHICLES_ROLES = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER)


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
    return (vehicle.events.select_related("recorded_by", "recorded_by_organisation")
            .prefetch_related("attachments").order_by("seq"))


CHAIN_FIELDS = ("seq", "type", "occurred_on", "payload_text", "recorded_at", "recorded_by_username", "prev_hash",
                "hash")


def stored_chain(events, *leading):
    """The fields the hash covers (`leading` first), the payload as its stored JSON text: verify_chain
    hashes that text with orjson, without building Python dicts through json.loads."""
    return events.annotate(payload_text=Cast("payload", TextField())).values_list(*leading, *CHAIN_FIELDS)


def chain_entry(seq, type_, occurred_on, payload_text, recorded_at, by, prev, digest) -> rules.ChainEntry:
    return rules.ChainEntry(seq, type_, occurred_on.isoformat(), payload_text, timestamp(recorded_at), by, prev, digest)


def chain_entries(vehicle) -> list[rules.ChainEntry]:
    return [chain_entry(*row) for row in stored_chain(TraceEvent.objects.filter(vehicle=vehicle).order_by("seq"))]


def verify_vehicle(vehicle) -> rules.ChainReport:
    return rules.verify_chain(vehicle.vin, chain_entries(vehicle))


def events_with_chain(vehicle) -> tuple[list, rules.ChainReport]:
    """The vehicle page's events (as events_of) and the chain verified from those very rows, with the payload
    as its stored JSON text: one read instead of two (issue 25), and what is shown is what was verified."""
    events = list(events_of(vehicle).annotate(payload_text=Cast("payload", TextField())))
    entries = [chain_entry(e.seq, e.type, e.occurred_on, e.payload_text, e.recorded_at, e.recorded_by_username,
                           e.prev_hash, e.hash) for e in events]
    return events, rules.verify_chain(vehicle.vin, entries)


# The rows rules.verify_chain_rows reads, in its column order, as PostgreSQL writes the values in the
# ISO DateStyle psycopg2 reads them in (twice cheaper than to_char): occurred_on as date.isoformat(),
# recorded_at in UTC without its zone, the payload as its stored JSON text; an empty last field.
_CHAIN_ROWS_SQL = (
    "COPY (SELECT vehicle_id, seq, prev_hash, hash, occurred_on, recorded_at AT TIME ZONE 'UTC',"
    " recorded_by_username, type, payload, '' FROM {table} WHERE vehicle_id > {after:d} AND vehicle_id <= {last:d}"
    " ORDER BY vehicle_id, seq) TO STDOUT"
)
_split_row = operator.methodcaller("split", b"\t")
_COPY_ESCAPE = re.compile(rb"\\(.)", re.DOTALL)
_COPY_ESCAPED = {b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"v": b"\v"}


def _copy_field(text: bytes) -> bytes:
    """A field of COPY's text format as stored: COPY TO writes a backslash as two, a control character
    as a backslash and a letter (and never an octal or hex sequence)."""
    return _COPY_ESCAPE.sub(lambda m: _COPY_ESCAPED.get(m[1], m[1]), text)


def chain_rows(after: int, last: int):
    """The events of the vehicles after < id <= last as rules.verify_chain_rows reads them (lists of
    bytes, an empty last field): one COPY, it hands over text, the driver builds no date, datetime or
    string per field; read a line at a time, each row's bytes are freed before the next."""
    buffer = io.BytesIO()
    with connection.cursor() as cursor:
        cursor.copy_expert(_CHAIN_ROWS_SQL.format(table=TraceEvent._meta.db_table, after=after, last=last), buffer)
    text = buffer.getvalue()
    lines = io.BytesIO(text)  # shares text
    if b"\\" not in text:
        return map(_split_row, lines)
    return ([_copy_field(field) for field in _split_row(line)] if b"\\" in line else _split_row(line)
            for line in lines)


def timestamp(moment) -> str:
    """The recorded_at text the hash covers: UTC, microseconds, ISO 8601."""
    moment = moment.astimezone(UTC)
    # The same text: isoformat() shows microseconds whenever there are any, three times faster.
    return moment.isoformat() if moment.microsecond else moment.isoformat(timespec="microseconds")


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
        inspected_on=vehicle.inspected_on,
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
    """办法第七条 as on `as_of`, with the scrap dates of 报废规定第五条、第六条, under the policy version in
    force on `as_of` (issue 24)."""
    policy = policy_in_force(as_of)
    table = policy["service_life_years"]
    due = rules.scrap_due_date(vehicle.vehicle_type, vehicle.registration_date, vehicle.manufacture_date,
                               vehicle.previous_use, vehicle.commercial_vehicle_type, table=table)
    return Eligibility(
        as_of=as_of,
        reasons=rules.export_ban_reasons(vehicle_facts(vehicle), as_of, policy, applied_on=applied_on),
        service_life_years=rules.service_life_years(vehicle.vehicle_type, vehicle.previous_use,
                                                    vehicle.commercial_vehicle_type, table=table),
        scrap_due_date=due,
        export_banned_from=rules.export_banned_from(due),
    )


def licences_visible_to(user):
    """An enterprise sees its own licences; the bureau, customs and the auditor all."""
    base = Licence.objects.select_related("enterprise", "prepared_by", "issued_by")
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if is_bureau(user) or has_role(user, Role.CUSTOMS_OFFICER) or user.is_superuser:
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


@cache
def _public_vehicle_sql() -> str:
    vehicle, licence = Vehicle._meta.db_table, Licence._meta.db_table
    statuses = ", ".join(["%s"] * len(ISSUED_LICENCE_STATUSES))
    return f"""
        SELECT v.vin, v.brand, v.model, v.vehicle_type, o.name, v.inspection_conclusion, v.inspected_on,
               v.cleared_on, v.destination_country, v.deregistered_on,
               l.number, l.status, l.issued_on, l.valid_until,
               e.seq, e.type, e.occurred_on, CAST(e.payload AS TEXT), e.recorded_at, e.recorded_by_username,
               e.prev_hash, e.hash
        FROM {vehicle} v
        JOIN {Organisation._meta.db_table} o ON o.id = v.enterprise_id
        LEFT JOIN {licence} l ON l.id = (
            SELECT x.id FROM {licence} x JOIN {Licence.vehicles.through._meta.db_table} xv ON xv.licence_id = x.id
            WHERE xv.vehicle_id = v.id AND x.number IS NOT NULL AND x.status IN ({statuses})
            ORDER BY x.issued_on DESC, x.id DESC LIMIT 1)
        LEFT JOIN {TraceEvent._meta.db_table} e ON e.vehicle_id = v.id
        WHERE v.vin = %s
        ORDER BY e.seq"""  # nosec B608 - table names from the models, every value a placeholder


def public_vehicle_summary(vin: str) -> dict | None:
    """api.md Public: the export summary without personal data (no seller, buyer or plate); None when
    the VIN is not on file. One query reads the vehicle, its enterprise, its latest issued licence and
    its events, and the chain is recomputed every time: nothing cached can hide a tampered row."""
    if "\x00" in vin:  # on no file: PostgreSQL refuses the character in a query
        return None
    with connection.cursor() as cursor:
        execute_prepared(cursor, "public_vehicle_summary", _public_vehicle_sql(), [*ISSUED_LICENCE_STATUSES, vin])
        rows = cursor.fetchall()
    if not rows:
        return None
    (vin, brand, model, vehicle_type, enterprise, conclusion, inspected_on, cleared_on, country, deregistered_on,
     number, status, issued_on, valid_until) = rows[0][:14]
    report = rules.verify_chain(vin, [chain_entry(*row[14:]) for row in rows if row[14] is not None])
    return {
        "vin": vin,
        "brand": brand,
        "model": model,
        "vehicle_type": vehicle_type,
        "enterprise": enterprise,
        "inspection_conclusion": conclusion or None,
        "inspected_on": inspected_on,
        "licence": (
            {"number": number, "status": status, "issued_on": issued_on, "valid_until": valid_until}
            if number else None
        ),
        "exported_on": cleared_on,
        "destination_country": country or None,
        "deregistered_on": deregistered_on,
        "chain_valid": report.valid,
        "event_count": report.count,
    }


def may_see_check_code(user, licence: Licence) -> bool:
    """api.md v1.1: the check code is in the enterprise's and the bureau's view of the licence."""
    if is_bureau(user) or getattr(user, "is_superuser", False):
        return True
    return has_role(user, Role.ENTERPRISE_USER) and user.organisation_id == licence.enterprise_id


def check_code_matches(licence: Licence, code) -> bool:
    import hmac

    given = str(code or "").strip().upper()
    return bool(given) and hmac.compare_digest(given.encode(), licence.check_code.encode())


def public_licence_answer(licence: Licence, code) -> dict:
    """api.md v1.1: with the right check code the licence's status, validity, enterprise and VINs; without
    it only the number and the status (licence numbers are sequential: a number alone reveals no more)."""
    if check_code_matches(licence, code):
        return public_licence_summary(licence)
    return {"number": licence.number, "status": licence.status}


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
