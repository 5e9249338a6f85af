"""State changes of one car one file: registering vehicles and appending trace events.

`append_event` is the one entry point for every event (the supervision app appends `complaint`
with a bureau actor; the licence service appends `licence_issued` through `chain.write_event`).
Licence services live in traceability.licensing and are re-exported here; the chain itself
is written by traceability.chain.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.errors import NO_VALID_LICENCE, NOT_IN_GOOD_STANDING, RuleRefused
from portal.roles import Role, has_role, role_names
from portal.services import notify_organisation

from . import chain, rules, selectors
from .events import validate_event_data
from .licensing import apply_for_licence, cancel_licence, issue_licence, lapse_expired_licences
from .lifecycle import record_version
from .models import (
    EventAttachment,
    EventType,
    InspectionQualification,
    Licence,
    LicenceChange,
    LicenceStatus,
    PreviousUse,
    TraceEvent,
    Vehicle,
    VehicleType,
)

VEHICLE_FIELDS = (
    "vin", "plate_number", "brand", "model", "vehicle_type", "registration_date", "manufacture_date",
    "mileage_km", "previous_use", "commercial_vehicle_type", "has_aftersales_confirmation",
)


def vehicle_field_errors(fields: dict, *, today: date, confirm_vin_check: bool = False,
                         vins_on_file=None) -> dict[str, list[str]]:
    """Every reason the vehicle's fields are refused (400), by field; shared by the form, the API
    and the bulk import. `vins_on_file`: VINs already taken (defaults to the database)."""
    errors: dict[str, list[str]] = {}
    vin = (fields.get("vin") or "").strip().upper()
    check = rules.check_vin(vin)
    if check.error:
        errors["vin"] = [str(check.error.message)]
    elif check.warning and not confirm_vin_check:
        errors["vin"] = [str(check.warning.message)]
    elif (vin in vins_on_file) if vins_on_file is not None else Vehicle.objects.filter(vin=vin).exists():
        errors["vin"] = [_("该 VIN 已在档，不能重复登记。")]
    registered = fields.get("registration_date")
    if registered and registered > today:
        errors["registration_date"] = [_("初次登记日期不能晚于今天。")]
    elif registered and registered < rules.EARLIEST_VEHICLE_DATE:
        errors["registration_date"] = [_("初次登记日期不能早于 1950-01-01。")]
    made = fields.get("manufacture_date")
    if made and made > today:
        errors["manufacture_date"] = [_("出厂日期不能晚于今天。")]
    elif made and made < rules.EARLIEST_VEHICLE_DATE:
        errors["manufacture_date"] = [_("出厂日期不能早于 1950-01-01。")]
    elif made and registered and made > registered:
        errors["manufacture_date"] = [_("出厂日期不能晚于初次登记日期。")]
    commercial_type = fields.get("commercial_vehicle_type") or ""
    if commercial_type and commercial_type not in VehicleType.values:
        errors["commercial_vehicle_type"] = [_("须为报废规定车辆类型代码之一。")]
    use = fields.get("previous_use") or PreviousUse.NONCOMMERCIAL
    if use == PreviousUse.CHANGED and not fields.get("commercial_vehicle_type"):
        errors["commercial_vehicle_type"] = [_("营运与非营运之间变更过的车辆，须填写营运时的车辆类型（报废规定第六条）。")]
    return errors


def ensure_may_register(actor) -> None:
    if not has_role(actor, Role.ENTERPRISE_USER) or actor.organisation is None:
        raise PermissionDenied
    if not actor.organisation.in_good_standing:
        raise RuleRefused([NOT_IN_GOOD_STANDING])


def new_vehicle(fields: dict, *, actor) -> Vehicle:
    """The unsaved vehicle a registration writes (register_vehicle, and the bulk import's bulk_create)."""
    values = {k: fields[k] for k in VEHICLE_FIELDS if k in fields and fields[k] is not None}
    values["vin"] = values["vin"].strip().upper()
    if values["vin"][8] != rules.vin_check_character(values["vin"]):
        values["vin_check_confirmed_by"] = actor  # the officer's confirmation is kept
    return Vehicle(enterprise=actor.organisation, created_by=actor, **values)


def register_vehicle(fields: dict, *, actor, today: date, confirm_vin_check: bool = False) -> Vehicle:
    """Issue 6 point 1: a pilot enterprise in good standing adds a vehicle to its files."""
    ensure_may_register(actor)
    errors = vehicle_field_errors(fields, today=today, confirm_vin_check=confirm_vin_check)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            vehicle = new_vehicle(fields, actor=actor)
            vehicle.save(force_insert=True)
            log_action(vehicle, "vehicle.registered", actor, data={"vin": vehicle.vin})
    except IntegrityError:
        raise ValidationError({"vin": [_("该 VIN 已在档，不能重复登记。")]})
    return vehicle


# --- Events ---------------------------------------------------------------------------------------
def _type_allowed(actor, event_type: str, corrected_type: str | None) -> bool:
    roles = role_names(actor)
    if event_type in rules.SYSTEM_EVENT_TYPES:
        return False
    if event_type == EventType.CORRECTION:
        return corrected_type is not None and corrected_type not in rules.SYSTEM_EVENT_TYPES \
            and rules.may_record(roles, corrected_type)
    return rules.may_record(roles, event_type)


def ensure_may_record_events(actor) -> None:
    """A role that records no event type at all (the auditor) is refused before its request is read."""
    if not rules.recordable_types(role_names(actor)):
        raise PermissionDenied


def append_event(vehicle: Vehicle, event_type: str, data: dict, *, actor, occurred_on: date, today: date | None = None,
                 attachments=()) -> TraceEvent:
    """Append one event to the vehicle's file (实施方案三(三)).

    Permission by role and type (403), type-specific fields (400), the rules that depend on the file
    (409), a gap-free sequence under concurrency (the vehicle row is locked) and the hash chain.
    """
    today = today or timezone.localdate()
    if event_type not in EventType.values:
        raise ValidationError({"type": [_("未知的记录类型。")]})
    corrected_type = None
    if event_type == EventType.CORRECTION:
        corrected = TraceEvent.objects.filter(vehicle=vehicle, seq=_int_or_none(data.get("corrects_seq"))).first()
        if corrected is None:
            raise ValidationError({"corrects_seq": [_("没有这一序号的记录。")]})
        corrected_type = corrected.type
    if not _type_allowed(actor, event_type, corrected_type):
        raise PermissionDenied
    if has_role(actor, Role.ENTERPRISE_USER) and vehicle.enterprise_id != actor.organisation_id:
        raise PermissionDenied
    if occurred_on > today:
        raise ValidationError({"occurred_on": [_("发生日期不能晚于今天。")]})
    payload = validate_event_data(event_type, data, corrected_type=corrected_type)
    _check_inspection_body(event_type, payload, actor, occurred_on, corrected_type)
    documents = _prepared_attachments(attachments, actor)
    if documents:
        payload["attachments"] = [{"name": d.original_name, "sha256": d.sha256} for d in documents]

    with transaction.atomic():
        locked = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
        state = chain.file_state(locked)
        _check_file_rules(locked, state, event_type, payload, occurred_on)
        event = chain.write_event(locked, event_type, payload, actor=actor, occurred_on=occurred_on)
        for document in documents:
            document.vehicle, document.event = locked, event
            document.save()
        _after_append(locked, event, actor)
    vehicle.refresh_from_db()
    return event


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _check_inspection_body(event_type, payload, actor, occurred_on: date, corrected_type=None) -> None:
    """办法第九条, 实施方案三(二): the report carries one of the recording body's registered
    qualification numbers (400 on the field otherwise), and that qualification covers motor vehicles
    and is valid on the inspection date (409 otherwise). A body with no registered qualification
    passes no car, whatever its organisation record says."""
    inspecting = event_type == EventType.INSPECTION or (
        corrected_type == EventType.INSPECTION and "qualification_number" in payload)
    if not inspecting:
        return
    held = [
        rules.Qualification(q.number, q.covers_motor_vehicles, q.valid_from, q.valid_until)
        for q in InspectionQualification.objects.filter(organisation_id=actor.organisation_id)
    ]
    if not held:
        raise RuleRefused([rules.INSPECTION_BODY_NOT_QUALIFIED])
    number = payload.get("qualification_number", "")
    if number not in {q.number for q in held}:
        raise ValidationError({"qualification_number": [_("资质证书编号与本检测机构登记的编号不符。")]})
    refusal = rules.inspection_body_refusal(held, number, occurred_on)
    if refusal is not None:
        raise RuleRefused([refusal])


def _prepared_attachments(attachments, actor) -> list[EventAttachment]:
    documents = []
    for uploaded in attachments:
        document = EventAttachment(uploaded_by=actor)
        document.fill_from_upload(uploaded, field="attachments")
        documents.append(document)
    return documents


def _check_file_rules(vehicle, state, event_type, payload, occurred_on) -> None:
    if event_type == EventType.INSPECTION and TraceEvent.objects.filter(vehicle=vehicle, type=EventType.INSPECTION).exists():
        raise RuleRefused([rules.ALREADY_INSPECTED])  # 一车一检: a later report is a correction of the first
    if event_type == EventType.CUSTOMS_CLEARANCE:
        if state.cleared_on is not None:
            raise RuleRefused([rules.ALREADY_EXPORTED])
        refusals = rules.clearance_refusals(state, payload.get("declaration_number"))
        if refusals:
            raise RuleRefused(refusals)
        licence = selectors.licence_valid_for(vehicle, occurred_on)
        if licence is None:
            raise RuleRefused([NO_VALID_LICENCE])
        payload["licence_number"] = licence.number
    elif event_type == EventType.DEREGISTRATION:
        refusals = rules.deregistration_refusals(state)
        if refusals:
            raise RuleRefused(refusals)
        payload["clearance_seq"] = state.clearance_seq  # which clearance it answers (第六条)
    elif event_type == EventType.TRAFFIC_MATTER_CLOSED and payload["reference"] not in state.open_traffic_matters:
        raise ValidationError({"reference": [_("没有这一编号的未处理交通违法或事故。")]})


# Sent in the clearance's transaction: 办法第六条's deregistration duty exists from this act
# (domain-rules v1.1); compliance listens (traceability does not import it).
vehicle_cleared = Signal()  # sender=Vehicle, vehicle=, cleared_on=


def _after_append(vehicle: Vehicle, event: TraceEvent, actor) -> None:
    link = reverse("traceability:vehicle-detail", args=[vehicle.vin])
    if event.type == EventType.CUSTOMS_CLEARANCE:
        vehicle_cleared.send(sender=Vehicle, vehicle=vehicle, cleared_on=event.occurred_on)
        licence = Licence.objects.select_for_update().filter(number=event.payload["licence_number"],
                                                              status=LicenceStatus.ISSUED).first()
        if licence is not None:
            licence.status, licence.used_on = LicenceStatus.USED, event.occurred_on
            licence.save(update_fields=["status", "used_on"])
            record_version(licence, LicenceChange.USED, actor=actor, today=event.occurred_on)
        notify_organisation(
            vehicle.enterprise, code="vehicle.cleared", link=link, event_key=f"vehicle.cleared.{vehicle.pk}",
            title=_("车辆 %(vin)s 已放行，请在2个月内办理注销登记（办法第六条）。") % {"vin": vehicle.vin},
        )
    elif event.type in (EventType.DEREGISTRATION, EventType.THEFT_FLAG, EventType.COMPLAINT):
        notify_organisation(
            vehicle.enterprise, code=f"vehicle.{event.type}", link=link,
            event_key=f"vehicle.event.{vehicle.pk}.{event.seq}",
            title=_("车辆 %(vin)s 新增记录：%(type)s") % {"vin": vehicle.vin, "type": event.get_type_display()},
        )


__all__ = [
    "append_event", "apply_for_licence", "cancel_licence", "issue_licence", "lapse_expired_licences",
    "register_vehicle", "vehicle_field_errors",
]
