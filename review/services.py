"""State changes of the review (办法第五条): each takes `actor` and `today`, locks, checks, changes, logs."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import services as application_services
from applications.models import Application, ApplicationStatus
from portal.activity import log_action
from portal.errors import CONFLICT_NOT_DECLARED, NOT_ACCEPTED, RuleRefused
from portal.models import PilotStatus, User
from portal.policy import policy_in_force
from portal.roles import Role, has_role, is_bureau
from portal.services import bureau_users, notify, notify_bureau, notify_organisation, set_pilot_status
from portal.workdays import working_period

from . import rules
from .models import (
    ConflictDeclaration,
    Entry,
    Objection,
    PanelMember,
    Publicity,
    PublicityStatus,
    ReviewRound,
    RoundStatus,
    ScoreSheet,
    SheetStatus,
    Stage,
)
from .rules import StageKind
from .workflow import ENTRY, ROUND, STATION_OF_STAGE, missing_before, panel_member

# Who may act, when, in which order and with whose countersignature is declared in review/workflow.py
# (ROUND, ENTRY); each service locks its rows, asks the declaration (403 / 409), changes, logs.


def _require_bureau(actor) -> None:
    """Opening a round creates the case: nothing to declare a state for yet."""
    if not is_bureau(actor):
        raise PermissionDenied


def _locked_round(review_round: ReviewRound) -> ReviewRound:
    return ReviewRound.objects.select_for_update().get(pk=review_round.pk)


def _locked_entry(entry: Entry) -> Entry:
    """The entry locked after its round (one lock order: round, then entry), the locked round attached."""
    review_round = _locked_round(entry.round)
    locked = Entry.objects.select_related("application__organisation").select_for_update(of=("self",)).get(
        pk=entry.pk)
    locked.round = review_round
    return locked


# --- Rounds and panels (第五条第1项) --------------------------------------------------------------


@transaction.atomic
def create_round(*, name: str, actor, today: date, criteria: dict | None = None, quorum: int | None = None,
                 comment_share: Decimal | None = None, outlier_margin: Decimal | None = None) -> ReviewRound:
    _require_bureau(actor)
    policy = policy_in_force(today)  # the defaults of the version in force on the day (issue 24), recorded
    criteria = dict(policy["review_criteria"]) if criteria is None else dict(criteria)
    errors = {}
    split_errors = rules.criteria_split_errors(criteria)
    if split_errors:
        errors["criteria"] = split_errors
    quorum = policy["review_quorum"] if quorum is None else quorum
    if not isinstance(quorum, int) or isinstance(quorum, bool) or quorum < 1:
        errors["quorum"] = [_("最少有效评分表数须为正整数。")]
    if not (name or "").strip():
        errors["name"] = [_("请填写批次名称。")]
    if errors:
        raise ValidationError(errors)
    review_round = ReviewRound.objects.create(
        name=name.strip(),
        criteria={code: int(rules.as_decimal(maximum)) for code, maximum in criteria.items()},
        quorum=quorum,
        comment_share=comment_share if comment_share is not None else policy["review_comment_share"],
        outlier_margin=outlier_margin if outlier_margin is not None else policy["review_outlier_margin"],
        created_by=actor, policy_version_id=policy.number,
    )
    log_action(review_round, "review.round.created", actor, to_status=review_round.status,
               data={"criteria": review_round.criteria, "quorum": quorum, "on": today.isoformat()})
    return review_round


@transaction.atomic
def add_application(review_round: ReviewRound, application: Application, *, actor, today: date) -> Entry:
    """Put an accepted (受理) application before the panel."""
    review_round = _locked_round(review_round)
    ROUND.check(review_round, "add_application", actor=actor, today=today)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.ACCEPTED:
        raise RuleRefused([NOT_ACCEPTED])
    if Entry.objects.filter(application=application).exists():
        raise RuleRefused([rules.ALREADY_IN_ROUND])
    entry = Entry.objects.create(round=review_round, application=application)
    application_services.mark_in_review(application, actor=actor)
    log_action(application, "review.application.added", actor, reason=review_round.name,
               data={"round": review_round.pk, "on": today.isoformat()})
    return entry


@transaction.atomic
def add_member(review_round: ReviewRound, user: User, *, actor, today: date) -> PanelMember:
    review_round = _locked_round(review_round)
    ROUND.check(review_round, "add_member", actor=actor, today=today)
    if not has_role(user, Role.EXPERT):
        raise ValidationError({"username": [_("该用户不是评审专家，不能加入评审小组。")]})
    member, created = PanelMember.objects.get_or_create(round=review_round, user=user)
    if created:
        log_action(review_round, "review.member.added", actor, data={"username": user.username})
        notify(
            [user], code="review.member.added", title=_("您已加入评审小组：%(name)s") % {"name": review_round.name},
            body=_("请在查看每份申请前申报利益冲突情况。"),
            link=reverse("review:round-detail", args=[review_round.pk]),
            event_key=f"review.member.{member.pk}",
        )
    return member


# --- Stages (第五条第2、3项) -------------------------------------------------------------------------


@transaction.atomic
def record_stage(entry: Entry, *, stage: str, held_on: date, place: str, attendees: str = "", outcome: str = "",
                 actor, today: date) -> Stage:
    """A stage of 第五条, in the declared order (review.workflow.STATIONS; out of order: 409 stage_missing)."""
    station = STATION_OF_STAGE.get(str(stage))
    if station is None or stage not in StageKind.values:
        raise ValidationError({"stage": [_("未知的评审环节。")]})
    entry = _locked_entry(entry)
    ENTRY.check(entry, station.action, actor=actor, today=today)
    record = Stage.objects.create(entry=entry, stage=stage, held_on=held_on, place=place, attendees=attendees,
                                  outcome=outcome, recorded_by=actor)
    application = entry.application
    log_action(application, f"review.stage.{stage}", actor, reason=outcome,
               data={"held_on": held_on.isoformat(), "place": place})
    if stage == StageKind.DEFENSE and held_on >= today:
        # 第五条第2项: the enterprise is told when and where its defense is held.
        notify_organisation(
            application.organisation, code="review.defense.scheduled",
            title=_("现场答辩安排"),
            body=_("贵单位的试点申请 %(ref)s 定于 %(date)s 在 %(place)s 进行现场答辩。") % {
                "ref": application.reference_number or "", "date": held_on.isoformat(), "place": place},
            event_key=f"review.defense.{record.pk}",
        )
    return record


@transaction.atomic
def decide_site_visit(entry: Entry, *, required: bool, actor, today: date) -> Entry:
    """第五条第3项: the panel decides, from the material review and defense, whether to visit."""
    entry = _locked_entry(entry)
    ENTRY.check(entry, "decide_site_visit", actor=actor, today=today)
    entry.site_visit_required = required
    entry.save(update_fields=["site_visit_required"])
    log_action(entry.application, "review.site_visit.decided", actor, data={"required": required,
                                                                             "on": today.isoformat()})
    return entry


def stages_missing(entry: Entry) -> list[str]:
    """The stations still to record before scoring (codes, in the declared order)."""
    return [station.code for station in missing_before(entry)]


# --- Conflicts of interest and scoring (第五条第4项) -----------------------------------------------


def _require_member(entry: Entry, member) -> None:
    if not panel_member(entry, member):
        raise PermissionDenied


@transaction.atomic
def declare_conflict(entry: Entry, *, conflict: bool, statement: str = "", actor, today: date) -> ConflictDeclaration:
    entry = _locked_entry(entry)
    ENTRY.check(entry, "declare_conflict", actor=actor, today=today)
    declaration = ConflictDeclaration.objects.create(entry=entry, member=actor, conflict=conflict, statement=statement)
    log_action(entry.application, "review.conflict.declared", actor, visible_to_enterprise=False,
               reason=statement, data={"conflict": conflict, "on": today.isoformat()})
    return declaration


def check_may_score(entry: Entry, member) -> None:
    """A member may open and score an application once they declared no conflict (403 otherwise)."""
    _require_member(entry, member)
    declaration = ConflictDeclaration.objects.filter(entry=entry, member=member).first()
    if declaration is None:
        raise RuleRefused([CONFLICT_NOT_DECLARED])
    if declaration.conflict:
        raise PermissionDenied


@transaction.atomic
def save_sheet(entry: Entry, *, points: dict, comment: str = "", submit: bool = False, actor,
               today: date) -> ScoreSheet:
    """Save a member's sheet as a draft, or submit it; a submitted sheet never changes (database trigger)."""
    entry = _locked_entry(entry)
    ENTRY.check(entry, "submit_sheet" if submit else "save_sheet", actor=actor, today=today)
    return write_sheet(entry, points=points, comment=comment, submit=submit, actor=actor, today=today)


