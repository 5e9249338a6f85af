"""State changes of the panel day (答辩会, 办法第五条 审核答辩): each takes `actor` and `today`, locks, checks the
declaration (review.workflow PANEL_DAY / PANEL_ITEM), changes, logs."""

import hashlib
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.policy import policy_in_force
from portal.services import notify

from . import rules
from .models import Entry, PanelMember, ReviewRound, ScoreSheet, SheetStatus, StageKind
from .panel_models import AgendaItem, AgendaItemStatus, Attendance, PanelDay, PanelDayStatus, SheetNote
from .services import _locked_entry, _locked_round, _require_bureau, record_stage, write_sheet
from .workflow import PANEL_DAY, PANEL_ITEM, on_record, present_member_ids


def _locked_day(day: PanelDay) -> PanelDay:
    return PanelDay.objects.select_related("round").select_for_update(of=("self",)).get(pk=day.pk)


def _locked_item(item: AgendaItem) -> AgendaItem:
    """One lock order: round, entry, day, item (the entry's services lock round then entry)."""
    entry = _locked_entry(item.entry)
    day = _locked_day(item.day)
    locked = AgendaItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    locked.day, locked.entry = day, entry
    return locked


@transaction.atomic
def create_day(review_round: ReviewRound, *, title: str, held_on: date, place: str, chair=None, actor,
               today: date) -> PanelDay:
    """The bureau calls a panel day (答辩会) of a round; the chair (评审组组长) is one of its panel members."""
    _require_bureau(actor)
    review_round = _locked_round(review_round)
    errors = {}
    if not review_round.scoring_open:
        errors["round"] = [_("该评审批次已结束评分，不能再召开答辩会。")]
    if not (title or "").strip():
        errors["title"] = [_("请填写会议名称。")]
    if not (place or "").strip():
        errors["place"] = [_("请填写会议地点。")]
    if chair is not None and not PanelMember.objects.filter(round=review_round, user=chair).exists():
        errors["chair"] = [_("评审组组长须为本批次评审小组成员。")]
    if errors:
        raise ValidationError(errors)
    day = PanelDay.objects.create(round=review_round, title=title.strip(), held_on=held_on, place=place.strip(),
                                  chair=chair, created_by=actor)
    log_action(review_round, "review.panel_day.created", actor, data={"day": day.pk, "held_on": held_on.isoformat()})
    return day


@transaction.atomic
def set_agenda_item(day: PanelDay, *, entry: Entry, position: int, starts_at: time, room: str = "",
                    video_link: str = "", actor, today: date) -> AgendaItem:
    """Put an application on the day's agenda (or move it): its order, start time, room or video link."""
    day = _locked_day(day)
    PANEL_DAY.check(day, "set_agenda", actor=actor, today=today)
    errors = {}
    if entry.round_id != day.round_id:
        errors["entry"] = [_("该申请不在本批次评审中。")]
    elif AgendaItem.objects.filter(entry=entry).exclude(day=day).exists():
        errors["entry"] = [_("该申请已列入另一场答辩会的议程，每项申请只答辩一次。")]
    room, video_link = (room or "").strip(), (video_link or "").strip()
    if not room and not video_link:
        errors["room"] = [_("请填写会议室或视频会议链接。")]
    if not isinstance(position, int) or isinstance(position, bool) or position < 1:
        errors["position"] = [_("顺序须为正整数。")]
    elif day.items.filter(position=position).exclude(entry=entry).exists():
        errors["position"] = [_("该顺序已有其他申请。")]
    if errors:
        raise ValidationError(errors)
    item, created = AgendaItem.objects.update_or_create(
        day=day, entry=entry, defaults={"position": position, "starts_at": starts_at, "room": room,
                                        "video_link": video_link})
    log_action(day.round, "review.panel_day.agenda_set", actor, reason=str(entry.application),
               data={"day": day.pk, "position": position, "starts_at": starts_at.isoformat(), "room": room,
                     "video_link": video_link})
    return item


