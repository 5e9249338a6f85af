"""Reads of case work, filtered by what the user may see before anything else."""

from django.utils.translation import gettext as _

from portal.periods import legal_period
from portal.roles import Role, has_role, is_bureau

from . import rules
from .models import Clock, Discrepancy, SavedSearch


def clocks_visible_to(user):
    """The bureau sees every clock; an enterprise its own duties; anyone else none."""
    qs = Clock.objects.select_related("organisation", "subject_type")
    if is_bureau(user):  # not the auditor: its scope is the audit log (api.md v1.1)
        return qs
    if has_role(user, Role.ENTERPRISE_USER) and user.organisation_id:
        return qs.filter(organisation_id=user.organisation_id)
    return qs.none()


def explain_clock(clock: Clock) -> dict:
    """How the due date was counted: start, pauses, holidays and adjusted working days, article."""
    skipped, adjusted, begins_on = [], [], clock.started_on
    if clock.working_days:
        period = legal_period(clock.started_on, working_days=clock.working_days)
        skipped, adjusted, begins_on = list(period.skipped), list(period.adjusted_working_days), period.begins_on
    _due, extension = rules.extended_due(clock.base_due_on, clock.paused_working_days)
    if extension is not None:
        skipped += list(extension.skipped)
        adjusted += list(extension.adjusted_working_days)
    pauses = [
        {"started_on": p.started_on, "ended_on": p.ended_on, "working_days": p.working_days, "reason": p.reason}
        for p in clock.pauses.all()
    ]
    if clock.working_days:
        how = _("自 %(start)s 的次日起算 %(n)d 个工作日（开始的当日不计入），至 %(base)s。") % {
            "start": clock.started_on, "n": clock.working_days, "base": clock.base_due_on}
    else:
        how = _("自 %(start)s 起算，截止日期为 %(base)s。") % {"start": clock.started_on, "base": clock.base_due_on}
    if clock.paused_working_days:
        how += _("补正期间暂停 %(n)d 个工作日，截止日期顺延至 %(due)s。") % {
            "n": clock.paused_working_days, "due": clock.due_on}
    return {
        "id": clock.pk,
        "kind": clock.kind,
        "kind_display": clock.get_kind_display(),
        "label": clock.label,
        "article": clock.article,
        "organisation": clock.organisation.name if clock.organisation_id else None,
        "status": clock.status,
        "start": clock.started_on,
        "begins_on": begins_on,
        "working_days": clock.working_days,
        "base_due_on": clock.base_due_on,
        "paused_working_days": clock.paused_working_days,
        "pauses": pauses,
        "due_on": clock.due_on,
        "stopped_on": clock.stopped_on,
        "provisional": clock.provisional,
        "skipped": [{"date": d, "reason": reason} for d, reason in skipped],
        "adjusted_working_days": adjusted,
        "explanation": how,
    }


def discrepancies_visible_to(user):
    """The bureau sees all; police, customs and inspection bodies those their agency must act on."""
    qs = Discrepancy.objects.select_related("vehicle", "vehicle__enterprise")
    if is_bureau(user):  # not the auditor: its scope is the audit log (api.md v1.1)
        return qs
    org = user.organisation if user.is_authenticated else None
    if org is not None and has_role(user, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER, Role.INSPECTOR):
        return qs.filter(acting_kind=org.kind)
    return qs.none()


def saved_searches_of(user):
    return SavedSearch.objects.filter(user=user)


def decisions_visible_to(user):
    """The bureau and the auditor see every decision; an enterprise its own once authorised."""
    from .models import Decision, DecisionStatus

    qs = Decision.objects.select_related("enterprise", "prepared_by", "authorised_by", "letter").defer("letter__pdf")
    if is_bureau(user):  # not the auditor: its scope is the audit log (api.md v1.1)
        return qs
    if has_role(user, Role.ENTERPRISE_USER) and user.organisation_id:
        return qs.filter(enterprise_id=user.organisation_id, status=DecisionStatus.AUTHORISED)
    return qs.none()


def decisions_of_case(kind: str, pk: int):
    from .models import Decision

    return (Decision.objects.filter(case_kind=kind, object_id=pk)
            .select_related("prepared_by", "authorised_by", "letter").defer("letter__pdf"))