def write_sheet(entry: Entry, *, points: dict, comment: str, submit: bool, actor, today: date) -> ScoreSheet:
    """The sheet's points checked and written, after the caller locked the entry and checked its declaration
    (save_sheet above; the panel day's submission, review.panel_services)."""
    review_round = entry.round
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(entry=entry, member=actor)
    if not isinstance(points, dict):
        raise ValidationError({"criteria": [_("请按评分项填写分值。")]})
    errors = rules.points_errors(review_round.criteria, points, complete=submit)
    if errors:
        raise ValidationError({"criteria": [f"{code}: {message}" for code, message in errors.items()]})
    clean = {code: str(rules.as_decimal(value).quantize(rules.ONE_PLACE)) for code, value in points.items()}
    comment = (comment or "").strip()
    if submit and not comment and rules.needs_comment(review_round.criteria, clean, review_round.comment_share):
        raise ValidationError({"comment": [
            _("有评分项低于该项满分的 %(share)s%%，须填写评语。") % {"share": int(review_round.comment_share * 100)}
        ]})
    sheet.points = clean
    sheet.total = rules.sheet_total({c: rules.as_decimal(v) for c, v in clean.items()})
    sheet.comment = comment
    if submit:
        sheet.status = SheetStatus.SUBMITTED
        sheet.submitted_at = timezone.now()
    sheet.save()
    if submit:
        log_action(entry.application, "review.sheet.submitted", actor, visible_to_enterprise=False,
                   data={"on": today.isoformat()})
    return sheet


