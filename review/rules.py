"""The review rules of 办法第五条 as pure functions over plain values.

Every refusal names its code and article through the one table below (REFUSALS) or the generic
codes of api.md in portal.errors.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.errors import (
    BELOW_QUORUM,
    CONFLICT_NOT_DECLARED,
    NOT_ACCEPTED,
    SAME_OFFICIAL,
    SHEET_LOCKED,
    STAGE_MISSING,
    Rule,
)
from portal.policy import BY_KEY as POLICY_PARAMETERS
from portal.policy import register_key_labels

ARTICLE = _("办法第五条")


class Criterion(models.TextChoices):
    """办法第五条第4项: the eight aspects the panel scores (满分 100)."""

    BASIC_CONDITIONS = "basic_conditions", _("申请试点企业基本条件")
    BUSINESS_PLAN = "business_plan", _("业务发展规划")
    SOURCING_CAPACITY = "sourcing_capacity", _("车源整合能力")
    SUPPORTING_SERVICES = "supporting_services", _("配套服务企业")
    OVERSEAS_CHANNELS = "overseas_channels", _("海外贸易渠道")
    PARTS_AFTERSALES = "parts_aftersales", _("配件供应及售后服务保障")
    TRACEABILITY = "traceability", _("二手车交易和质量信息追溯")
    NEW_TRADE_FORMATS = "new_trade_formats", _("外贸新业态拓展")


# domain-rules.md "Review": the default split (15/15/15/10/15/10/10/10 in version 1) is policy, as are the quorum,
# the comment share, the outlier margin and the 公示 length (portal.policy, issue 24): a round takes them from
# the version in force on the day it is created, and may change the split (the maxima sum to 100).
assert set(POLICY_PARAMETERS["review_criteria"].initial) == set(Criterion.values)
register_key_labels("review_criteria", Criterion.choices)
FULL_MARKS = Decimal(100)
TWO_PLACES = Decimal("0.01")
ONE_PLACE = Decimal("0.1")


class StageKind(models.TextChoices):
    """The stages of 第五条 recorded per application (their order: review.workflow.STATIONS)."""

    MATERIAL_REVIEW = "material_review", _("材料审核")
    DEFENSE = "defense", _("现场答辩")
    SITE_VISIT = "site_visit", _("实地考察")


# Codes this app adds to those of api.md (portal.errors); one table for all of review's refusals.
ALREADY_DECLARED = Rule("already_declared", ARTICLE, _("已就该申请申报过利益冲突情况，每位评审专家只能申报一次。"))
ALREADY_IN_ROUND = Rule("already_in_round", ARTICLE, _("该申请已列入评审批次。"))
ROUND_NOT_OPEN = Rule("round_not_open", ARTICLE, _("该评审批次已结束评分，不能再修改。"))
SCORING_NOT_CLOSED = Rule("scoring_not_closed", ARTICLE, _("评分尚未结束。"))
NO_APPLICATIONS = Rule("no_applications", ARTICLE, _("该评审批次没有申请。"))
NOTHING_PROPOSED = Rule("nothing_proposed", ARTICLE, _("拟公示名单不能为空。"))
PUBLICITY_NOT_PROPOSED = Rule("publicity_not_proposed", ARTICLE, _("尚无待批准的公示。"))
PUBLICITY_NOT_OVER = Rule("publicity_not_over", ARTICLE, _("公示期尚未结束，不能确定试点企业。"))
PUBLICITY_NOT_OPEN = Rule("publicity_not_open", ARTICLE, _("不在公示期内，不能提出异议。"))
OBJECTIONS_UNANSWERED = Rule("objections_unanswered", ARTICLE, _("公示期内的异议尚未全部答复。"))
ALREADY_ANSWERED = Rule("already_answered", ARTICLE, _("该异议已答复。"))
NOT_PUBLISHED = Rule("not_published", ARTICLE, _("公示尚未经负责人批准发布。"))

REFUSALS = {
    rule.code: rule
    for rule in (
        NOT_ACCEPTED,
        STAGE_MISSING,
        CONFLICT_NOT_DECLARED,
        SHEET_LOCKED,
        BELOW_QUORUM,
        SAME_OFFICIAL,
        ALREADY_DECLARED,
        ALREADY_IN_ROUND,
        ROUND_NOT_OPEN,
        SCORING_NOT_CLOSED,
        NO_APPLICATIONS,
        NOTHING_PROPOSED,
        PUBLICITY_NOT_PROPOSED,
        PUBLICITY_NOT_OVER,
        PUBLICITY_NOT_OPEN,
        OBJECTIONS_UNANSWERED,
        ALREADY_ANSWERED,
        NOT_PUBLISHED,
    )
}


# --- The criteria split (第五条第4项: 满分为100分) -------------------------------------------------


def criteria_split_errors(criteria: Mapping[str, object]) -> list[str]:
    """Why a split is unacceptable (empty when it is fine): known codes, whole maxima, sum 100."""
    errors = []
    unknown = sorted(set(criteria) - set(Criterion.values))
    if unknown:
        errors.append(str(_("未知的评分项：%(codes)s")) % {"codes": ", ".join(unknown)})
    missing = sorted(set(Criterion.values) - set(criteria))
    if missing:
        errors.append(str(_("缺少评分项：%(codes)s")) % {"codes": ", ".join(missing)})
    total = Decimal(0)
    for code, maximum in criteria.items():
        value = as_decimal(maximum)
        if value is None or value <= 0 or value != value.to_integral_value():
            errors.append(str(_("评分项 %(code)s 的满分须为正整数。")) % {"code": code})
        else:
            total += value
    if not errors and total != FULL_MARKS:
        errors.append(str(_("各评分项满分之和须为100分（现为 %(total)s 分）。")) % {"total": total})
    return errors


def as_decimal(value) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


# --- The scoring sheet (第五条第4项) -----------------------------------------------------------------


def points_errors(criteria: Mapping[str, int], points: Mapping[str, object], *, complete: bool) -> dict[str, str]:
    """Per criterion code, what is wrong with the points given: 0..max, at most one decimal.

    `complete` (a submission) also needs every criterion scored.
    """
    errors = {}
    for code, value in points.items():
        if code not in criteria:
            errors[code] = str(_("该评审批次没有此评分项。"))
            continue
        number = as_decimal(value)
        if number is None:
            errors[code] = str(_("请填写数字。"))
        elif number < 0 or number > Decimal(criteria[code]):
            errors[code] = str(_("分值须在 0 至 %(max)s 分之间。")) % {"max": criteria[code]}
        elif number != number.quantize(ONE_PLACE):
            errors[code] = str(_("分值最多保留一位小数。"))
    if complete:
        for code in criteria:
            if code not in points and code not in errors:
                errors[code] = str(_("提交前须为每个评分项打分。"))
    return errors


def needs_comment(criteria: Mapping[str, int], points: Mapping[str, Decimal], share: Decimal) -> bool:
    """A criterion scored below `share` of its maximum needs the member's comment."""
    return any(Decimal(points[c]) < Decimal(criteria[c]) * share for c in points if c in criteria)


