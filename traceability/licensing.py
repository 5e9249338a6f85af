"""Export licences (一批一证): an enterprise applies, an officer prepares, the head issues.

Rules are re-checked at every call (api.md); issuing appends `licence_issued` to each vehicle's
file inside the same transaction, so the events exist when the call returns.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.errors import NOT_EDITABLE, NOT_IN_GOOD_STANDING, NOT_PREPARED, SAME_OFFICIAL, RuleRefused
from portal.roles import Role, has_role, is_bureau
from portal.services import notify_bureau, notify_organisation

from . import chain, holds, rules, selectors
from .lifecycle import record_version
from .models import EventType, Licence, LicenceChange, LicenceStatus, LicenceVehicle, Vehicle
from .workflow import LICENCE, action_for_issue_call

# Sent inside the issuing transaction (licence, actor, today): casework records the maker–checker
# decision and its signed letter, whichever route issued the licence (imports point one way).
licence_issued = Signal()


def _refusals(enterprise, vehicles, *, today: date, applied_on: date, licence=None) -> list:
    reasons = []
    if not enterprise.in_good_standing:
        reasons.append(NOT_IN_GOOD_STANDING.refusal())
    taken = selectors.vehicles_on_active_licences([v.pk for v in vehicles], exclude_licence=licence)
    held = holds.held_models(enterprise.pk)  # 实施方案三(四): an open incident's export hold
    for vehicle in vehicles:
        vehicle_reasons = selectors.eligibility(vehicle, today, applied_on=applied_on).reasons
        if vehicle.pk in taken:
            vehicle_reasons = [*vehicle_reasons, rules.ALREADY_ON_LICENCE]
        if holds.is_held(vehicle, held):
            vehicle_reasons = [*vehicle_reasons, holds.EXPORT_HOLD]
        reasons.extend(rules.prefixed(rule, vehicle.vin) for rule in vehicle_reasons)
    return reasons


def apply_for_licence(vins, destination_country: str, *, actor, today: date) -> Licence:
    """api.md POST /licences/: one licence for a batch of the enterprise's eligible vehicles."""
    if not has_role(actor, Role.ENTERPRISE_USER) or actor.organisation is None:
        raise PermissionDenied
    enterprise = actor.organisation
    vins = [str(v).strip().upper() for v in (vins or []) if str(v).strip()]
    errors = {}
    if not vins:
        errors["vins"] = [_("请至少选择一辆车。")]
    elif len(set(vins)) != len(vins):
        errors["vins"] = [_("VIN 不能重复。")]
    country = (destination_country or "").strip().upper()
    if not rules.is_country_code(country):
        errors["destination_country"] = [_("须为 ISO 3166 两位国家代码，例如 KZ。")]
    if errors:
        raise ValidationError(errors)
    if not enterprise.in_good_standing:
        raise RuleRefused([NOT_IN_GOOD_STANDING])
    with transaction.atomic():
        vehicles = list(selectors.vehicles_visible_to(actor).select_for_update(of=("self",)).filter(vin__in=vins)
                        .order_by("pk"))
        missing = sorted(set(vins) - {v.vin for v in vehicles})
        if missing:
            raise ValidationError({"vins": [_("以下 VIN 不在本企业档案中：%(vins)s") % {"vins": "、".join(missing)}]})
        reasons = _refusals(enterprise, vehicles, today=today, applied_on=today)
        if reasons:
            raise RuleRefused(reasons, detail=_("所选车辆不符合出口条件，不能申领许可证。"))
        licence = Licence.objects.create(enterprise=enterprise, destination_country=country, requested_by=actor)
        LicenceVehicle.objects.bulk_create(LicenceVehicle(licence=licence, vehicle=v) for v in vehicles)
        log_action(licence, "licence.requested", actor, to_status=LicenceStatus.REQUESTED,
                   data={"vins": [v.vin for v in vehicles], "destination_country": country})
        notify_bureau(code="licence.requested", title=_("%(org)s 申领出口许可证（%(n)d 辆）") % {
            "org": enterprise.name, "n": len(vehicles)}, link=_link(licence), event_key=f"licence.requested.{licence.pk}")
    return licence


def _link(licence) -> str:
    return reverse("traceability:licence-detail", args=[licence.pk])