# --- Results (第五条第4项) --------------------------------------------------------------------------


def _submitted_points(entry: Entry) -> dict:
    return {
        sheet.member_id: {c: rules.as_decimal(v) for c, v in sheet.points.items()}
        for sheet in entry.sheets.all()
        if sheet.is_submitted
    }


@transaction.atomic
def close_scoring(review_round: ReviewRound, *, actor, today: date) -> ReviewRound:
    review_round = _locked_round(review_round)
    action = ROUND.check(review_round, "close_scoring", actor=actor, today=today)  # applications, quorum (第五条第4项)
    entries = list(review_round.entries.select_related("application").prefetch_related("sheets"))
    for entry in entries:
        submitted = _submitted_points(entry)
        result = rules.compute_result(submitted, review_round.criteria, review_round.outlier_margin)
        entry.final_score = result.final_score
        entry.per_criterion = {c: str(v) for c, v in result.per_criterion.items()}
        entry.spread = {c: str(v) for c, v in result.spread.items()}
        entry.total_spread = result.total_spread
        entry.submitted_sheets = len(submitted)
    for rank, entry in enumerate(sorted(entries, key=lambda e: -e.final_score), start=1):
        entry.rank = rank
    Entry.objects.bulk_update(entries, ["final_score", "per_criterion", "spread", "total_spread",
                                        "submitted_sheets", "rank"])
    review_round.status = action.target
    review_round.scoring_closed_on = today
    review_round.save(update_fields=["status", "scoring_closed_on"])
    log_action(review_round, "review.scoring.closed", actor, from_status=RoundStatus.OPEN,
               to_status=review_round.status)
    return review_round


def outlier_members(entry: Entry, margin: Decimal) -> set[int]:
    """The members whose submitted total is further than `margin` from the final score."""
    result = rules.compute_result(_submitted_points(entry), entry.round.criteria, margin)
    return set(result.outliers)


def _locked_publicity(review_round: ReviewRound) -> Publicity | None:
    """The round's 公示 locked, and attached to the round for the declaration's guards."""
    publicity = Publicity.objects.select_for_update().filter(round=review_round).first()
    if publicity is not None:
        review_round.publicity = publicity
    return publicity


# --- 公示 (第五条第5项) ------------------------------------------------------------------------------


