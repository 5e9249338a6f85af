"""Maker–checker decisions (issue 13 point 4): an officer prepares, the bureau head authorises.

The workflows keep their own rules: preparing and authorising call the apps' services
(traceability's issue_licence and refuse_licence, compliance's prepare/authorise_rectification
and decide_case), so no rule exists twice. What casework adds is the prepared decision with its
facts, article and item, the same-official check (also a database CHECK) and the signed letter.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.errors import SAME_OFFICIAL, RuleRefused
from portal.roles import Role, has_role
from portal.services import notify_bureau, notify_organisation

from . import clocks, letters, rules
from .models import CaseKind, Decision, DecisionStatus, LetterKind
from .services import case_object, enterprise_of


def _link(decision: Decision) -> str:
    return reverse("casework:decision-detail", args=[decision.pk])


@transaction.atomic
def ensure_may_prepare(actor) -> None:
    """Maker–checker: only a bureau officer prepares a decision (the head authorises it)."""
    if not has_role(actor, Role.BUREAU_OFFICER):
        raise PermissionDenied


def prepare_decision(case_kind: str, pk: int, kind: str, *, actor, today: date, facts: str, article: str = "",
                     item: str = "", revoke: bool | None = None, deadline: date | None = None) -> Decision:
    """The maker's step: record the decision and, where the workflow has one, its prepare step."""
    ensure_may_prepare(actor)
    kind = LetterKind(kind)
    if case_kind not in rules.LETTER_RULES[kind].case_kinds:
        raise RuleRefused([rules.DECISION_KIND_NOT_FOR_CASE])
    if not facts.strip():
        raise ValidationError({"facts": [_("请填写事实与理由。")]})
    subject = case_object(case_kind, pk)
    enterprise = enterprise_of(subject)
    if enterprise is None:
        raise RuleRefused([rules.DECISION_KIND_NOT_FOR_CASE])
    rule = rules.LETTER_RULES[kind]
    values = {"kind": kind, "enterprise": enterprise, "facts": facts, "article": article.strip() or rule.article,
              "item": item.strip() or rule.item, "prepared_by": actor, "prepared_on": today}
    if kind == LetterKind.LICENCE:
        from traceability.services import issue_licence

        issue_licence(subject, actor=actor, today=today)  # requested -> prepared, rules re-checked
    elif kind == LetterKind.REVOCATION:
        if revoke is None:
            raise ValidationError({"revoke": [_("请选择是否取消试点资格。")]})
        values["revoke"] = revoke
        values["item"] = item.strip() or subject.get_ground_display()
    elif kind == LetterKind.RECTIFICATION:
        if deadline is None:
            raise ValidationError({"deadline": [_("请填写整改期限。")]})
        from compliance.workflows import prepare_rectification

        subject = prepare_rectification(enterprise, actor=actor, today=today, reasons=facts, deadline=deadline)
        case_kind, pk, values["deadline"] = CaseKind.RECTIFICATION, subject.pk, deadline
    if Decision.objects.select_for_update().filter(case_kind=case_kind, object_id=pk,
                                                   status=DecisionStatus.PREPARED).exists():
        raise RuleRefused([rules.DECISION_ALREADY_PREPARED])
    decision = Decision.objects.create(case_kind=case_kind, object_id=pk, **values)
    log_action(subject, "casework.decision_prepared", actor, to_status=decision.status, reason=facts,
               visible_to_enterprise=False, data={"decision": decision.pk, "kind": kind})
    notify_bureau(code="casework.decision_prepared", link=_link(decision),
                  title=_("待签发：%(kind)s（%(org)s）") % {"kind": kind.label, "org": enterprise.name},
                  event_key=f"casework.decision.{decision.pk}.prepared")
    return decision


def _locked(decision: Decision) -> Decision:
    return Decision.objects.select_for_update().select_related("enterprise", "prepared_by").get(pk=decision.pk)


@transaction.atomic
def authorise_decision(decision: Decision, *, actor, today: date) -> Decision:
    """The checker's step: the head, never the maker, decides through the workflow's own service;
    the letter is issued, signed and sent in the same transaction."""
    if not has_role(actor, Role.BUREAU_HEAD):
        raise PermissionDenied
    decision = _locked(decision)
    if decision.status != DecisionStatus.PREPARED:
        raise RuleRefused([rules.DECISION_NOT_PREPARED])
    if decision.prepared_by_id == actor.pk:
        raise RuleRefused([SAME_OFFICIAL])
    subject = case_object(decision.case_kind, decision.object_id)
    if decision.kind == LetterKind.LICENCE:
        from traceability.services import issue_licence

        subject = issue_licence(subject, actor=actor, today=today)
    elif decision.kind == LetterKind.REFUSAL:
        from traceability.lifecycle import refuse_licence

        subject = refuse_licence(subject, actor=actor, today=today, reason=decision.facts)
    elif decision.kind == LetterKind.RECTIFICATION:
        from compliance.workflows import authorise_rectification

        subject = authorise_rectification(subject, actor=actor, today=today)
    else:
        from compliance.services import decide_case

        subject = decide_case(subject, actor=actor, today=today, revoke=bool(decision.revoke), reasons=decision.facts)
    decision.status, decision.authorised_by, decision.authorised_on = DecisionStatus.AUTHORISED, actor, today
    decision.save(update_fields=["status", "authorised_by", "authorised_on"])
    letter = letters.issue_letter(decision, subject)
    clocks.stop_clocks(clocks.clocks_of(subject), today)  # the bureau's service time ends with the decision
    log_action(subject, "casework.decision_authorised", actor, from_status=DecisionStatus.PREPARED,
               to_status=decision.status, data={"decision": decision.pk, "letter": letter.number})
    notify_organisation(decision.enterprise, code="casework.letter_issued", link=_link(decision),
                        title=_("%(title)s（%(number)s）已签发") % {"title": letter.template.title, "number": letter.number},
                        event_key=f"casework.decision.{decision.pk}.authorised")
    return decision


@transaction.atomic
def return_decision(decision: Decision, *, actor, today: date, note: str) -> Decision:
    """The head sends a prepared decision back to the officer with a note; nothing is decided."""
    if not has_role(actor, Role.BUREAU_HEAD):
        raise PermissionDenied
    decision = _locked(decision)
    if decision.status != DecisionStatus.PREPARED:
        raise RuleRefused([rules.DECISION_NOT_PREPARED])
    if not note.strip():
        raise ValidationError({"note": [_("请填写退回意见。")]})
    decision.status, decision.return_note = DecisionStatus.RETURNED, note
    decision.save(update_fields=["status", "return_note"])
    log_action(case_object(decision.case_kind, decision.object_id), "casework.decision_returned", actor,
               from_status=DecisionStatus.PREPARED, to_status=decision.status, reason=note, visible_to_enterprise=False)
    return decision