def issue_licence(licence: Licence, *, actor, today: date) -> Licence:
    """api.md `issue`: an officer's call prepares, the head's call on a prepared licence issues (the
    declaration's `prepare` and `issue`); the same official cannot do both."""
    if not is_bureau(actor):
        raise PermissionDenied
    with transaction.atomic():
        locked = Licence.objects.select_for_update().select_related("enterprise").get(pk=licence.pk)
        action = action_for_issue_call(locked)
        try:
            LICENCE.check(locked, action, actor=actor, today=today)
        except PermissionDenied:
            # api.md: `issue` is one code for both halves, so a bureau user calling the other half is a
            # 409 naming why (the head before an officer prepared it; the preparing officer again).
            if action == "prepare":
                raise RuleRefused([NOT_PREPARED]) from None
            raise RuleRefused([SAME_OFFICIAL if locked.prepared_by_id == actor.pk else NOT_EDITABLE]) from None
        vehicles = list(Vehicle.objects.select_for_update().filter(licences=locked).order_by("pk"))
        reasons = _refusals(locked.enterprise, vehicles, today=today, applied_on=timezone.localdate(locked.requested_at),
                            licence=locked)
        if reasons:
            raise RuleRefused(reasons, detail=_("签发时复核：该许可证所列车辆或企业不符合规定。"))
        before = locked.status
        if action == "prepare":
            locked.status, locked.prepared_by = LicenceStatus.PREPARED, actor
            locked.save(update_fields=["status", "prepared_by"])
        else:
            _issue(locked, vehicles, actor=actor, today=today)
        log_action(locked, f"licence.{action}d", actor, from_status=before, to_status=locked.status)
    return locked


def _issue(locked: Licence, vehicles, *, actor, today: date) -> None:
    locked.status, locked.issued_by, locked.issued_on = LicenceStatus.ISSUED, actor, today
    locked.valid_until = rules.licence_valid_until(today)
    locked.number = f"TYCK{today:%Y}{locked.pk:06d}"
    locked.save(update_fields=["status", "issued_by", "issued_on", "valid_until", "number"])
    record_version(locked, LicenceChange.ISSUED, actor=actor, today=today)
    payload = {"licence_number": locked.number, "valid_until": locked.valid_until.isoformat(),
               "destination_country": locked.destination_country}
    for vehicle in vehicles:
        chain.write_event(vehicle, EventType.LICENCE_ISSUED, dict(payload), actor=actor, occurred_on=today)
    licence_issued.send(sender=Licence, licence=locked, actor=actor, today=today)
    notify_organisation(
        locked.enterprise, code="licence.issued", link=_link(locked), event_key=f"licence.issued.{locked.pk}",
        title=_("出口许可证 %(number)s 已签发，有效期至 %(until)s") % {
            "number": locked.number, "until": locked.valid_until.isoformat()},
    )


def cancel_licence(licence: Licence, reason: str, *, actor, today: date) -> Licence:
    """注销 (the declaration's `cancel`, irreversible): issued documents are never edited, a licence is
    cancelled with a reason by the bureau; the enterprise may withdraw its own request before issue."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = Licence.objects.select_for_update().get(pk=licence.pk)
        LICENCE.check(locked, "cancel", actor=actor, today=today)  # before the reason: 403/409, not 400
        if not reason:
            raise ValidationError({"reason": [_("请填写注销原因。")]})
        before = locked.status
        locked.status, locked.cancelled_reason = LicenceStatus.CANCELLED, reason
        locked.cancelled_by, locked.cancelled_on = actor, today
        locked.save(update_fields=["status", "cancelled_reason", "cancelled_by", "cancelled_on"])
        if locked.number:  # it was issued: the change is a new version
            record_version(locked, LicenceChange.CANCELLED, actor=actor, today=today, reason=reason)
        log_action(locked, "licence.cancelled", actor, from_status=before, to_status=locked.status, reason=reason)
    return locked


def lapse_expired_licences(today: date) -> int:
    """货物出口许可证管理办法: an issued (or suspended) licence unused at the end of its validity
    lapses; each lapse appends a version, dated the day after the last valid day."""
    lapsed = 0
    for pk in Licence.objects.filter(status__in=(LicenceStatus.ISSUED, LicenceStatus.SUSPENDED),
                                     valid_until__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            locked = Licence.objects.select_for_update().get(pk=pk)
            if locked.status not in (LicenceStatus.ISSUED, LicenceStatus.SUSPENDED) or locked.valid_until >= today:
                continue
            before, locked.status = locked.status, LicenceStatus.EXPIRED
            locked.save(update_fields=["status"])
            record_version(locked, LicenceChange.EXPIRED, actor=None, today=locked.valid_until + timedelta(days=1))
            log_action(locked, "licence.expired", None, from_status=before, to_status=locked.status)
            lapsed += 1
    return lapsed
