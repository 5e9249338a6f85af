"""State changes of case work: assignments, notes and requests for information (补正).

Every service takes `actor` and `today`, locks what it changes, checks, changes, logs on the case's
own object (so each case keeps one timeline) and notifies.
"""

from datetime import date

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.errors import RuleRefused
from portal.models import User
from portal.roles import Role, has_role
from portal.services import notify, notify_organisation

from . import clocks, rules
from .models import (
    CaseAssignment,
    CaseKind,
    CaseNote,
    CaseNoteAttachment,
    Discrepancy,
    DiscrepancyStatus,
    InformationRequest,
    InformationStatus,
)
from .queue import MODEL_OF_KIND, waiting_keys
from .workflow import DISCREPANCY, INFORMATION


def case_object(kind: str, pk: int):
    model = apps.get_model(MODEL_OF_KIND[CaseKind(kind)])
    return model.objects.get(pk=pk)


# The roles that work cases from a queue of their organisation (and so take and assign them); an
# expert scores in review rounds and the auditor changes nothing.
ASSIGNING_ROLES = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER, Role.INSPECTOR,
                   Role.ENTERPRISE_USER)


def ensure_may_assign(actor) -> None:
    if not has_role(actor, *ASSIGNING_ROLES):
        raise PermissionDenied


@transaction.atomic
def assign_cases(keys: list[str], assignee: User | None, *, actor, today: date) -> int:
    """Take ownership (assignee = actor), assign or reassign, one case or many: one audit entry per case."""
    ensure_may_assign(actor)
    assignee = assignee or actor
    if actor.organisation_id is None or assignee.organisation_id != actor.organisation_id or not assignee.is_active:
        raise RuleRefused([rules.ASSIGNEE_NOT_COLLEAGUE])
    keys = list(dict.fromkeys(keys))
    waiting = waiting_keys(actor, keys, today=today)
    if not keys or any(key not in waiting for key in keys):
        raise RuleRefused([rules.NOT_YOUR_ORGANISATION])
    for key in keys:
        kind, pk = key.split(":")
        current = CaseAssignment.objects.select_for_update().filter(kind=kind, object_id=int(pk)).first()
        before = current.assignee.username if current else ""
        if current is not None and current.assignee_id == assignee.pk:
            continue
        CaseAssignment.objects.update_or_create(
            kind=kind, object_id=int(pk), defaults={"assignee": assignee, "assigned_by": actor}
        )
        log_action(case_object(kind, int(pk)), "casework.assigned", actor, visible_to_enterprise=False,
                   data={"kind": kind, "from": before, "to": assignee.username})
    if assignee.pk != actor.pk:
        notify([assignee], code="casework.assigned", title=_("您有 %(n)d 件新的待办事项") % {"n": len(keys)},
               link="/casework/?assigned=me")
    return len(keys)


@transaction.atomic
def add_note(kind: str, pk: int, *, actor, today: date, text: str, internal: bool, files=()) -> CaseNote:
    """A note on a case, with attachments; internal notes never reach the enterprise."""
    if not has_role(actor, Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER,
                    Role.INSPECTOR):
        raise PermissionDenied
    if f"{kind}:{pk}" not in waiting_keys(actor, [f"{kind}:{pk}"], today=today) and not CaseNote.objects.filter(kind=kind, object_id=pk).exists():
        raise RuleRefused([rules.NOT_YOUR_ORGANISATION])
    if not text.strip():
        raise ValidationError({"text": [_("请填写备注内容。")]})
    note = CaseNote.objects.create(kind=kind, object_id=pk, author=actor, text=text, internal=internal)
    for upload in files:
        attachment = CaseNoteAttachment(note=note, uploaded_by=actor)
        attachment.fill_from_upload(upload, field="files")
        attachment.save()
    log_action(case_object(kind, pk), "casework.note", actor, reason=text, visible_to_enterprise=not internal,
               data={"kind": kind, "note": note.pk, "attachments": len(files)})
    return note


def enterprise_of(subject):
    """The enterprise a case concerns (its `enterprise` or `organisation`), or None."""
    for name in ("enterprise", "organisation"):
        org = getattr(subject, name, None)
        if org is not None:
            return org
    return None


@transaction.atomic
def request_information(kind: str, pk: int, *, actor, today: date, items: str, deadline: date) -> InformationRequest:
    """A request for information (补正) to the enterprise; the case's clocks pause until it is answered."""
    if not has_role(actor, Role.BUREAU_OFFICER, Role.BUREAU_HEAD):
        raise PermissionDenied
    subject = case_object(kind, pk)
    enterprise = enterprise_of(subject)
    if enterprise is None:
        raise RuleRefused([rules.NOT_YOUR_ORGANISATION])
    if not items.strip():
        raise ValidationError({"items": [_("请填写补正事项。")]})
    if deadline <= today:
        raise RuleRefused([rules.DEADLINE_NOT_IN_FUTURE])
    if InformationRequest.objects.select_for_update().filter(kind=kind, object_id=pk, status=InformationStatus.OPEN).exists():
        raise RuleRefused([rules.INFORMATION_ALREADY_OPEN])
    request = InformationRequest.objects.create(kind=kind, object_id=pk, organisation=enterprise, items=items,
                                                requested_by=actor, requested_on=today, deadline=deadline)
    clocks.pause_clocks_for(subject, on=today, source=f"information:{request.pk}", reason=_("补正通知"))
    clocks.start_clock(request, "information", started_on=today, due_on=deadline, label=items[:80], organisation=enterprise)
    log_action(subject, "casework.information_requested", actor, reason=items, data={"deadline": deadline.isoformat()})
    notify_organisation(enterprise, code="casework.information_requested",
                        title=_("补正通知：请于 %(d)s 前补正") % {"d": deadline}, body=items,
                        link="/casework/", event_key=f"casework.information.{request.pk}.requested")
    return request


