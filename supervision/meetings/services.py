"""State changes of the joint meeting (实施方案四(一)): convene, build the agenda, record that it was held
and its decisions, sign the minutes (then locked, also in the database), and each agency's tasks.

Each service takes `actor` and `today`, locks the row, calls the workflow's check, changes and logs.
"""

import hashlib
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from casework import signing
from portal.activity import log_action
from portal.official import official_document, person_name
from portal.pdf import render_pdf
from portal.periods import legal_period
from portal.roles import BUREAU_ROLES, has_role

from ..workflow import JOINT_MEETING, MEETING_TASK
from . import agenda
from .models import Agency, AgendaItem, JointMeeting, MeetingStatus, MeetingTask, TaskStatus

NUMBER_PREFIX = "并商务纪"
MAX_TASK_WORKING_DAYS = 120


@transaction.atomic
def convene(*, held_on: date, place: str, title: str = "", actor, today: date) -> JointMeeting:
    if not has_role(actor, *BUREAU_ROLES):
        raise PermissionDenied
    errors = {}
    if held_on is None:
        errors["held_on"] = [_("此项为必填项。")]
    if not (place or "").strip():
        errors["place"] = [_("此项为必填项。")]
    if errors:
        raise ValidationError(errors)
    serial = JointMeeting.objects.filter(held_on__year=held_on.year).count() + 1
    while JointMeeting.objects.filter(number=f"{NUMBER_PREFIX}〔{held_on.year}〕{serial}号").exists():
        serial += 1
    meeting = JointMeeting.objects.create(
        number=f"{NUMBER_PREFIX}〔{held_on.year}〕{serial}号", held_on=held_on, place=place.strip(), convened_by=actor,
        title=(title or "").strip() or _("二手车出口工作联席会议（%(date)s）") % {"date": f"{held_on:%Y年%m月%d日}"})
    log_action(meeting, "meeting.convened", actor, to_status=meeting.status, visible_to_enterprise=False)
    refresh_agenda(meeting, actor=actor, today=today)
    return meeting


@transaction.atomic
def refresh_agenda(meeting: JointMeeting, *, actor, today: date) -> int:
    """Add the open matters of every agenda source not yet on the agenda; returns how many were added."""
    meeting = JointMeeting.objects.select_for_update().get(pk=meeting.pk)
    JOINT_MEETING.check(meeting, "refresh_agenda", actor=actor, today=today)
    existing = set(meeting.agenda.values_list("source", "reference"))
    position = meeting.agenda.count()
    new = []
    for matter in agenda.build(today):
        if (matter.source, matter.reference) in existing:
            continue
        position += 1
        new.append(AgendaItem(meeting=meeting, source=matter.source, reference=matter.reference,
                              title=matter.title[:300], link=matter.link, position=position))
    AgendaItem.objects.bulk_create(new)
    if new:
        log_action(meeting, "meeting.agenda_built", actor, visible_to_enterprise=False, data={"added": len(new)})
    return len(new)


@transaction.atomic
def hold(meeting: JointMeeting, *, attendees: str, summary: str = "", actor, today: date) -> JointMeeting:
    meeting = JointMeeting.objects.select_for_update().get(pk=meeting.pk)
    JOINT_MEETING.check(meeting, "hold", actor=actor, today=today)
    if not (attendees or "").strip():
        raise ValidationError({"attendees": [_("请填写出席人员（市商务局、公安交管、海关）。")]})
    if meeting.held_on > today:
        raise ValidationError({"attendees": [_("会议尚未召开（会议日期晚于今天）。")]})
    before = meeting.status
    meeting.attendees, meeting.summary, meeting.status = attendees.strip(), (summary or "").strip(), MeetingStatus.HELD
    meeting.save(update_fields=["attendees", "summary", "status"])
    log_action(meeting, "meeting.held", actor, from_status=before, to_status=meeting.status, visible_to_enterprise=False)
    return meeting


def task_due_on(held_on: date, working_days: int) -> date:
    """The decision's due date: N working days after the meeting (portal.periods, the rule every case uses)."""
    return legal_period(held_on, working_days=working_days).ends_on


