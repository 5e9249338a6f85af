"""The review of 办法第五条, declared once (issue 18): the round and the stages of each application.

Two case kinds:

- `review_round` reads `ReviewRound.status`: close scoring → 公示 proposed by an official → approved by
  the head (never the proposer) → designation by the head (never the proposer) → MOFCOM filing.
- `review_entry` is one application before the panel. Its stages are records (`Stage`, and the panel's
  decision `Entry.site_visit_required`), not a status: each stage is an action whose guard is "its
  predecessor is on record", and the entry's step is derived from what is on record (`entry_step`).
  STATIONS below is the one place where the order of the stages is stated (domain-rules.md v1.1
  "Review stages": 材料审核 → 现场答辩 → the decision on a site visit → 实地考察 when decided → scoring;
  out of order is a 409 `stage_missing`).

Services call `ROUND.check` / `ENTRY.check` after locking; pages, the API's `actions` and the casework
queue read the same tables.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from portal.errors import (
    BELOW_QUORUM,
    CONFLICT_NOT_DECLARED,
    SAME_OFFICIAL,
    SHEET_LOCKED,
    STAGE_MISSING,
    Rule,
)
from portal.roles import Role
from portal.workflow import Action, Step, Workflow

from . import rules
from .models import ConflictDeclaration, PanelMember, RoundStatus, ScoreSheet, SheetStatus
from .panel_models import AgendaItem, AgendaItemStatus, Attendance, PanelDayStatus
from .rules import ARTICLE, StageKind

BUREAU = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
SITE_VISIT_DECISION = "site_visit_decision"


# --- The stages of one application, in order ---------------------------------------------------------


class EntryStep(models.TextChoices):
    """Where an application stands before the panel: derived from the stages on record (never stored)."""

    MATERIAL_REVIEW = "material_review", _("待材料审核")
    DEFENSE = "defense", _("待现场答辩")
    SITE_VISIT_DECISION = "site_visit_decision", _("待决定是否实地考察")
    SITE_VISIT = "site_visit", _("待实地考察")
    SCORING = "scoring", _("评分中")
    CLOSED = "closed", _("评分已结束")


def _always(entry) -> bool:
    return True


def _visit_decided(entry) -> bool:
    return bool(entry.site_visit_required)


@dataclass(frozen=True)
class Station:
    """One stage of 第五条 in its place: the fact recorded, the action recording it, the step waiting for it."""

    code: str  # a StageKind, or SITE_VISIT_DECISION
    action: str
    label: str
    action_label: str
    step: str
    needed: Callable[[object], bool] = _always  # False: the stage is skipped (no visit decided)


# 办法第五条第2、3项, domain-rules.md v1.1 "Review stages": THE order. Scoring follows the last station.
STATIONS = (
    Station(StageKind.MATERIAL_REVIEW.value, "record_material_review", _("材料审核"), _("记录材料审核"),
            EntryStep.MATERIAL_REVIEW),
    Station(StageKind.DEFENSE.value, "record_defense", _("现场答辩"), _("记录现场答辩"), EntryStep.DEFENSE),
    Station(SITE_VISIT_DECISION, "decide_site_visit", _("决定是否实地考察"), _("记录是否实地考察的决定"),
            EntryStep.SITE_VISIT_DECISION),
    Station(StageKind.SITE_VISIT.value, "record_site_visit", _("实地考察"), _("记录实地考察"), EntryStep.SITE_VISIT,
            _visit_decided),
)
STATION_OF_STAGE = {s.code: s for s in STATIONS}


def on_record(entry) -> set[str]:
    """The stations on record for an entry (reads its stages: prefetch `stages` on lists)."""
    held = {str(s.stage) for s in entry.stages.all()}
    if entry.site_visit_required is not None:
        held.add(SITE_VISIT_DECISION)
    return held


def missing_before(entry, index: int | None = None) -> list[Station]:
    """The stations before STATIONS[index] (all of them when None: before scoring) not yet on record."""
    held = on_record(entry)
    before = STATIONS if index is None else STATIONS[:index]
    return [s for s in before if s.needed(entry) and s.code not in held]


def entry_step(entry) -> str:
    """The entry's step: the first station not on record, scoring after the last, closed with the round."""
    if entry.round.status != RoundStatus.OPEN:
        return EntryStep.CLOSED
    missing = missing_before(entry)
    return missing[0].step if missing else EntryStep.SCORING


