"""The working-day calendar (工作日), kept in the portal's own table.

domain-rules.md: statutory holidays and adjusted working weekends come from the table, pre-filled
from chinesecalendar for the years it covers and maintained by the bureau in the admin. For a year
the table does not cover the portal counts Monday–Friday and marks the answer provisional.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from .models import CalendarDay, CalendarYear


@dataclass
class WorkingCalendar:
    """The table, loaded once for the years a computation touches."""

    covered_years: set[int]
    exceptions: dict[date, bool]  # date -> is_working_day
    names: dict[date, str] = field(default_factory=dict)

    @classmethod
    def load(cls, first_year: int, last_year: int) -> "WorkingCalendar":
        years = set(CalendarYear.objects.filter(year__range=(first_year, last_year)).values_list("year", flat=True))
        rows = CalendarDay.objects.filter(date__year__gte=first_year, date__year__lte=last_year).values_list(
            "date", "is_working_day", "name"
        )
        exceptions, names = {}, {}
        for d, working, name in rows:
            exceptions[d] = working
            names[d] = name
        return cls(years, exceptions, names)

    def covers(self, d: date) -> bool:
        return d.year in self.covered_years

    def is_working_day(self, d: date) -> bool:
        if d.year in self.covered_years and d in self.exceptions:
            return self.exceptions[d]
        return d.weekday() < 5


@dataclass(frozen=True)
class WorkingPeriod:
    start: date
    days: int
    begins_on: date
    ends_on: date
    provisional: bool
    skipped: tuple[tuple[date, str], ...]  # non-working days inside the period, with the reason
    adjusted_working_days: tuple[date, ...]  # weekend days counted as working days


def working_period(start: date, days: int, calendar: WorkingCalendar | None = None) -> WorkingPeriod:
    """A period of N working days starting on `start`.

    It begins on `start` when that is a working day, else on the next working day, and ends on
    its N-th working day: 5 working days from Mon 2026-09-28 end on Fri 2026-10-09.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    # Generous upper bound for loading: holidays never exceed a few weeks per year.
    horizon = start + timedelta(days=days * 2 + 40)
    calendar = calendar or WorkingCalendar.load(start.year, horizon.year)
    current, counted, provisional = start, 0, False
    skipped, adjusted = [], []
    begins_on = None
    while True:
        if not calendar.covers(current):
            provisional = True
        if calendar.is_working_day(current):
            counted += 1
            begins_on = begins_on or current
            if current.weekday() >= 5:
                adjusted.append(current)
            if counted == days:
                break
        else:
            skipped.append((current, calendar.names.get(current) or ("周末" if current.weekday() >= 5 else "")))
        current += timedelta(days=1)
    return WorkingPeriod(start, days, begins_on, current, provisional, tuple(skipped), tuple(adjusted))


def add_working_days(start: date, days: int) -> date:
    return working_period(start, days).ends_on


def is_working_day(d: date) -> bool:
    return WorkingCalendar.load(d.year, d.year).is_working_day(d)


def uncovered_years(first_year: int, last_year: int) -> list[int]:
    covered = set(CalendarYear.objects.filter(year__range=(first_year, last_year)).values_list("year", flat=True))
    return [y for y in range(first_year, last_year + 1) if y not in covered]


def fill_from_chinesecalendar(years) -> list[int]:
    """Copy chinesecalendar's holidays and adjusted working days into the table.

    chinesecalendar raises NotImplementedError for years it does not know (it stops at 2026);
    those years are left out and reported back.
    """
    import chinese_calendar

    filled = []
    for year in years:
        first, last = date(year, 1, 1), date(year, 12, 31)
        try:
            chinese_calendar.is_workday(first)
        except NotImplementedError:
            continue
        holidays = chinese_calendar.get_holiday_detail
        day = first
        while day <= last:
            working = chinese_calendar.is_workday(day)
            if working != (day.weekday() < 5):
                on_holiday, name = holidays(day)
                CalendarDay.objects.update_or_create(
                    date=day, defaults={"is_working_day": working, "name": _holiday_name(name, working)}
                )
            day += timedelta(days=1)
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "chinesecalendar"})
        filled.append(year)
    return filled


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def _holiday_name(name, working: bool) -> str:
    label = _HOLIDAY_NAMES.get(str(name), str(name or ""))
    return f"{label}调休上班" if working else label
