"""Decisions the workflows take on their own maker–checker routes get their decision and signed
letter too (issue 13 point 4), connected in apps.py:

- a licence prepared by an officer and issued by the head through traceability's pages or API
  (traceability.licensing.licence_issued);
- a rectification order (办法第十二条第6项) an officer prepared and the head authorised on
  compliance's page (compliance.workflows.rectification_ordered);
- an application refused: at intake through casework (whose authorisation issues the letter
  itself), or left out at review's designation, where an officer proposed the 公示 list and a
  head approved it (applications.services.application_refused).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.activity import timeline_for

from . import rules
from .decisions import failed_criteria, record_workflow_decision
from .models import CaseKind, LetterKind


def on_licence_issued(sender, *, licence, actor, today, **kwargs):
    prepared = timeline_for(licence).filter(action="licence.prepared").order_by("-at").first()
    record_workflow_decision(
        CaseKind.LICENCE, licence, LetterKind.LICENCE, maker=licence.prepared_by, checker=actor,
        prepared_on=timezone.localdate(prepared.at) if prepared else today, today=today,
        facts=_("所列 %(n)d 辆车辆经复核符合出口条件。") % {"n": licence.vehicles.count()},
    )


def on_application_refused(sender, *, application, actor, today, reason, at_intake=False, **kwargs):
    if at_intake:  # casework's own authorisation is issuing the letter
        maker, checker, prepared_on, facts = None, actor, today, reason
    else:
        maker, checker, prepared_on, facts = _designation_officials(application, actor, today, reason)
    failed = failed_criteria(application)
    record_workflow_decision(
        CaseKind.APPLICATION, application, LetterKind.PILOT_REFUSAL, maker=maker, checker=checker,
        prepared_on=prepared_on, today=today, facts=facts, grounds=rules.grounds_text(failed),
        article=rules.refusal_article([article for article, _text in failed], designation=not at_intake),
    )


def _designation_officials(application, actor, today, reason):
    """Review's maker and checker: the officer who proposed the 公示 list and the designating head
    (the head who approved the list when the designating head had proposed it)."""
    from review.models import Entry, Publicity

    publicity = (Publicity.objects.filter(round__entries__application=application, approved_by__isnull=False)
                 .select_related("proposed_by", "approved_by").order_by("-pk").first())
    if publicity is None:
        return None, actor, today, reason
    entry = Entry.objects.filter(application=application, round_id=publicity.round_id).first()
    if entry is not None and entry.final_score is not None:
        reason = _("%(reason)s最终得分 %(score)s 分。") % {"reason": reason, "score": entry.final_score}
    checker = actor if actor.pk != publicity.proposed_by_id else publicity.approved_by
    return publicity.proposed_by, checker, publicity.proposed_on, reason


def on_rectification_ordered(sender, *, order, actor, today, **kwargs):
    """An order the head authorised on compliance's page (第十二条第6项): its decision and signed
    letter; on casework's own route the decision being authorised issues the letter (None here)."""
    record_workflow_decision(
        CaseKind.RECTIFICATION, order, LetterKind.RECTIFICATION, maker=order.prepared_by, checker=actor,
        prepared_on=order.prepared_on, today=today, facts=order.reasons, deadline=order.deadline,
    )


def on_incident_order_prepared(sender, *, incident, actor, today, **kwargs):
    """实施方案三(四): the officer prepared an incident's order to act on compliance's page; it waits for the
    head as a prepared decision (authorise_decision carries it out and issues the signed letter)."""
    from compliance.incidents.services import letter_facts

    from .decisions import prepare_decision

    prepare_decision(CaseKind.INCIDENT, incident.pk, LetterKind.INCIDENT_ORDER, actor=actor, today=today,
                     facts=letter_facts(incident), deadline=incident.deadline)