@transaction.atomic
def propose_publicity(review_round: ReviewRound, *, entry_ids, starts_on: date, working_days: int | None = None,
                      title: str = "", actor, today: date) -> Publicity:
    """The officer proposes the list to publish; the head approves it (maker–checker)."""
    review_round = _locked_round(review_round)
    action = ROUND.check(review_round, "propose_publicity", actor=actor, today=today)
    chosen = list(review_round.entries.filter(pk__in=list(entry_ids)))
    if not chosen:
        raise RuleRefused([rules.NOTHING_PROPOSED])
    policy = policy_in_force(today)  # issue 24: the 公示 length of the version in force, recorded with it
    working_days = working_days or policy["publicity_working_days"]
    if working_days < 1:
        raise ValidationError({"working_days": [_("公示期至少为1个工作日。")]})
    period = working_period(starts_on, working_days)
    review_round.entries.update(proposed=False)
    review_round.entries.filter(pk__in=[e.pk for e in chosen]).update(proposed=True)
    publicity = Publicity.objects.create(
        round=review_round, title=title or _("%(name)s 评审结果公示") % {"name": review_round.name},
        starts_on=period.begins_on, working_days=working_days, ends_on=period.ends_on,
        provisional=period.provisional, proposed_by=actor, proposed_on=today, policy_version_id=policy.number,
    )
    review_round.status = action.target
    review_round.save(update_fields=["status"])
    log_action(review_round, "review.publicity.proposed", actor, from_status=RoundStatus.SCORING_CLOSED,
               to_status=review_round.status, data={"entries": [e.pk for e in chosen]})
    notify(bureau_users(Role.BUREAU_HEAD), code="review.publicity.proposed", title=_("待批准的公示：%(t)s") % {
        "t": publicity.title}, link=reverse("review:round-detail", args=[review_round.pk]),
        event_key=f"review.publicity.proposed.{publicity.pk}")
    return publicity


@transaction.atomic
def approve_publicity(review_round: ReviewRound, *, actor, today: date) -> Publicity:
    """The head publishes the proposed list: declared countersigned, never by its proposer."""
    review_round = _locked_round(review_round)
    publicity = _locked_publicity(review_round)
    action = ROUND.check(review_round, "approve_publicity", actor=actor, today=today)
    if publicity is None or publicity.status != PublicityStatus.PROPOSED:
        raise RuleRefused([rules.PUBLICITY_NOT_PROPOSED])
    if publicity.starts_on < today:
        # The period cannot start before the list is published.
        period = working_period(today, publicity.working_days)
        publicity.starts_on, publicity.ends_on, publicity.provisional = period.begins_on, period.ends_on, \
            period.provisional
    publicity.status = PublicityStatus.PUBLISHED
    publicity.approved_by = actor
    publicity.approved_on = today
    publicity.save()
    review_round.status = action.target
    review_round.save(update_fields=["status"])
    log_action(review_round, "review.publicity.published", actor, from_status=RoundStatus.PUBLICITY_PROPOSED,
               to_status=review_round.status, data={"starts_on": publicity.starts_on.isoformat(),
                                                    "ends_on": publicity.ends_on.isoformat()})
    return publicity


OBJECTION_NUMBER_LOCK = 20_0008  # pg_advisory_xact_lock key (with the year) for objection numbers


def objection_number(year: int, serial: int) -> str:
    """GS20260001: 公示 (GS), the year, the serial within the year."""
    return f"GS{year}{serial:04d}"