@transaction.atomic
def remove_agenda_item(item: AgendaItem, *, actor, today: date) -> None:
    day = _locked_day(item.day)
    PANEL_DAY.check(day, "set_agenda", actor=actor, today=today)
    AgendaItem.objects.filter(pk=item.pk, day=day).delete()
    log_action(day.round, "review.panel_day.agenda_removed", actor, reason=str(item.entry.application),
               data={"day": day.pk})


@transaction.atomic
def start_session(day: PanelDay, *, present, actor, today: date, now: datetime | None = None) -> PanelDay:
    """Record who of the panel attends (`present`: users) and open the session."""
    day = _locked_day(day)
    action = PANEL_DAY.check(day, "start_session", actor=actor, today=today)
    members = list(PanelMember.objects.filter(round_id=day.round_id).select_related("user"))
    present_ids = {u.pk for u in present}
    unknown = present_ids - {m.user_id for m in members}
    if unknown:
        raise ValidationError({"present": [_("出席人员须为本批次评审小组成员。")]})
    Attendance.objects.bulk_create([Attendance(day=day, member=m.user, present=m.user_id in present_ids)
                                    for m in members])
    day.status, day.started_at = action.target, now or timezone.now()
    day.save(update_fields=["status", "started_at"])
    log_action(day.round, "review.panel_day.started", actor, from_status=PanelDayStatus.PLANNED,
               to_status=day.status, data={"day": day.pk, "present": sorted(present_ids)})
    return day


@transaction.atomic
def open_item(item: AgendaItem, *, actor, today: date, now: datetime | None = None) -> AgendaItem:
    """The applicant defends before the panel: the item opens (its time starts the reading clock) and the
    现场答辩 stage is recorded when not yet on record (its order: review.workflow.STATIONS)."""
    item = _locked_item(item)
    action = PANEL_ITEM.check(item, "open_item", actor=actor, today=today)
    item.status, item.opened_at = action.target, now or timezone.now()
    item.save(update_fields=["status", "opened_at"])
    if StageKind.DEFENSE.value not in on_record(item.entry):
        names = "、".join(m.display_name for m in _present_users(item.day))
        record_stage(item.entry, stage=StageKind.DEFENSE, held_on=item.day.held_on,
                     place=item.room or item.video_link, attendees=names,
                     outcome=_("%(title)s 议程第%(n)d项") % {"title": item.day.title, "n": item.position},
                     actor=actor, today=today)
    log_action(item.entry.application, "review.panel_item.opened", actor, visible_to_enterprise=False,
               from_status=AgendaItemStatus.WAITING, to_status=item.status, data={"day": item.day_id})
    return item


def _present_users(day):
    from portal.models import User

    return list(User.objects.filter(pk__in=present_member_ids(day)).order_by("pk"))


