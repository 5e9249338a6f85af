"""Date arithmetic used by every deadline (domain-rules.md "Dates and deadlines")."""

import calendar
from datetime import date


def add_months(d: date, months: int) -> date:
    """The same day n months later, or that month's last day when it has no such day.

    2025-12-31 + 2 months = 2026-02-28; 2024-01-31 + 1 month = 2024-02-29.
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years(d: date, years: int) -> date:
    """Anniversary n years later; 29 February becomes 28 February (报废规定 scrap dates)."""
    return add_months(d, 12 * years)
