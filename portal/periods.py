"""Legal periods (期间): the one rule every letter, case, clock, answer period and 补正 deadline uses.

api.md v1.1 "Legal periods": `start` is the day of the act (service, receipt, decision) and is not
counted; the period begins the next day (民法典第二百零一条, 民事诉讼法第八十五条).
- `days`: calendar days; `months`: add_months(start, N); a period of either kind whose last day is
  a rest day ends on the next working day (民法典第二百零三条; adjusted working weekends are
  working days).
- `working_days`: the N-th working day after `start`.
Days are judged on the portal's working-day calendar (portal.workdays); a day the table does not
cover is counted Monday–Friday and the answer is marked provisional.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .dates import add_months
from .workdays import WorkingCalendar

FIRST_YEAR, LAST_YEAR = 1950, 2100


class PeriodUnit:
    DAYS = "days"
    MONTHS = "months"
    WORKING_DAYS = "working_days"
    ALL = (DAYS, MONTHS, WORKING_DAYS)


@dataclass(frozen=True)
class LegalPeriod:
    start: date  # the day of the act, not counted
    unit: str
    n: int
    ends_on: date
    provisional: bool
    moved_from: date | None = None  # a days/months period whose last day was a rest day
    begins_on: date | None = None  # working days: the first working day counted
    skipped: tuple[tuple[date, str], ...] = ()  # working days: rest days inside the period, with the reason
    adjusted_working_days: tuple[date, ...] = ()  # working days: weekend days counted as working days


def _next_working_day(d: date, calendar: WorkingCalendar) -> tuple[date, bool]:
    provisional = False
    while True:
        provisional |= not calendar.covers(d)
        if calendar.is_working_day(d):
            return d, provisional
        d += timedelta(days=1)


def legal_period(start: date, *, days: int | None = None, months: int | None = None,
                 working_days: int | None = None, calendar: WorkingCalendar | None = None) -> LegalPeriod:
    """The last day of a legal period counted from the act on `start` (api.md v1.1 "Legal periods").

    Exactly one of days / months / working_days, at least 1; `start` within 1950–2100. Bad input
    raises ValidationError naming the field.
    """
    given = {unit: n for unit, n in ((PeriodUnit.DAYS, days), (PeriodUnit.MONTHS, months),
                                     (PeriodUnit.WORKING_DAYS, working_days)) if n is not None}
    if len(given) != 1:
        raise ValidationError({"days": [_("请只给出一种期间单位：days、months 或 working_days。")]})
    (unit, n), = given.items()
    if n < 1:
        raise ValidationError({unit: [_("期间至少为 1。")]})
    if not FIRST_YEAR <= start.year <= LAST_YEAR:
        raise ValidationError({"from": [_("日期须在 1950 年至 2100 年之间。")]})
    if unit == PeriodUnit.WORKING_DAYS:
        horizon = start + timedelta(days=n * 2 + 40)
        calendar = calendar or WorkingCalendar.load(start.year, horizon.year)
        current, counted, provisional, begins_on = start, 0, False, None
        skipped, adjusted = [], []
        while counted < n:
            current += timedelta(days=1)
            provisional |= not calendar.covers(current)
            if calendar.is_working_day(current):
                counted += 1
                begins_on = begins_on or current
                if current.weekday() >= 5:
                    adjusted.append(current)
            else:
                skipped.append((current, calendar.names.get(current) or ("周末" if current.weekday() >= 5 else "")))
        return LegalPeriod(start, unit, n, current, provisional, begins_on=begins_on, skipped=tuple(skipped),
                           adjusted_working_days=tuple(adjusted))
    last = start + timedelta(days=n) if unit == PeriodUnit.DAYS else add_months(start, n)
    calendar = calendar or WorkingCalendar.load(last.year, last.year + 1)
    ends_on, provisional = _next_working_day(last, calendar)
    return LegalPeriod(start, unit, n, ends_on, provisional, moved_from=last if ends_on != last else None)


def period_end(start: date, **unit) -> date:
    """legal_period(...).ends_on."""
    return legal_period(start, **unit).ends_on