@transaction.atomic
def submit_item_sheet(item: AgendaItem, *, points: dict, comment: str = "", justification: str = "", actor,
                      today: date, now: datetime | None = None) -> ScoreSheet:
    """A member submits their sheet for the open item. A total further than the set distance from the median
    of the others' submitted totals needs a justification (400 naming `justification`); a sheet submitted
    sooner than the minimum reading time after the item opened is flagged to the chair."""
    item = _locked_item(item)
    PANEL_ITEM.check(item, "submit_item_sheet", actor=actor, today=today)
    entry = item.entry
    if not isinstance(points, dict):
        raise ValidationError({"criteria": [_("请按评分项填写分值。")]})
    justification = (justification or "").strip()
    policy = policy_in_force(today)
    median = None
    if not rules.points_errors(entry.round.criteria, points, complete=True):
        total = rules.sheet_total({c: rules.as_decimal(v) for c, v in points.items()})
        others = ScoreSheet.objects.filter(entry=entry, status=SheetStatus.SUBMITTED).exclude(member=actor)
        distance = rules.panel_outlier_distance(policy)
        far, median = rules.needs_justification(total, [s.total for s in others], distance)
        if far and not justification:
            raise ValidationError({"justification": [
                _("您的总分 %(total)s 与其他专家已提交总分的中位数 %(median)s 相差超过 %(distance)s 分，"
                  "请填写偏离说明后提交。") % {"total": total, "median": median,
                                          "distance": distance}]})
    sheet = write_sheet(entry, points=points, comment=comment, submit=True, actor=actor, today=today)
    seconds = max(0, int(((now or sheet.submitted_at) - item.opened_at).total_seconds()))
    too_fast = rules.read_too_fast(seconds, rules.panel_minimum_reading_seconds(policy))
    SheetNote.objects.create(item=item, sheet=sheet, member=actor, reading_seconds=seconds, too_fast=too_fast,
                             median_of_others=median, justification=justification)
    log_action(entry.application, "review.panel_item.sheet_submitted", actor, visible_to_enterprise=False,
               reason=justification, data={"day": item.day_id, "reading_seconds": seconds, "too_fast": too_fast})
    if too_fast:
        chair = [item.day.chair] if item.day.chair_id else []
        notify(chair, code="review.panel_item.too_fast",
               title=_("评分用时过短：%(name)s") % {"name": actor.display_name},
               body=_("%(item)s 开始答辩后 %(minutes)d 分钟即提交评分表。") % {
                   "item": entry.application, "minutes": seconds // 60},
               link=reverse("review:panel-day", args=[item.day_id]), event_key=f"review.panel.too_fast.{sheet.pk}")
    return sheet


@transaction.atomic
def close_item(item: AgendaItem, *, actor, today: date, now: datetime | None = None) -> AgendaItem:
    item = _locked_item(item)
    action = PANEL_ITEM.check(item, "close_item", actor=actor, today=today)
    item.status, item.closed_at = action.target, now or timezone.now()
    item.save(update_fields=["status", "closed_at"])
    log_action(item.entry.application, "review.panel_item.closed", actor, visible_to_enterprise=False,
               from_status=AgendaItemStatus.OPEN, to_status=item.status, data={"day": item.day_id})
    return item


@transaction.atomic
def close_session(day: PanelDay, *, actor, today: date, now: datetime | None = None) -> PanelDay:
    day = _locked_day(day)
    action = PANEL_DAY.check(day, "close_session", actor=actor, today=today)
    day.status, day.closed_at = action.target, now or timezone.now()
    day.save(update_fields=["status", "closed_at"])
    log_action(day.round, "review.panel_day.closed", actor, from_status=PanelDayStatus.IN_SESSION,
               to_status=day.status, data={"day": day.pk})
    return day


@transaction.atomic
def sign_minutes(day: PanelDay, *, actor, today: date) -> PanelDay:
    """The minutes rendered, digitally signed (casework.signing) and stored; from then on the day, its agenda,
    attendance and sheet notes are locked by the database."""
    from casework import signing

    from .panel_minutes import minutes_number, render_minutes

    day = _locked_day(day)
    action = PANEL_DAY.check(day, "sign_minutes", actor=actor, today=today)
    day.signed_by, day.signed_on = actor, today
    pdf = signing.sign_pdf(render_minutes(day), reason=f"{day.title} {minutes_number(day)}",
                           location=day.place)
    day.minutes_pdf, day.minutes_sha256 = pdf, hashlib.sha256(pdf).hexdigest()
    day.status = action.target
    day.save(update_fields=["signed_by", "signed_on", "minutes_pdf", "minutes_sha256", "status"])
    log_action(day.round, "review.panel_day.minutes_signed", actor, from_status=PanelDayStatus.CLOSED,
               to_status=day.status, data={"day": day.pk, "sha256": day.minutes_sha256})
    return day
