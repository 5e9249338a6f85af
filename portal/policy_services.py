"""Preparing, authorising and returning policy versions (issue 24): lock, check the declaration, change, log.

A version applies from its effective date on; publishing it changes nothing decided before (each decision,
obligation and check recorded the version it applied), and a published version is never changed again
(the database refuses it: migration portal 0008)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import policy
from .activity import log_action
from .policy_models import PolicyVersion, PolicyVersionStatus
from .policy_workflow import POLICY_VERSION
from .roles import Role, has_role
from .services import bureau_users, notify


def _clean(*, values, basis: str, effective_from, summary: str, today: date) -> dict:
    """Every field checked at once: a 400 naming each parameter (and its article) or field that fails."""
    errors = {}
    try:
        clean_values = policy.validate(values if isinstance(values, dict) else {})
    except ValidationError as exc:
        errors.update(exc.message_dict)
        clean_values = None
    if not isinstance(values, dict):
        errors["values"] = [_("参数取值须为逐项的对象。")]
    basis = (basis or "").strip()
    if not basis:
        errors["basis"] = [_("请填写调整依据（文号）。")]
    elif len(basis) > 200:
        errors["basis"] = [_("调整依据不得超过 200 字。")]
    if not isinstance(effective_from, date):
        errors["effective_from"] = [_("请填写施行日期（YYYY-MM-DD）。")]
    elif effective_from < today:
        errors["effective_from"] = [_("施行日期不得早于今天：新版本不改变已作出的决定（办法第一条）。")]
    if errors:
        raise ValidationError(errors)
    return {"values": clean_values, "basis": basis, "effective_from": effective_from,
            "summary": (summary or "").strip()}


def _link(version: PolicyVersion) -> str:
    return reverse("policy-version-detail", args=[version.pk])


@transaction.atomic
def prepare_version(*, actor, today: date, values, basis: str, effective_from, summary: str = "") -> PolicyVersion:
    """An officer prepares the next version (prefilled from the one in force); it waits for the head."""
    if not has_role(actor, Role.BUREAU_OFFICER):
        raise PermissionDenied
    fields = _clean(values=values, basis=basis, effective_from=effective_from, summary=summary, today=today)
    version = PolicyVersion.objects.create(status=PolicyVersionStatus.PREPARED, prepared_by=actor,
                                           prepared_at=timezone.now(), **fields)
    log_action(version, "policy.prepared", actor, to_status=version.status,
               data={"effective_from": version.effective_from.isoformat(), "basis": version.basis,
                     "changed": changed_keys(version)})
    notify(bureau_users(Role.BUREAU_HEAD), code="policy.prepared", link=_link(version),
           title=_("待签发的政策参数调整（%(day)s 起施行）") % {"day": version.effective_from.isoformat()},
           event_key=f"policy.prepared.{version.pk}.{version.prepared_at.timestamp()}")
    return version


def _locked(version: PolicyVersion) -> PolicyVersion:
    return PolicyVersion.objects.select_for_update().get(pk=version.pk)


@transaction.atomic
def revise_version(version: PolicyVersion, *, actor, today: date, values, basis: str, effective_from,
                   summary: str = "") -> PolicyVersion:
    """The officer changes a prepared or returned version; the one who revises it is its preparer."""
    version = _locked(version)
    POLICY_VERSION.check(version, "revise", actor=actor, today=today)
    fields = _clean(values=values, basis=basis, effective_from=effective_from, summary=summary, today=today)
    from_status = version.status
    for name, value in fields.items():
        setattr(version, name, value)
    version.status, version.prepared_by, version.prepared_at = PolicyVersionStatus.PREPARED, actor, timezone.now()
    version.return_reason = ""
    version.save()
    log_action(version, "policy.revised", actor, from_status=from_status, to_status=version.status,
               data={"effective_from": version.effective_from.isoformat(), "changed": changed_keys(version)})
    return version


@transaction.atomic
def authorise_version(version: PolicyVersion, *, actor, today: date) -> PolicyVersion:
    """The head authorises and publishes: the version gets the next number and applies from its effective date.
    Never the preparer (the workflow's guard: 409 same_official; the database CHECK as well)."""
    version = _locked(version)
    POLICY_VERSION.check(version, "authorise", actor=actor, today=today)
    # Numbers follow publication; the published rows are locked so two heads cannot take one number.
    published = PolicyVersion.objects.select_for_update().filter(status=PolicyVersionStatus.PUBLISHED)
    number = (published.aggregate(n=Max("number"))["n"] or 0) + 1
    version.number, version.status = number, PolicyVersionStatus.PUBLISHED
    version.authorised_by, version.published_at = actor, timezone.now()
    version.save(update_fields=["number", "status", "authorised_by", "published_at"])
    log_action(version, "policy.published", actor, from_status=PolicyVersionStatus.PREPARED, to_status=version.status,
               data={"number": number, "effective_from": version.effective_from.isoformat()})
    notify(bureau_users(), code="policy.published", link=_link(version),
           title=_("政策参数第%(n)s版已发布，%(day)s 起施行") % {"n": number, "day": version.effective_from.isoformat()},
           event_key=f"policy.published.{version.pk}")
    return version


@transaction.atomic
def return_version(version: PolicyVersion, *, actor, today: date, reason: str) -> PolicyVersion:
    """The head sends it back to the officers with a reason."""
    version = _locked(version)
    POLICY_VERSION.check(version, "return", actor=actor, today=today)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("请填写退回理由。")]})
    version.status, version.return_reason = PolicyVersionStatus.RETURNED, reason
    version.save(update_fields=["status", "return_reason"])
    log_action(version, "policy.returned", actor, from_status=PolicyVersionStatus.PREPARED, to_status=version.status,
               reason=reason)
    if version.prepared_by_id:
        notify([version.prepared_by], code="policy.returned", link=_link(version),
               title=_("政策参数调整被退回：%(reason)s") % {"reason": reason[:60]})
    return version


def previous_version(version: PolicyVersion) -> PolicyVersion | None:
    """The published version this one follows (the latest in force before its effective date)."""
    return (PolicyVersion.objects.filter(status=PolicyVersionStatus.PUBLISHED, effective_from__lt=version.effective_from)
            .exclude(pk=version.pk).order_by("-effective_from", "-number").first())


def changed_keys(version: PolicyVersion, previous: PolicyVersion | None = None) -> list[str]:
    """The parameters whose value differs from the version it follows."""
    previous = previous or previous_version(version)
    if previous is None:
        return []
    before, after = previous.policy, version.policy
    return [p.key for p in policy.PARAMETERS if before[p.key] != after[p.key]]