@transaction.atomic
def add_decision(meeting: JointMeeting, *, decision: str, agency: str, working_days: int, agenda_item=None,
                 actor, today: date) -> MeetingTask:
    meeting = JointMeeting.objects.select_for_update().get(pk=meeting.pk)
    JOINT_MEETING.check(meeting, "add_decision", actor=actor, today=today)
    errors = {}
    if not (decision or "").strip():
        errors["decision"] = [_("请填写议定事项。")]
    if agency not in Agency.values:
        errors["agency"] = [_("请选择牵头部门。")]
    if not working_days or not 1 <= int(working_days) <= MAX_TASK_WORKING_DAYS:
        errors["working_days"] = [_("办理时限须为1至%(n)d个工作日。") % {"n": MAX_TASK_WORKING_DAYS}]
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        errors["agenda_item"] = [_("该议题不属于本次会议。")]
    if errors:
        raise ValidationError(errors)
    task = MeetingTask.objects.create(meeting=meeting, agenda_item=agenda_item, decision=decision.strip(),
                                      agency=agency, working_days=int(working_days),
                                      due_on=task_due_on(meeting.held_on, int(working_days)))
    log_action(meeting, "meeting.decision_recorded", actor, visible_to_enterprise=False,
               data={"agency": agency, "due_on": task.due_on.isoformat(), "decision": task.decision[:100]})
    log_action(task, "meeting.task_opened", actor, to_status=task.status, visible_to_enterprise=False,
               data={"due_on": task.due_on.isoformat()})
    return task


def render_minutes(meeting: JointMeeting, signatory) -> bytes:
    tasks = list(meeting.tasks.select_related("agenda_item").order_by("id"))
    return render_pdf("supervision/pdf/meeting_minutes.html", {
        "meeting": meeting, "agenda": list(meeting.agenda.all()), "tasks": tasks,
        "attendee_lines": [line.strip() for line in meeting.attendees.splitlines() if line.strip()],
        "agency_labels": dict(Agency.choices),
        "official": official_document(
            number=meeting.number, title=_("二手车出口工作联席会议纪要"), date=meeting.signed_on,
            subtitle=f"（{meeting.held_on.year}年{meeting.held_on.month}月{meeting.held_on.day}日）",
            recipient=_("太原市公安局交通管理局，晋阳海关，市商务局各有关处室"),
            signatory=person_name(signatory), copy_to=_("山西省商务厅")),
    })


@transaction.atomic
def sign_minutes(meeting: JointMeeting, *, actor, today: date) -> JointMeeting:
    """The head signs the 纪要 (an official document, digitally signed); from then on it is locked."""
    meeting = JointMeeting.objects.select_for_update().get(pk=meeting.pk)
    JOINT_MEETING.check(meeting, "sign_minutes", actor=actor, today=today)
    meeting.signed_on, meeting.signed_by = today, actor
    pdf = signing.sign_pdf(render_minutes(meeting, actor), reason=f"{meeting.number}", location=_("太原市商务局"))
    before = meeting.status
    meeting.minutes_pdf, meeting.minutes_sha256 = pdf, hashlib.sha256(pdf).hexdigest()
    meeting.status = MeetingStatus.SIGNED
    meeting.save(update_fields=["signed_on", "signed_by", "minutes_pdf", "minutes_sha256", "status"])
    log_action(meeting, "meeting.minutes_signed", actor, from_status=before, to_status=meeting.status,
               visible_to_enterprise=False, data={"sha256": meeting.minutes_sha256})
    _notify_agencies(meeting)
    return meeting


def _notify_agencies(meeting: JointMeeting) -> None:
    from portal.models import User
    from portal.services import notify

    for agency in set(meeting.tasks.values_list("agency", flat=True)):
        users = User.objects.filter(organisation__kind=agency, is_active=True)
        notify(users, code="meeting.tasks_assigned",
               title=_("联席会议交办事项：%(number)s") % {"number": meeting.number},
               link=reverse("supervision:meeting-task-list"), event_key=f"meeting.tasks:{meeting.pk}:{agency}")


@transaction.atomic
def complete_task(task: MeetingTask, *, outcome: str, actor, today: date) -> MeetingTask:
    task = MeetingTask.objects.select_for_update().get(pk=task.pk)
    MEETING_TASK.check(task, "complete", actor=actor, today=today)
    if not (outcome or "").strip():
        raise ValidationError({"outcome": [_("请填写办理结果。")]})
    before = task.status
    task.status, task.outcome, task.done_on, task.done_by = TaskStatus.DONE, outcome.strip(), today, actor
    task.save(update_fields=["status", "outcome", "done_on", "done_by"])
    log_action(task, "meeting.task_done", actor, from_status=before, to_status=task.status,
               visible_to_enterprise=False, data={"late": today > task.due_on})
    return task
