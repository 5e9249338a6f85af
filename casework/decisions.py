"""Maker–checker decisions (issue 13 point 4): an officer prepares, the bureau head authorises.

The workflows keep their own rules: preparing and authorising call the apps' services
(traceability's issue_licence and refuse_licence, compliance's prepare/authorise_rectification
and decide_case, applications' refuse_at_intake), so no rule exists twice. What casework adds is
the prepared decision with its facts, article and item, the same-official check (also a database
CHECK) and the signed letter.

Two workflows also decide on their own maker–checker routes: a licence prepared and issued through
traceability's pages or API, and the applications review leaves out at designation (an officer
proposed the 公示 list, another head approved it). Their signals reach
`record_workflow_decision`, which records the same authorised decision and letter.
"""

import logging
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.errors import SAME_OFFICIAL, RuleRefused
from portal.roles import Role, has_role
from portal.services import notify_bureau, notify_organisation

from . import clocks, letters, rules
from .models import CaseKind, Decision, DecisionLetter, DecisionStatus, LetterKind
from .services import case_object, enterprise_of

logger = logging.getLogger(__name__)


# Decision kinds whose case kind declares an officer's "prepare" action (compliance.workflow).
DECLARED_PREPARE = (LetterKind.REVOCATION, LetterKind.EXIT_APPROVAL, LetterKind.EXIT_REFUSAL)


def _link(decision: Decision) -> str:
    return reverse("casework:decision-detail", args=[decision.pk])


def ensure_may_prepare(actor) -> None:
    """Maker–checker: only a bureau officer prepares a decision (the head authorises it)."""
    if not has_role(actor, Role.BUREAU_OFFICER):
        raise PermissionDenied


@transaction.atomic
def prepare_decision(case_kind: str, pk: int, kind: str, *, actor, today: date, facts: str, article: str = "",
                     item: str = "", revoke: bool | None = None, deadline: date | None = None,
                     statement_reply: str = "") -> Decision:
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
    if kind in DECLARED_PREPARE:  # the case kind's declared "prepare" (state, answer period, none pending)
        from portal import workflow

        subject = type(subject).objects.select_for_update().get(pk=subject.pk)
        workflow.get(case_kind).check(subject, "prepare", actor=actor, today=today)
    rule = rules.LETTER_RULES[kind]
    values = {"kind": kind, "enterprise": enterprise, "facts": facts, "article": article.strip() or rule.article,
              "item": item.strip() or rule.item, "prepared_by": actor, "prepared_on": today}
    if kind == LetterKind.LICENCE:
        from traceability.services import issue_licence

        issue_licence(subject, actor=actor, today=today)  # requested -> prepared, rules re-checked
    elif kind in (LetterKind.REFUSAL, LetterKind.LICENCE_SUSPENSION, LetterKind.LICENCE_REVOCATION):
        from traceability.lifecycle import ensure_decision_may_be_prepared

        ensure_decision_may_be_prepared(subject, kind)  # the declared action is open in the licence's state
    elif kind == LetterKind.REVOCATION:
        if revoke is None:
            raise ValidationError({"revoke": [_("请选择是否取消试点资格。")]})
        values["revoke"] = revoke
        values["item"] = item.strip() or subject.get_ground_display()
        if (subject.answer or "").strip() and not statement_reply.strip():
            raise ValidationError({"statement_reply": [_("企业已陈述申辩，请填写对陈述申辩的复核意见。")]})
        values["statement_reply"] = statement_reply.strip()
    elif kind == LetterKind.PILOT_REFUSAL:
        from applications.services import ensure_awaiting_intake

        ensure_awaiting_intake(subject)  # 不予受理 (also after 补正); review's designation decides later ones
        failed = failed_criteria(subject)
        values["grounds"] = rules.grounds_text(failed)
        values["article"] = article.strip() or rules.refusal_article([a for a, _text in failed])
    elif kind == LetterKind.INCIDENT_ORDER:
        from compliance.incidents.services import ensure_order_prepared

        ensure_order_prepared(subject, actor)  # prepared on the incident's page (measures, deadline)
        values["deadline"] = subject.deadline
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


def preparer_of(case_kind: str, pk: int, letter: str) -> int | None:
    """portal.workflow's reader for the head's side of a countersigned action (issue 18): the officer
    whose decision of kind `letter` on the case waits for the head, or is being authorised right now
    (authorised, its letter not yet issued, inside authorise_decision's transaction)."""
    return (Decision.objects.filter(case_kind=case_kind, object_id=pk, kind=letter)
            .filter(Q(status=DecisionStatus.PREPARED) | Q(status=DecisionStatus.AUTHORISED, letter__isnull=True))
            .values_list("prepared_by_id", flat=True).first())


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
    # Authorised before the workflow acts: its signal (licence_issued, application_refused) then
    # finds this decision authorised and leaves the letter to this call.
    _authorise(decision, actor=actor, today=today)
    subject = _carry_out(decision, subject, actor=actor, today=today)
    letter = letters.issue_letter(decision, subject)
    _conclude(decision, subject, letter, actor=actor, today=today)
    notify_organisation(decision.enterprise, code="casework.letter_issued", link=_link(decision),
                        title=_("%(title)s（%(number)s）已签发") % {"title": letter.template.title, "number": letter.number},
                        event_key=f"casework.decision.{decision.pk}.authorised")
    return decision