@transaction.atomic
def answer_information(request: InformationRequest, *, actor, today: date, answer: str) -> InformationRequest:
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    INFORMATION.check(request, "answer", actor=actor, today=today)  # 办法第五条: past the deadline, its consequence
    if not answer.strip():
        raise ValidationError({"answer": [_("请填写补正说明。")]})
    request.status, request.answer, request.answered_on = InformationStatus.ANSWERED, answer, today
    request.save(update_fields=["status", "answer", "answered_on"])
    subject = case_object(request.kind, request.object_id)
    clocks.resume_clocks_for(subject, on=today, source=f"information:{request.pk}")
    clocks.stop_clocks(clocks.clocks_of(request), today)
    log_action(subject, "casework.information_answered", actor, reason=answer)
    return request


# --- Deemed withdrawn (issue 13 point 3) --------------------------------------------------------------


def _withdraw_licence_request(licence, *, today: date, reason: str) -> None:
    from traceability.lifecycle import withdraw_request
    from traceability.models import LicenceStatus

    if licence.status in (LicenceStatus.REQUESTED, LicenceStatus.PREPARED):
        withdraw_request(licence, today=today, reason=reason)


# The case kinds that can be deemed withdrawn, and how their own workflow records it.
WITHDRAWAL_HANDLERS = {CaseKind.LICENCE: _withdraw_licence_request}


def deemed_withdrawn_kinds() -> set[str]:
    """settings.CASEWORK_DEEMED_WITHDRAWN lists the case kinds (default: licence requests)."""
    configured = getattr(settings, "CASEWORK_DEEMED_WITHDRAWN", (CaseKind.LICENCE,))
    return {str(kind) for kind in configured} & {str(kind) for kind in WITHDRAWAL_HANDLERS}


def deem_withdrawn(today: date) -> int:
    """A request for information unanswered after its deadline makes its case withdrawn, once:
    the request moves open → withdrawn by compare-and-set, so a rerun finds nothing to do.
    Applications returned for 补正 get their declared consequence the same day (办法第五条)."""
    from applications.services import apply_late_corrections

    done = apply_late_corrections(today)
    kinds = deemed_withdrawn_kinds()
    overdue = InformationRequest.objects.filter(status=InformationStatus.OPEN, deadline__lt=today, kind__in=kinds)
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            if not InformationRequest.objects.filter(pk=pk, status=InformationStatus.OPEN).update(
                    status=InformationStatus.WITHDRAWN):
                continue
            request = InformationRequest.objects.select_related("organisation").get(pk=pk)
            subject = case_object(request.kind, request.object_id)
            reason = _("逾期未补正（补正期限 %(d)s），视为撤回申请。") % {"d": request.deadline}
            WITHDRAWAL_HANDLERS[CaseKind(request.kind)](subject, today=today, reason=reason)
            clocks.stop_clocks(clocks.clocks_of(request), today)
            clocks.stop_clocks(clocks.clocks_of(subject), today)
            log_action(subject, "casework.deemed_withdrawn", None, to_status=InformationStatus.WITHDRAWN,
                       reason=reason, data={"information": pk, "deadline": request.deadline.isoformat()})
            notify_organisation(request.organisation, code="casework.deemed_withdrawn", title=reason,
                                body=request.items, link="/casework/",
                                event_key=f"casework.information.{pk}.withdrawn")
            done += 1
    return done


# --- Discrepancies (一车一档 consistency checks) -----------------------------------------------------------


@transaction.atomic
def resolve_discrepancy(discrepancy: Discrepancy, *, actor, today: date, resolution: str) -> Discrepancy:
    """The agency the finding names records how it was checked and resolved (casework.workflow.DISCREPANCY)."""
    locked = Discrepancy.objects.select_for_update().get(pk=discrepancy.pk)
    DISCREPANCY.check(locked, "resolve", actor=actor, today=today)
    if not resolution.strip():
        raise ValidationError({"resolution": [_("请填写核查处理情况。")]})
    locked.status, locked.resolved_on, locked.resolution = DiscrepancyStatus.RESOLVED, today, resolution.strip()
    locked.save(update_fields=["status", "resolved_on", "resolution"])
    log_action(locked, "casework.discrepancy_resolved", actor, from_status=DiscrepancyStatus.OPEN,
               to_status=locked.status, reason=locked.resolution, visible_to_enterprise=False)
    return locked