def _stage_missing(missing: list[Station]) -> Rule:
    names = "、".join(str(s.label) for s in missing)
    return Rule(STAGE_MISSING.code, ARTICLE, _t("须先记录：%(stages)s（办法第五条规定的评审环节顺序）。") % {
        "stages": names})


def _predecessors_on_record(index: int):
    def guard(entry, user, today):
        missing = missing_before(entry, index)
        return _stage_missing(missing) if missing else None

    guard.__name__ = f"stages_before_{STATIONS[index].code}_on_record"
    return guard


SITE_VISIT_NOT_DECIDED = Rule(STAGE_MISSING.code, ARTICLE, _("评审小组未决定进行实地考察，不能记录实地考察。"))


def site_visit_decided_on(entry, user, today):
    """A site visit is recorded only when the panel decided to make one (第五条第3项)."""
    if entry.site_visit_required is False:
        return SITE_VISIT_NOT_DECIDED
    return None


def stages_on_record(entry, user, today):
    """Scoring follows every needed station (STAGE_MISSING)."""
    missing = missing_before(entry)
    return _stage_missing(missing) if missing else None


# --- The panel member on an application (第五条第4项) --------------------------------------------------


def _declaration(entry, user):
    return ConflictDeclaration.objects.filter(entry_id=entry.pk, member_id=user.pk).first()


def panel_member(entry, user) -> bool:
    """A member of the entry's round (reads the database)."""
    return PanelMember.objects.filter(round_id=entry.round_id, user_id=user.pk).exists()


def panel_member_without_conflict(entry, user) -> bool:
    """A member who has not declared a conflict with this application (a declared conflict is a 403)."""
    if not panel_member(entry, user):
        return False
    declaration = _declaration(entry, user)
    return declaration is None or not declaration.conflict


def not_declared_yet(entry, user, today):
    return rules.ALREADY_DECLARED if _declaration(entry, user) is not None else None


def conflict_declared(entry, user, today):
    return CONFLICT_NOT_DECLARED if _declaration(entry, user) is None else None


def own_sheet_not_submitted(entry, user, today):
    submitted = ScoreSheet.objects.filter(entry_id=entry.pk, member_id=user.pk, status=SheetStatus.SUBMITTED)
    return SHEET_LOCKED if submitted.exists() else None


def on_a_panel_day(entry, user, today):
    """Reads the database: an application on a panel day's agenda is scored at the day (its timing and
    justification recorded), not from the application's page."""
    if AgendaItem.objects.filter(entry_id=entry.pk).exclude(day__status=PanelDayStatus.SIGNED).exists():
        return rules.SCORED_AT_PANEL_DAY
    return None


_OPEN_STEPS = tuple(s for s in EntryStep.values if s != EntryStep.CLOSED)
_EXPERT = (Role.EXPERT,)