def sheet_total(points: Mapping[str, Decimal]) -> Decimal:
    return sum((Decimal(v) for v in points.values()), Decimal(0)).quantize(ONE_PLACE)


# --- Results (第五条第4项: 最终得分取评审小组成员评分的平均分) -------------------------------------


def mean_half_up(values: Iterable[Decimal]) -> Decimal | None:
    """Arithmetic mean rounded half-up to 2 decimals, in Decimal (85.025 → 85.03)."""
    values = [Decimal(v) for v in values]
    if not values:
        return None
    return (sum(values, Decimal(0)) / Decimal(len(values))).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Result:
    final_score: Decimal | None
    per_criterion: dict[str, Decimal]
    spread: dict[str, Decimal]
    total_spread: Decimal | None
    outliers: tuple[object, ...]  # the keys of the sheets whose total is too far from the mean


def compute_result(sheets: Mapping[object, Mapping[str, Decimal]], criteria: Iterable[str], margin: Decimal) -> Result:
    """The panel's result for one application from its submitted sheets ({key: {code: points}})."""
    criteria = list(criteria)
    totals = {key: sheet_total(points) for key, points in sheets.items()}
    final = mean_half_up(totals.values())
    per_criterion, spread = {}, {}
    for code in criteria:
        values = [Decimal(points[code]) for points in sheets.values() if code in points]
        if values:
            per_criterion[code] = mean_half_up(values)
            spread[code] = max(values) - min(values)
    outliers = tuple(key for key, total in totals.items() if final is not None and abs(total - final) > margin)
    total_spread = (max(totals.values()) - min(totals.values())) if totals else None
    return Result(final, per_criterion, spread, total_spread, outliers)