@transaction.atomic
def lodge_objection(publicity: Publicity, *, content: str, contact_name: str, contact_phone: str = "",
                    contact_email: str = "", entry: Entry | None = None, today: date) -> Objection:
    """Anyone may object during 公示; contact details are kept for the bureau only."""
    errors = {}
    if not (content or "").strip():
        errors["content"] = [_("请填写异议内容。")]
    if not (contact_name or "").strip():
        errors["contact_name"] = [_("请填写联系人。")]
    if not (contact_phone or "").strip() and not (contact_email or "").strip():
        errors["contact_phone"] = [_("请至少填写联系电话或电子邮箱之一。")]
    if errors:
        raise ValidationError(errors)
    publicity = Publicity.objects.select_for_update().get(pk=publicity.pk)
    if publicity.status != PublicityStatus.PUBLISHED or not rules.publicity_is_open(
            publicity.starts_on, publicity.ends_on, today):
        raise RuleRefused([rules.PUBLICITY_NOT_OPEN])
    year = today.year
    with connection.cursor() as cursor:  # one serial per year across all 公示: numbers taken one at a time
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [OBJECTION_NUMBER_LOCK, year])
    serial = (Objection.objects.filter(year=year).aggregate(last=Max("serial"))["last"] or 0) + 1
    objection = Objection.objects.create(
        publicity=publicity, number=objection_number(year, serial), year=year, serial=serial, entry=entry,
        content=content.strip(),
        contact_name=contact_name.strip(), contact_phone=contact_phone.strip(), contact_email=contact_email.strip(),
        lodged_on=today,
    )
    log_action(publicity.round, "review.objection.lodged", None, visible_to_enterprise=False,
               data={"number": objection.number})
    notify_bureau(code="review.objection.lodged", title=_("公示收到异议 %(n)s") % {"n": objection.number},
                  link=reverse("review:round-detail", args=[publicity.round_id]),
                  event_key=f"review.objection.{objection.pk}")
    return objection


@transaction.atomic
def answer_objection(objection: Objection, *, answer: str, actor, today: date) -> Objection:
    review_round = _locked_round(objection.publicity.round)
    ROUND.check(review_round, "answer_objection", actor=actor, today=today)
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.is_answered:
        raise RuleRefused([rules.ALREADY_ANSWERED])
    if not (answer or "").strip():
        raise ValidationError({"answer": [_("请填写答复内容。")]})
    objection.answer = answer.strip()
    objection.answered_on = today
    objection.answered_by = actor
    objection.save(update_fields=["answer", "answered_on", "answered_by"])
    log_action(objection.publicity.round, "review.objection.answered", actor, visible_to_enterprise=False,
               data={"number": objection.number})
    return objection


# --- Designation (第五条第5项: 确定试点企业) ---------------------------------------------------------


@transaction.atomic
def designate(review_round: ReviewRound, *, actor, today: date) -> ReviewRound:
    """After 公示 without unanswered objections the head designates the proposed enterprises; declared
    countersigned: never the official who proposed the list."""
    review_round = _locked_round(review_round)
    _locked_publicity(review_round)
    action = ROUND.check(review_round, "designate", actor=actor, today=today)
    entries = list(review_round.entries.select_related("application__organisation"))
    for entry in entries:
        application = entry.application
        approved = entry.proposed
        application_services.record_decision(
            application, approved=approved, actor=actor, today=today,
            reason=_("经评审、公示，确定为试点企业。") if approved else _("经评审，未列入试点企业名单。"),
        )
        if approved:
            set_pilot_status(application.organisation, PilotStatus.DESIGNATED, on=today)
        entry.approved = approved
        entry.save(update_fields=["approved"])
        notify_organisation(
            application.organisation, code="review.result",
            title=_("试点企业评审结果") if approved else _("试点企业评审结果通知"),
            body=_("贵单位已被确定为太原市二手车出口试点企业。") if approved else _("贵单位本次未被确定为试点企业。"),
            link=reverse("review:letter", args=[entry.pk]), event_key=f"review.result.{entry.pk}",
        )
    review_round.status = action.target
    review_round.designated_on = today
    review_round.designated_by = actor
    review_round.save(update_fields=["status", "designated_on", "designated_by"])
    log_action(review_round, "review.designated", actor, from_status=RoundStatus.PUBLICITY,
               to_status=review_round.status, data={"designated": [e.pk for e in entries if e.approved]})
    return review_round


# --- MOFCOM filing (第五条: 报商务部备案) ------------------------------------------------------------------


@transaction.atomic
def record_filing(review_round: ReviewRound, *, actor, today: date) -> ReviewRound:
    """The designated list has been reported to MOFCOM (the filing list: review:filing-pdf / -xlsx)."""
    review_round = _locked_round(review_round)
    action = ROUND.check(review_round, "file_with_mofcom", actor=actor, today=today)
    from_status = review_round.status
    review_round.status = action.target
    review_round.save(update_fields=["status"])
    log_action(review_round, "review.filed", actor, from_status=from_status, to_status=review_round.status,
               data={"on": today.isoformat()})
    return review_round