ENTRY = Workflow(
    kind="review_entry", label=_("评审申请"), state_field="review_step", states=EntryStep,
    actions=(
        # Each stage may be recorded (again) while the round is open, once the stages before it are on record.
        *(Action(station.action, station.action_label, _OPEN_STEPS, BUREAU, ARTICLE,
                 guards=(_predecessors_on_record(i),
                         *((site_visit_decided_on,) if station.code == StageKind.SITE_VISIT else ())),
                 next_actor=Role.BUREAU_OFFICER)
          for i, station in enumerate(STATIONS)),
        Action("declare_conflict", _("申报利益冲突情况"), tuple(EntryStep.values), _EXPERT, ARTICLE,
               guards=(not_declared_yet,), permitted=panel_member, waits=False),
        Action("save_sheet", _("保存评分草稿"), _OPEN_STEPS, _EXPERT, ARTICLE,
               guards=(stages_on_record, conflict_declared, own_sheet_not_submitted),
               permitted=panel_member_without_conflict, waits=False),
        Action("submit_sheet", _("提交评分表"), _OPEN_STEPS, _EXPERT, ARTICLE,
               guards=(stages_on_record, conflict_declared, own_sheet_not_submitted, on_a_panel_day),
               permitted=panel_member_without_conflict, confirm=True, next_actor=Role.BUREAU_OFFICER),
    ),
    steps=(*(Step(_("实地考察（决定考察时）") if s.needed is not _always else s.label, (s.step,)) for s in STATIONS),
           Step(_("专家评分"), (EntryStep.SCORING,)),
           Step(_("评分结束"), (EntryStep.CLOSED,))),
)


# --- The round ----------------------------------------------------------------------------------------


def has_applications_and_quorum(review_round, user, today):
    """Scoring closes with applications, each with `quorum` submitted sheets (第五条第4项; reads the database)."""
    entries = list(review_round.entries.select_related("application").annotate(
        submitted=Count("sheets", filter=Q(sheets__status=SheetStatus.SUBMITTED))))
    if not entries:
        return rules.NO_APPLICATIONS
    short = [e for e in entries if rules.below_quorum(e.submitted, review_round.quorum)]
    if short:
        return Rule(BELOW_QUORUM.code, BELOW_QUORUM.article, _t("以下申请的有效评分表不足 %(quorum)d 份：%(names)s") % {
            "quorum": review_round.quorum,
            "names": "、".join(str(e.application.reference_number or e.application.pk) for e in short)})
    return None


def _publicity(review_round):
    return getattr(review_round, "publicity", None)


def not_the_proposer(review_round, user, today):
    """Maker–checker (domain-rules.md v1.1): the head who approves or designates did not propose the list."""
    publicity = _publicity(review_round)
    if publicity is not None and publicity.proposed_by_id == user.pk:
        return SAME_OFFICIAL
    return None


def publicity_over(review_round, user, today):
    publicity = _publicity(review_round)
    if publicity is None or not rules.publicity_is_over(publicity.ends_on, today):
        return rules.PUBLICITY_NOT_OVER
    return None


def objections_answered(review_round, user, today):
    publicity = _publicity(review_round)
    if publicity is not None and publicity.objections.filter(answered_on__isnull=True).exists():
        return rules.OBJECTIONS_UNANSWERED
    return None


NO_OBJECTION_WAITING = Rule(rules.ALREADY_ANSWERED.code, ARTICLE, _("没有待答复的异议。"))


def an_objection_awaits_its_answer(review_round, user, today):
    """Reads the database: an objection lodged during 公示 still waits for the bureau's answer."""
    publicity = _publicity(review_round)
    if publicity is None or not publicity.objections.filter(answered_on__isnull=True).exists():
        return NO_OBJECTION_WAITING
    return None


