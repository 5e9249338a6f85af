"""Clocks: one model for every deadline, started from the workflows' own records.

`sync_clocks(today)` reads the apps' models (obligations, applications and their 补正, licence
requests, complaints) and starts, pauses, resumes and stops clocks; it is idempotent, so the
scheduled job and the compliance run may call it as often as they like. Dates come from the
records themselves (submitted_at, requested_at, resolved_at), never from when the job ran.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import BigIntegerField, CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.periods import legal_period
from portal.services import notify, notify_bureau, organisation_users
from portal.workdays import WorkingCalendar

from . import rules
from .models import Clock, ClockKind, ClockPause, ClockStatus

OPEN_CLOCK = (ClockStatus.RUNNING, ClockStatus.PAUSED)


def _service_days(kind) -> int:
    return rules.service_working_days(kind, getattr(settings, "CASEWORK_SERVICE_WORKING_DAYS", None))


def _day(value) -> date | None:
    if value is None:
        return None
    return timezone.localdate(value) if hasattr(value, "hour") else value


def start_clock(subject, kind, *, started_on: date, label: str, organisation=None, due_on: date | None = None,
                working_days: int | None = None, article: str | None = None) -> Clock:
    """Start the clock of `kind` on `subject` (once: a second call answers the first clock)."""
    subject_type = ContentType.objects.get_for_model(subject)
    existing = Clock.objects.filter(kind=kind, subject_type=subject_type, subject_id=str(subject.pk)).first()
    if existing is not None:
        return existing
    provisional = False
    if due_on is None:
        working_days = working_days or _service_days(kind)
        # api.md v1.1 期间: the day the clock starts (receipt, assignment) is not counted.
        period = legal_period(started_on, working_days=working_days)
        due_on, provisional = period.ends_on, period.provisional
    clock, _created = Clock.objects.get_or_create(
        kind=kind, subject_type=subject_type, subject_id=str(subject.pk),
        defaults={
            "article": article or rules.CLOCK_RULES[kind].rule.article, "label": str(label)[:200],
            "organisation": organisation, "started_on": started_on, "working_days": working_days,
            "base_due_on": due_on, "due_on": due_on, "provisional": provisional,
        },
    )
    return clock


def clocks_of(subject, *, open_only: bool = True):
    qs = Clock.objects.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk))
    return qs.filter(status__in=OPEN_CLOCK) if open_only else qs


@transaction.atomic
def pause_clock(clock: Clock, *, on: date, source: str, reason: str) -> Clock:
    """A 补正 / request for information opens: the clock stands still from `on`."""
    clock = Clock.objects.select_for_update().get(pk=clock.pk)
    if clock.status != ClockStatus.RUNNING or clock.pauses.filter(source=source).exists():
        return clock
    ClockPause.objects.create(clock=clock, source=source, reason=str(reason)[:200], started_on=on)
    clock.status = ClockStatus.PAUSED
    clock.save(update_fields=["status"])
    return clock


@transaction.atomic
def resume_clock(clock: Clock, *, on: date, source: str) -> Clock:
    """The 补正 is answered: the due date moves by exactly the working days the pause lasted."""
    clock = Clock.objects.select_for_update().get(pk=clock.pk)
    pause = clock.pauses.filter(source=source, ended_on__isnull=True).first()
    if pause is None:
        return clock
    on = max(on, pause.started_on)
    calendar = WorkingCalendar.load(pause.started_on.year, on.year + 1)
    pause.ended_on = on
    pause.working_days = rules.count_working_days(pause.started_on, on, calendar)
    pause.save(update_fields=["ended_on", "working_days"])
    clock.paused_working_days += pause.working_days
    clock.due_on, _period = rules.extended_due(clock.base_due_on, clock.paused_working_days)
    if clock.status == ClockStatus.PAUSED:
        clock.status = ClockStatus.RUNNING
    clock.save(update_fields=["paused_working_days", "due_on", "status"])
    return clock


def stop_clocks(queryset, on: date) -> int:
    """Compare-and-set: only clocks still open are stopped."""
    return queryset.filter(status__in=OPEN_CLOCK).update(status=ClockStatus.STOPPED, stopped_on=on)


def pause_clocks_for(subject, *, on: date, source: str, reason: str) -> None:
    for clock in clocks_of(subject):
        pause_clock(clock, on=on, source=source, reason=reason)


def resume_clocks_for(subject, *, on: date, source: str) -> None:
    for clock in clocks_of(subject):
        resume_clock(clock, on=on, source=source)


# --- synchronisation with the workflows -------------------------------------------------------------


def sync_clocks(today: date) -> None:
    _sync_obligations(today)
    _sync_applications(today)
    _sync_licences(today)
    _sync_complaints(today)


def _known(kind, model) -> dict[str, Clock]:
    subject_type = ContentType.objects.get_for_model(model)
    return {c.subject_id: c for c in Clock.objects.filter(kind=kind, subject_type=subject_type)}


def _clocked(kind, model):
    """Whether the subject (OuterRef "pk") has its clock of `kind` (one index probe)."""
    subject_type = ContentType.objects.get_for_model(model)
    return Exists(Clock.objects.filter(kind=kind, subject_type=subject_type, subject_id=Cast(OuterRef("pk"), CharField())))


def _stop_clocks_of_done(kind, model, done: list[str], today: date) -> int:
    """Stop the open clocks whose subject's status is one of `done`: each open clock looks up its
    subject's status by key (never a list of every finished subject's id, nor a join of them all)."""
    subject_type = ContentType.objects.get_for_model(model)
    status = model.objects.filter(pk=Cast(OuterRef("subject_id"), BigIntegerField())).values("status")[:1]
    clocks = Clock.objects.filter(kind=kind, subject_type=subject_type, status__in=OPEN_CLOCK)
    return stop_clocks(clocks.alias(subject_status=Subquery(status)).filter(subject_status__in=done), today)


def _sync_obligations(today: date) -> None:
    """Clocks for the compliance sweep's obligations, set-based: only obligations without a clock
    are read (each once in its life) and created in bulk; closed ones stop in one UPDATE."""
    from compliance.models import Obligation, ObligationStatus
    from compliance.rules import RULES, rule_article

    kind = ClockKind.ENTERPRISE_DUTY
    subject_type = ContentType.objects.get_for_model(Obligation)
    # The ids first, by one anti-join; then the rows in chunks. (A server-side cursor over the
    # anti-join made PostgreSQL pick a fast-start plan: 35 s at a million obligations instead of 0.04.)
    new = list(
        Obligation.objects.filter(status=ObligationStatus.OPEN).filter(~_clocked(kind, Obligation))
        .order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(new), 2000):
        chunk = Obligation.objects.filter(pk__in=new[start:start + 2000]).select_related("vehicle").order_by("pk")
        Clock.objects.bulk_create([
            Clock(kind=kind, subject_type=subject_type, subject_id=str(ob.pk),
                  label=(ob.get_rule_display() + (f"（{ob.vehicle.vin}）" if ob.vehicle else ""))[:200],
                  article=rule_article(ob.rule) if ob.rule in RULES else rules.CLOCK_RULES[kind].rule.article,
                  organisation_id=ob.enterprise_id, started_on=ob.period_start, working_days=None,
                  base_due_on=ob.due_on, due_on=ob.due_on, provisional=False)
            for ob in chunk
        ], ignore_conflicts=True)
    _stop_clocks_of_done(kind, Obligation, [ObligationStatus.MET, ObligationStatus.OVERDUE], today)


def _sync_applications(today: date) -> None:
    from applications.models import Application, ApplicationStatus, CorrectionRequest

    kind = ClockKind.INTAKE
    known = _known(kind, Application)
    waiting = (ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED)
    for app in Application.objects.filter(status__in=waiting, submitted_at__isnull=False):
        if str(app.pk) not in known:
            known[str(app.pk)] = start_clock(app, kind, started_on=_day(app.submitted_at),
                                             label=app.reference_number or app.company_name)
    for correction in CorrectionRequest.objects.filter(application_id__in=[int(k) for k in known]).order_by("requested_at"):
        clock = known[str(correction.application_id)]
        source = f"correction:{correction.pk}"
        pause_clock(clock, on=_day(correction.requested_at), source=source, reason=_("退回补正"))
        if correction.resolved_at is not None:
            resume_clock(clock, on=_day(correction.resolved_at), source=source)
    _stop_clocks_of_done(kind, Application, [s for s in ApplicationStatus if s not in (*waiting, ApplicationStatus.DRAFT)],
                         today)


def _sync_licences(today: date) -> None:
    from traceability.models import Licence, LicenceStatus

    kind = ClockKind.LICENCE_ISSUE
    waiting = (LicenceStatus.REQUESTED, LicenceStatus.PREPARED)
    unclocked = Licence.objects.filter(status__in=waiting).filter(~_clocked(kind, Licence))
    for licence in unclocked.select_related("enterprise"):
        start_clock(licence, kind, started_on=_day(licence.requested_at),
                    label=_("%(org)s 的许可证申请 #%(pk)s") % {"org": licence.enterprise.name, "pk": licence.pk})
    _stop_clocks_of_done(kind, Licence, [s for s in LicenceStatus if s not in waiting], today)


def _sync_complaints(today: date) -> None:
    from supervision.models import Complaint, ComplaintStatus

    kind = ClockKind.COMPLAINT_ANSWER
    for complaint in Complaint.objects.exclude(status=ComplaintStatus.CLOSED).filter(~_clocked(kind, Complaint)):
        start_clock(complaint, kind, started_on=complaint.received_on, label=complaint.number)
    _stop_clocks_of_done(kind, Complaint, [ComplaintStatus.CLOSED], today)


# --- reminders ---------------------------------------------------------------------------------------


def send_reminders(today: date) -> int:
    """Reminders 7, 3 and 1 working day(s) before each running clock's due date, each sent once."""
    horizon = today + timedelta(days=max(rules.REMINDER_WORKING_DAYS) * 3 + 30)
    calendar = WorkingCalendar.load(today.year, horizon.year)
    sent = 0
    clocks = Clock.objects.filter(status=ClockStatus.RUNNING, due_on__gt=today, due_on__lte=horizon)
    for clock in clocks.select_related("organisation"):
        threshold = rules.reminder_threshold(rules.working_days_left(today, clock.due_on, calendar))
        if threshold is None:
            continue
        message = {
            "code": "casework.clock_reminder",
            "title": _("期限提醒：%(label)s 还剩 %(n)d 个工作日") % {"label": clock.label, "n": threshold},
            "body": _("%(kind)s 截止日期为 %(due)s（%(article)s）。") % {
                "kind": clock.get_kind_display(), "due": clock.due_on, "article": clock.article},
            "link": reverse("casework:clock-detail", args=[clock.pk]),
            "event_key": f"casework.clock.{clock.pk}.reminder.{threshold}",
        }
        if clock.organisation_id:
            sent += len(notify(organisation_users(clock.organisation), **message))
        else:
            sent += len(notify_bureau(**message))
    return sent
