"""The licence after issue (issue 13 point 5): used, expired, suspended, reinstated, surrendered,
revoked — and refused or withdrawn before issue.

An issued licence is never edited: each change appends a LicenceVersion (append-only in the
database) with its reason, and the licence row only carries the current status, which the
public verification reads, so the public sees a decision as soon as it is made.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.errors import NOT_EDITABLE, RuleRefused
from portal.roles import Role, has_role
from portal.services import notify_organisation

from . import rules
from .models import Licence, LicenceChange, LicenceStatus, LicenceVersion

# Who may make each change: the bureau head decides; the enterprise surrenders its own licence.
CHANGE_ROLES = {
    LicenceChange.SUSPENDED: (Role.BUREAU_HEAD,),
    LicenceChange.REINSTATED: (Role.BUREAU_HEAD,),
    LicenceChange.REVOKED: (Role.BUREAU_HEAD,),
    LicenceChange.SURRENDERED: (Role.ENTERPRISE_USER,),
}
REASON_REQUIRED = _("请填写原因。")


def record_version(licence: Licence, change: str, *, actor, today: date, reason: str = "") -> LicenceVersion:
    """Append the licence's next version as it stands now (call inside the change's transaction)."""
    last = LicenceVersion.objects.filter(licence=licence).aggregate(n=Max("version"))["n"] or 0
    return LicenceVersion.objects.create(
        licence=licence, version=last + 1, change=change, status=licence.status, reason=reason,
        effective_on=today, actor=actor if getattr(actor, "is_authenticated", False) else None,
        snapshot={
            "number": licence.number,
            "valid_until": licence.valid_until.isoformat() if licence.valid_until else None,
            "vins": sorted(licence.vehicles.values_list("vin", flat=True)),
        },
    )


def ensure_may_change_licences(actor) -> None:
    """Only the roles of CHANGE_ROLES change an issued licence; others are refused before the form."""
    if not any(has_role(actor, *roles) for roles in CHANGE_ROLES.values()):
        raise PermissionDenied


def change_licence(licence: Licence, change: str, *, actor, today: date, reason: str) -> Licence:
    """Suspend, reinstate, revoke (the head) or surrender (the enterprise) an issued licence."""
    change = LicenceChange(change)
    roles = CHANGE_ROLES.get(change)
    if roles is None or not has_role(actor, *roles):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [REASON_REQUIRED]})
    with transaction.atomic():
        locked = Licence.objects.select_for_update().select_related("enterprise").get(pk=licence.pk)
        if change == LicenceChange.SURRENDERED and locked.enterprise_id != actor.organisation_id:
            raise PermissionDenied
        to_status = rules.licence_transition(change, locked.status)
        if to_status is None:
            raise RuleRefused([rules.LICENCE_CHANGE_REFUSED])
        before, locked.status = locked.status, to_status
        locked.save(update_fields=["status"])
        record_version(locked, change, actor=actor, today=today, reason=reason)
        log_action(locked, f"licence.{change}", actor, from_status=before, to_status=to_status, reason=reason)
        notify_organisation(
            locked.enterprise, code=f"licence.{change}", link=reverse("traceability:licence-detail", args=[locked.pk]),
            event_key=f"licence.{locked.pk}.{change}.{LicenceVersion.objects.filter(licence=locked).count()}",
            title=_("出口许可证 %(number)s：%(change)s") % {"number": locked.number, "change": change.label},
            body=reason,
        )
    return locked


def refuse_licence(licence: Licence, *, actor, today: date, reason: str) -> Licence:
    """不予签发: the head's refusal of a request (the casework decision carries the maker)."""
    if not has_role(actor, Role.BUREAU_HEAD):
        raise PermissionDenied
    return _close_request(licence, LicenceStatus.REFUSED, "licence.refused", actor=actor, today=today, reason=reason)


def withdraw_request(licence: Licence, *, today: date, reason: str) -> Licence:
    """A request deemed withdrawn by the clock job (its 补正 went unanswered): no actor."""
    return _close_request(licence, LicenceStatus.CANCELLED, "licence.withdrawn", actor=None, today=today, reason=reason)


def _close_request(licence, status, action: str, *, actor, today: date, reason: str) -> Licence:
    if not (reason or "").strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    with transaction.atomic():
        locked = Licence.objects.select_for_update().get(pk=licence.pk)
        if locked.status not in (LicenceStatus.REQUESTED, LicenceStatus.PREPARED):
            raise RuleRefused([NOT_EDITABLE])
        before = locked.status
        locked.status, locked.cancelled_reason, locked.cancelled_on = status, reason, today
        locked.cancelled_by = actor
        locked.save(update_fields=["status", "cancelled_reason", "cancelled_on", "cancelled_by"])
        log_action(locked, action, actor, from_status=before, to_status=status, reason=reason)
    return locked


def versions_of(licence: Licence):
    return LicenceVersion.objects.filter(licence=licence).select_related("actor").order_by("version")