S = RoundStatus
ROUND = Workflow(
    kind="review_round", label=_("评审批次"), state_field="status", states=RoundStatus,
    actions=(
        Action("add_application", _("列入评审"), (S.OPEN,), BUREAU, ARTICLE, waits=False),
        Action("add_member", _("加入评审小组"), (S.OPEN,), BUREAU, ARTICLE, waits=False),
        Action("close_scoring", _("结束评分并计算得分"), (S.OPEN,), BUREAU, ARTICLE, target=S.SCORING_CLOSED,
               guards=(has_applications_and_quorum,), confirm=True, next_actor=Role.BUREAU_OFFICER),
        Action("propose_publicity", _("拟定公示名单"), (S.SCORING_CLOSED,), BUREAU, ARTICLE,
               target=S.PUBLICITY_PROPOSED, next_actor=Role.BUREAU_HEAD),
        Action("approve_publicity", _("批准发布公示"), (S.PUBLICITY_PROPOSED,), (Role.BUREAU_HEAD,), ARTICLE,
               target=S.PUBLICITY, guards=(not_the_proposer,), countersigned=True, next_actor=Role.BUREAU_OFFICER),
        Action("answer_objection", _("答复异议"), (S.PUBLICITY,), BUREAU, ARTICLE,
               guards=(an_objection_awaits_its_answer,)),
        # Favourable (no rights paragraph); the applications left out are refused through casework, with the
        # official who proposed the list as maker and this head as checker (applications.application_refused).
        Action("designate", _("确定试点企业"), (S.PUBLICITY,), (Role.BUREAU_HEAD,), ARTICLE,
               target=S.DESIGNATED, guards=(publicity_over, objections_answered, not_the_proposer),
               countersigned=True, next_actor=Role.BUREAU_OFFICER),
        Action("file_with_mofcom", _("报商务部备案"), (S.DESIGNATED,), BUREAU, ARTICLE, target=S.FILED),
    ),
    steps=(
        Step(_("材料审核、答辩与评分"), (S.OPEN,)),
        Step(_("评分汇总"), (S.SCORING_CLOSED,)),
        Step(_("公示审批"), (S.PUBLICITY_PROPOSED,)),
        Step(_("公示"), (S.PUBLICITY,)),
        Step(_("确定试点企业"), (S.DESIGNATED,)),
        Step(_("报商务部备案"), (S.FILED,)),
    ),
)


# --- The panel day (答辩会, 第五条 审核答辩; issue 24) -------------------------------------------------------
# The day: agenda set by the bureau → session (attendance recorded) → closed → minutes signed (then locked in
# the database). Each agenda item: waiting → open (the applicant defends, the panel reads and scores) → closed.


def agenda_not_empty(day, user, today):
    """Reads the database: a session needs an agenda."""
    return rules.AGENDA_EMPTY if not day.items.exists() else None


def every_item_closed(day, user, today):
    """Reads the database: the session ends when every item of the agenda is closed."""
    return rules.ITEMS_NOT_CLOSED if day.items.exclude(status=AgendaItemStatus.CLOSED).exists() else None


D = PanelDayStatus
PANEL_DAY = Workflow(
    kind="panel_day", label=_("答辩会"), state_field="status", states=PanelDayStatus,
    actions=(
        Action("set_agenda", _("编排答辩议程"), (D.PLANNED,), BUREAU, ARTICLE, waits=False),
        Action("start_session", _("登记出席并开始答辩会"), (D.PLANNED,), BUREAU, ARTICLE, target=D.IN_SESSION,
               guards=(agenda_not_empty,), next_actor=Role.BUREAU_OFFICER),
        Action("close_session", _("结束答辩会并生成会议纪要"), (D.IN_SESSION,), BUREAU, ARTICLE, target=D.CLOSED,
               guards=(every_item_closed,), confirm=True, next_actor=Role.BUREAU_OFFICER),
        Action("sign_minutes", _("签署会议纪要"), (D.CLOSED,), BUREAU, ARTICLE, target=D.SIGNED, confirm=True),
    ),
    steps=(
        Step(_("编排议程"), (D.PLANNED,)),
        Step(_("答辩与评分"), (D.IN_SESSION,)),
        Step(_("会议纪要"), (D.CLOSED,)),
        Step(_("纪要已签署"), (D.SIGNED,)),
    ),
)


def present_member_ids(day) -> set[int]:
    return set(Attendance.objects.filter(day_id=day.pk, present=True).values_list("member_id", flat=True))


def conflicted_member_ids(entry) -> set[int]:
    return set(ConflictDeclaration.objects.filter(entry_id=entry.pk, conflict=True).values_list("member_id", flat=True))


def expected_scorers(item) -> set[int]:
    """The members who score an item: those present at the day who declared no conflict with it (reads the db)."""
    return present_member_ids(item.day) - conflicted_member_ids(item.entry)