def _authorise(decision: Decision, *, actor, today: date) -> None:
    decision.status, decision.authorised_by, decision.authorised_on = DecisionStatus.AUTHORISED, actor, today
    decision.save(update_fields=["status", "authorised_by", "authorised_on"])


def _carry_out(decision: Decision, subject, *, actor, today: date):
    """The checker's decision through the workflow's own service (its rules are checked there)."""
    if decision.kind == LetterKind.LICENCE:
        from traceability.services import issue_licence

        return issue_licence(subject, actor=actor, today=today)
    if decision.kind in (LetterKind.LICENCE_SUSPENSION, LetterKind.LICENCE_REVOCATION):
        from traceability.lifecycle import carry_out_decision

        change = "suspended" if decision.kind == LetterKind.LICENCE_SUSPENSION else "revoked"
        return carry_out_decision(subject, change, decision=decision, actor=actor, today=today)
    if decision.kind == LetterKind.REFUSAL:
        from traceability.lifecycle import refuse_licence

        return refuse_licence(subject, decision=decision, actor=actor, today=today)
    if decision.kind == LetterKind.PILOT_REFUSAL:
        from applications.services import refuse_at_intake

        return refuse_at_intake(subject, decision=decision, actor=actor, today=today)
    if decision.kind == LetterKind.RECTIFICATION:
        from compliance.workflows import authorise_rectification

        return authorise_rectification(subject, actor=actor, today=today)
    if decision.kind == LetterKind.INCIDENT_ORDER:
        from compliance.incidents.services import authorise_order

        return authorise_order(subject, decision=decision, actor=actor, today=today)
    if decision.kind in (LetterKind.EXIT_APPROVAL, LetterKind.EXIT_REFUSAL):
        from compliance.services import decide_exit

        return decide_exit(subject, decision=decision, actor=actor, today=today)
    from compliance.services import decide_case

    return decide_case(subject, decision=decision, actor=actor, today=today)


def _conclude(decision: Decision, subject, letter: DecisionLetter, *, actor, today: date) -> None:
    clocks.stop_clocks(clocks.clocks_of(subject), today)  # the bureau's service time ends with the decision
    log_action(subject, "casework.decision_authorised", actor, from_status=DecisionStatus.PREPARED,
               to_status=decision.status, data={"decision": decision.pk, "letter": letter.number})


@transaction.atomic
def record_workflow_decision(case_kind: str, subject, kind: str, *, maker, checker, prepared_on: date, today: date,
                             facts: str, article: str = "", item: str = "", grounds: str = "",
                             deadline: date | None = None) -> Decision | None:
    """A decision a workflow took on its own maker–checker route, recorded once as an authorised
    decision with its letter (rendered and signed after commit: the route stays fast).

    A decision casework is authorising right now issues its own letter (None); one prepared in
    casework and carried out on the workflow's route (the head issued the licence from its page)
    is completed here. `maker` and `checker` are the route's two officials, never the same user.
    """
    pending = (Decision.objects.select_for_update(of=("self",))
               .filter(case_kind=case_kind, object_id=subject.pk, kind=kind,
                       status__in=[DecisionStatus.PREPARED, DecisionStatus.AUTHORISED])
               .exclude(pk__in=DecisionLetter.objects.values("decision_id")).first())
    if pending is not None and pending.status == DecisionStatus.AUTHORISED:
        return None
    if pending is None:
        if maker is None or checker is None or maker.pk == checker.pk:
            logger.warning("no maker–checker pair for %s %s: no decision letter", case_kind, subject.pk)
            return None
        rule = rules.LETTER_RULES[kind]
        # Created authorised: another kind's decision may wait on the case (one prepared per case).
        pending = Decision.objects.create(
            kind=kind, case_kind=case_kind, object_id=subject.pk, enterprise=enterprise_of(subject), facts=facts,
            article=article or rule.article, item=item or rule.item, grounds=grounds, deadline=deadline, prepared_by=maker,
            prepared_on=prepared_on, status=DecisionStatus.AUTHORISED, authorised_by=checker, authorised_on=today,
        )
    else:
        _authorise(pending, actor=checker, today=today)
    letter = letters.issue_letter(pending, subject, sign_now=False)
    _conclude(pending, subject, letter, actor=checker, today=today)
    return pending


def failed_criteria(application) -> list[tuple[str, str]]:
    """(article, text) of each admission criterion (第三条) and plan requirement (第四条) the
    application fails, as applications checks them; a judgement criterion with the officer's finding."""
    from applications.models import JudgementCriterion
    from applications.services import submission_checklist

    evidence = {f.code: f.evidence for f in application.findings.filter(passed=False)}
    failed = []
    for result in submission_checklist(application):
        if result.passed is False:
            text = (f"{JudgementCriterion(result.code).label}（{evidence[result.code]}）" if result.code in evidence
                    else str(result.message))
            failed.append((str(result.article), text))
    return failed


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
