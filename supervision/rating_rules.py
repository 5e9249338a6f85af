"""好差评 rules as pure functions (国办发〔2019〕51号《关于建立政务服务“好差评”制度提高政务服务水平的意见》).

- Five levels, 非常满意 … 非常不满意 (scores 5 … 1); 不满意 and 非常不满意 (1–2) are 差评, the other three
  (基本满意 included) 好评, so the two shares add up to the whole.
- One rating per service (一事一评).
- A 差评 is followed up (整改、回访) and the rater is answered within RATING_FOLLOW_UP_WORKING_DAYS working
  days (default 15, settings.PORTAL may change it), counted as every legal period is (portal.periods).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.errors import Rule

ARTICLE = "国办发〔2019〕51号"
FOLLOW_UP_WORKING_DAYS = 15

SCORE_LABELS = {
    5: _("非常满意"), 4: _("满意"), 3: _("基本满意"), 2: _("不满意"), 1: _("非常不满意"),
}
COMMENT_MAX = 1000

RATED_ALREADY = Rule("rating_already_given", ARTICLE, _("该服务事项已评价，每项服务只能评价一次。"))
NOT_COMPLETED = Rule("rating_service_not_completed", ARTICLE, _("该服务事项尚未办结，办结后才能评价。"))
FOLLOW_UP_WRONG_STATUS = Rule("follow_up_wrong_status", ARTICLE, _("该差评回访当前状态为“%(status)s”，不能办理此操作。"))


def is_bad(score: int) -> bool:
    """国办发〔2019〕51号: 不满意 and 非常不满意 are 差评."""
    return score <= 2


def is_good(score: int) -> bool:
    """国办发〔2019〕51号: 非常满意, 满意 and 基本满意 are 好评."""
    return score >= 3


def valid_score(score) -> bool:
    return isinstance(score, int) and not isinstance(score, bool) and 1 <= score <= 5


def follow_up_working_days() -> int:
    """国办发〔2019〕51号: a 差评 is answered within 15 working days (the setting may change it)."""
    return int(settings.PORTAL.get("RATING_FOLLOW_UP_WORKING_DAYS", FOLLOW_UP_WORKING_DAYS))


def resolved_on_time(due_on: date, resolved_on: date | None) -> bool:
    """A deadline is met by an act on or before the due date (domain-rules "Dates and deadlines")."""
    return resolved_on is not None and resolved_on <= due_on


def share(part: int, whole: int) -> Decimal | None:
    """A percentage rounded half-up to one decimal; None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def mean(total: int, count: int) -> Decimal | None:
    """The mean score rounded half-up to two decimals (as the review's scores are)."""
    if not count:
        return None
    return (Decimal(total) / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class MonthFigures:
    month: str  # "2026-12"
    count: int
    mean: Decimal | None
    good: int
    bad: int
    good_share: Decimal | None
    bad_share: Decimal | None
    follow_ups: int  # opened by the month's 差评
    on_time: int  # of those, answered by their due date
    late: int  # answered after the due date, or still open past it
    pending: int  # open and not yet due
    on_time_share: Decimal | None  # of the follow-ups already judged (on time + late)


def month_figures(month: str, scores: list[int], follow_ups: list[tuple[date, date | None]], today: date) -> MonthFigures:
    """The month's figures from its ratings' scores and its follow-ups' (due, resolved) dates."""
    good = sum(1 for s in scores if is_good(s))
    bad = sum(1 for s in scores if is_bad(s))
    on_time = sum(1 for due, done in follow_ups if resolved_on_time(due, done))
    late = sum(1 for due, done in follow_ups if (done is not None and done > due) or (done is None and due < today))
    pending = len(follow_ups) - on_time - late
    return MonthFigures(month, len(scores), mean(sum(scores), len(scores)), good, bad, share(good, len(scores)),
                        share(bad, len(scores)), len(follow_ups), on_time, late, pending, share(on_time, on_time + late))