def submitted_member_ids(entry) -> set[int]:
    return set(ScoreSheet.objects.filter(entry_id=entry.pk, status=SheetStatus.SUBMITTED)
               .values_list("member_id", flat=True))


def day_in_session(item, user, today):
    return rules.NOT_ON_AGENDA if item.day.status != PanelDayStatus.IN_SESSION else None


def no_other_item_open(item, user, today):
    """Reads the database: the panel hears one applicant at a time."""
    others = AgendaItem.objects.filter(day_id=item.day_id, status=AgendaItemStatus.OPEN).exclude(pk=item.pk)
    return rules.ITEM_OPEN_ELSEWHERE if others.exists() else None


def quorum_present(item, user, today):
    """第五条第4项, reads the database: enough members present without a declared conflict to hear the item."""
    quorum = item.entry.round.quorum
    if rules.below_quorum(len(expected_scorers(item)), quorum):
        return Rule(BELOW_QUORUM.code, BELOW_QUORUM.article,
                    _t("出席且未回避的评审专家不足 %(quorum)d 人，本项不能开始。") % {"quorum": quorum})
    return None


def material_review_on_record(item, user, today):
    """The defense follows the material review (the stations' order, STATIONS)."""
    missing = missing_before(item.entry, 1)
    return _stage_missing(missing) if missing else None


def every_scorer_submitted(item, user, today):
    """Reads the database: an item closes once every present member without a conflict submitted a sheet."""
    return rules.SHEETS_OUTSTANDING if expected_scorers(item) - submitted_member_ids(item.entry) else None


def quorum_submitted(item, user, today):
    """第五条第4项, reads the database: at least `quorum` sheets submitted for the item."""
    quorum = item.entry.round.quorum
    if rules.below_quorum(len(submitted_member_ids(item.entry)), quorum):
        return Rule(BELOW_QUORUM.code, BELOW_QUORUM.article,
                    _t("有效评分表不足 %(quorum)d 份，本项不能结束。") % {"quorum": quorum})
    return None


def present_without_conflict(item, user) -> bool:
    """A member present at the day who has not declared a conflict with the item (otherwise a 403)."""
    return (Attendance.objects.filter(day_id=item.day_id, member_id=user.pk, present=True).exists()
            and not ConflictDeclaration.objects.filter(entry_id=item.entry_id, member_id=user.pk, conflict=True)
            .exists())


def item_stages_on_record(item, user, today):
    return stages_on_record(item.entry, user, today)


def item_conflict_declared(item, user, today):
    return conflict_declared(item.entry, user, today)


def item_sheet_not_submitted(item, user, today):
    return own_sheet_not_submitted(item.entry, user, today)


A = AgendaItemStatus
PANEL_ITEM = Workflow(
    kind="panel_item", label=_("答辩议程项目"), state_field="status", states=AgendaItemStatus,
    actions=(
        # Opening the item records the 现场答辩 stage (the applicant defends before the panel).
        Action("open_item", _("开始本项答辩"), (A.WAITING,), BUREAU, ARTICLE, target=A.OPEN,
               guards=(day_in_session, no_other_item_open, material_review_on_record, quorum_present),
               next_actor=Role.EXPERT),
        Action("submit_item_sheet", _("提交评分表"), (A.OPEN,), _EXPERT, ARTICLE,
               guards=(item_stages_on_record, item_conflict_declared, item_sheet_not_submitted),
               permitted=present_without_conflict, confirm=True, next_actor=Role.BUREAU_OFFICER),
        Action("close_item", _("结束本项答辩评分"), (A.OPEN,), BUREAU, ARTICLE, target=A.CLOSED,
               guards=(every_scorer_submitted, quorum_submitted), confirm=True, next_actor=Role.BUREAU_OFFICER),
    ),
    steps=(Step(_("待答辩"), (A.WAITING,)), Step(_("答辩评分中"), (A.OPEN,)), Step(_("本项已结束"), (A.CLOSED,))),
)