def below_quorum(submitted: int, quorum: int) -> bool:
    return submitted < quorum


# --- Stages (第五条第2、3项): their order is declared once, in review/workflow.py (STATIONS). ---------------


# --- 公示 and designation (第五条第5项) -----------------------------------------------------------


def publicity_is_open(starts_on: date, ends_on: date, today: date) -> bool:
    return starts_on <= today <= ends_on


def publicity_is_over(ends_on: date, today: date) -> bool:
    return today > ends_on


def publicity_outcome(objections: int, answered: int) -> str:
    """办法第五条: what the result letter says of the 公示 — 无异议 only when no objection was lodged;
    otherwise how many were lodged and that they were answered (designation waits for every answer)."""
    if objections == 0:
        return str(_("并经公示无异议"))
    if answered == objections:
        return str(_("公示期间收到异议%(n)d件，均已答复") % {"n": objections})
    return str(_("公示期间收到异议%(n)d件，已答复%(a)d件") % {"n": objections, "a": answered})


# --- The panel day (第五条 审核答辩) --------------------------------------------------------------------

# Its two thresholds are policy parameters (portal/policy.py), read from the version in force on the day.
def panel_outlier_distance(policy) -> Decimal:
    """第五条 (答辩会): a total further than this from the median of the others' submitted totals needs a
    justification. `policy`: the version in force on the panel day."""
    return policy["panel_outlier_distance"]


def panel_minimum_reading_seconds(policy) -> int:
    """第五条 (答辩会): a sheet submitted sooner than this after its item opened is flagged to the chair."""
    return int(policy["panel_minimum_reading_minutes"]) * 60


def median(values: Iterable[Decimal]) -> Decimal | None:
    values = sorted(Decimal(v) for v in values)
    if not values:
        return None
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return ((values[middle - 1] + values[middle]) / 2).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def needs_justification(total: Decimal, others: Iterable[Decimal], distance: Decimal) -> tuple[bool, Decimal | None]:
    """第五条第4项, issue 24: (whether the total is further than `distance` from the median of the others'
    submitted totals, that median). The first sheet has no others and needs none."""
    middle = median(others)
    return (middle is not None and abs(Decimal(total) - middle) > distance), middle


def read_too_fast(seconds: float, minimum_seconds: int) -> bool:
    """A sheet submitted sooner than the minimum reading time after its item opened (flagged, not refused)."""
    return seconds < minimum_seconds


def spread_of(totals: Iterable[Decimal]) -> Decimal | None:
    totals = [Decimal(t) for t in totals]
    return (max(totals) - min(totals)) if totals else None


NOT_ON_AGENDA = Rule("not_on_agenda", ARTICLE, _("该申请不在本次答辩会议程中，或答辩尚未开始。"))
AGENDA_EMPTY = Rule("agenda_empty", ARTICLE, _("答辩会议程为空，不能开始。"))
ITEMS_NOT_CLOSED = Rule("items_not_closed", ARTICLE, _("议程中仍有未结束的答辩项目。"))
ITEM_OPEN_ELSEWHERE = Rule("item_open_elsewhere", ARTICLE, _("另一议程项目正在答辩评分，请先结束该项目。"))
SHEETS_OUTSTANDING = Rule("sheets_outstanding", ARTICLE, _("尚有未回避的出席专家未提交评分表。"))
NOT_PRESENT = Rule("not_present", ARTICLE, _("您未登记出席本次答辩会，不能评分。"))
REFUSALS.update({rule.code: rule for rule in (NOT_ON_AGENDA, AGENDA_EMPTY, ITEMS_NOT_CLOSED, ITEM_OPEN_ELSEWHERE,
                                              SHEETS_OUTSTANDING, NOT_PRESENT)})
SCORED_AT_PANEL_DAY = Rule("scored_at_panel_day", ARTICLE, _("该申请已列入答辩会议程，请在答辩会上评分。"))
REFUSALS[SCORED_AT_PANEL_DAY.code] = SCORED_AT_PANEL_DAY
