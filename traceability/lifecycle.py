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
from portal.services import notify_organisation
from portal.workflow import WRONG_STATE, ensure_authorised_decision

from .models import Licence, LicenceChange, LicenceStatus, LicenceVersion
from .workflow import KIND, LICENCE

# Each change after issue is an action of the declaration (traceability/workflow.py), which says who
# takes it and from which states. Suspending and revoking are adverse (domain-rules v1.1): an officer
# prepares the decision in casework, the head authorises it there, and only that authorisation carries
# them out (carry_out_decision); reinstating (the head) and surrendering (the enterprise) are direct.
ACTION_OF_CHANGE = {
    LicenceChange.SUSPENDED: "suspend",
    LicenceChange.REINSTATED: "reinstate",
    LicenceChange.REVOKED: "revoke",
    LicenceChange.SURRENDERED: "surrender",
}
DIRECT_CHANGES = tuple(change for change, code in ACTION_OF_CHANGE.items() if not LICENCE.action(code).countersigned)
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


def ensure_decision_may_be_prepared(licence: Licence, letter: str) -> None:
    """An officer prepares an adverse decision (refuse, suspend, revoke) only where the declared action it
    leads to is open in the licence's state, so the head's authorisation can carry it out."""
    action = next(a for a in LICENCE.actions if a.letter == letter and a.adverse)
    if LICENCE.state_of(licence) not in {str(s) for s in action.sources}:
        raise RuleRefused([WRONG_STATE])


def decision_kinds_open(licence: Licence, kinds) -> list[str]:
    """Of casework's decision kinds for a licence, those an officer may prepare now: the declared action
    each leads to is open in the licence's state (the favourable `licence` letter: the officer's prepare)."""
    state = LICENCE.state_of(licence)
    by_letter = {a.letter: a for a in LICENCE.actions if a.letter}
    by_letter["licence"] = LICENCE.action("prepare")
    return [k for k in kinds if k not in by_letter or state in {str(s) for s in by_letter[k].sources}]


def direct_changes_for(user) -> list[str]:
    """The direct changes the user's role takes at all (the lifecycle form's choices; none: a 403)."""
    return [change for change in DIRECT_CHANGES if LICENCE.action(ACTION_OF_CHANGE[change]).takes_role(user)]


def direct_changes_allowed(licence: Licence, user, today: date) -> list[str]:
    """The changes `user` may make on the lifecycle form now (the declaration's allowed actions)."""
    allowed = set(LICENCE.allowed_codes(licence, user, today))
    return [change for change in DIRECT_CHANGES if ACTION_OF_CHANGE[change] in allowed]


def change_licence(licence: Licence, change: str, *, actor, today: date, reason: str) -> Licence:
    """Reinstate (the head) or surrender (the enterprise) an issued licence. Suspending and revoking
    have one route, the countersigned casework decision: here they are refused to everyone."""
    change = LicenceChange(change)
    code = ACTION_OF_CHANGE.get(change)
    if code is None or LICENCE.action(code).countersigned:
        raise PermissionDenied  # no direct route to an adverse decision (domain-rules v1.1)
    return _change(licence, change, code, actor=actor, today=today, reason=reason)


def carry_out_decision(licence: Licence, change: str, *, decision, actor, today: date) -> Licence:
    """Suspend or revoke as the head's authorisation of an officer's prepared decision (casework calls it
    inside authorise_decision): the declaration's guard finds the decision and its preparer."""
    change = LicenceChange(change)
    code = ACTION_OF_CHANGE[change]
    ensure_authorised_decision(decision, case_kind=KIND, pk=licence.pk, actor=actor)
    return _change(licence, change, code, actor=actor, today=today, reason=decision.facts)


def _change(licence: Licence, change: LicenceChange, code: str, *, actor, today: date, reason: str) -> Licence:
    with transaction.atomic():
        locked = Licence.objects.select_for_update().select_related("enterprise").get(pk=licence.pk)
        action = LICENCE.check(locked, code, actor=actor, today=today)  # 403 wrong role/organisation, 409 otherwise
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"reason": [REASON_REQUIRED]})
        before, locked.status = locked.status, action.target
        locked.save(update_fields=["status"])
        record_version(locked, change, actor=actor, today=today, reason=reason)
        log_action(locked, f"licence.{change}", actor, from_status=before, to_status=locked.status, reason=reason)
        notify_organisation(
            locked.enterprise, code=f"licence.{change}", link=reverse("traceability:licence-detail", args=[locked.pk]),
            event_key=f"licence.{locked.pk}.{change}.{LicenceVersion.objects.filter(licence=locked).count()}",
            title=_("出口许可证 %(number)s：%(change)s") % {"number": locked.number, "change": change.label},
            body=reason,
        )
    return locked


def refuse_licence(licence: Licence, *, decision, actor, today: date) -> Licence:
    """不予签发: the head's authorisation of an officer's prepared refusal (casework calls it with that
    decision; the declaration's `refuse` guard finds it and its preparer)."""
    ensure_authorised_decision(decision, case_kind=KIND, pk=licence.pk, actor=actor)
    with transaction.atomic():
        LICENCE.check(Licence.objects.select_for_update().get(pk=licence.pk), "refuse", actor=actor, today=today)
        return _close_request(licence, LicenceStatus.REFUSED, "licence.refused", actor=actor, today=today,
                              reason=decision.facts)


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
