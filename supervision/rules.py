"""Supervision rules as pure functions, each naming its article (实施方案三(四), 五(三); 办法第四条).

The deadlines of 办法第六、八条 and 第十二条第2项 are compliance's (compliance.rules, evaluated by
its sweep into Obligation rows); supervision reads those rows and never recomputes them.

Codes, articles and messages come from the table below; services raise them as RuleRefused.
"""

import calendar
import re
import statistics
from datetime import date

from django.utils.translation import gettext_lazy as _

from portal.dates import add_months
from portal.errors import Rule

from .models import ComplaintStatus, Severity

COMPLAINT_ARTICLE = "实施方案三(四)"

COMPLAINT_WRONG_STATUS = Rule(
    "complaint_wrong_status", COMPLAINT_ARTICLE, _("投诉当前状态为“%(status)s”，不能办理此操作。")
)
COMPLAINT_NOT_ASSIGNED_TO_YOU = Rule(
    "complaint_not_assigned_to_you", COMPLAINT_ARTICLE, _("该投诉未交由本企业办理。")
)
COMPLAINT_NOT_SERIOUS = Rule(
    "complaint_not_serious", COMPLAINT_ARTICLE, _("只有分级为“重大”的投诉才能提请撤销试点资格。")
)
COMPLAINT_REVOCATION_ALREADY_REQUESTED = Rule(
    "complaint_revocation_already_requested", "办法第十二条", _("已就该投诉提请撤销试点资格。")
)

OPEN_STATUSES = (
    ComplaintStatus.RECEIVED, ComplaintStatus.TRIAGED, ComplaintStatus.ASSIGNED, ComplaintStatus.ESCALATED,
    ComplaintStatus.ANSWERED,
)


def is_answer_overdue(due_on: date | None, answered_on: date | None, today: date) -> bool:
    """实施方案三(四) (domain-rules "Dates and deadlines"): met by an answer on or before the due
    date; overdue from the day after."""
    return due_on is not None and answered_on is None and today > due_on


def may_request_revocation(severity: str) -> bool:
    """实施方案三(四): "对于出现重大问题的企业，取消试点资格" — only a serious complaint."""
    return severity == Severity.SERIOUS


def pilot_year_bounds(designated_on: date, year_index: int) -> tuple[date, date]:
    """办法第四条 plan targets are per year of the pilot: year k runs from designation + (k−1)
    years up to (excluding) designation + k years."""
    return add_months(designated_on, 12 * (year_index - 1)), add_months(designated_on, 12 * year_index)


def median(values) -> float | None:
    """实施方案五(三) statistics: the median of a small, already-selected set of numbers."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def share(part: int, whole: int) -> float | None:
    """A percentage rounded to one decimal, or None when there is nothing to divide."""
    return round(100.0 * part / whole, 1) if whole else None


_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)


def quarter_bounds(text: str) -> tuple[date, date] | None:
    """实施方案五(三) quarterly evaluation: "2026-Q3" → (2026-07-01, 2026-09-30)."""
    match = _QUARTER.match((text or "").strip())
    if not match:
        return None
    year, quarter = int(match.group(1)), int(match.group(2))
    last_month = 3 * quarter
    return date(year, last_month - 2, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


# --- Personal data (个人信息保护法): masked in lists and never shown on public pages ----------


def mask_name(name: str) -> str:
    """张三丰 → 张**; Alice Smith → A**** S****."""
    name = (name or "").strip()
    if not name:
        return ""
    if re.search(r"[A-Za-z]", name):
        return " ".join(part[0] + "*" * max(len(part) - 1, 1) for part in name.split())
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; short numbers keep only their last two digits."""
    phone = (phone or "").strip()
    if len(phone) >= 11:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * max(len(phone) - 2, 0) + phone[-2:]


def mask_email(email: str) -> str:
    """buyer@example.com → b***@example.com."""
    email = (email or "").strip()
    if "@" not in email:
        return mask_name(email)
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"


# --- Plan targets (办法第四条); the deadlines of 第六、八条 and 第十二条第2项 are compliance.rules --------


def _number(value, kind=int):
    try:
        return kind(str(value).replace(",", "")) if value not in (None, "") else None
    except (ValueError, ArithmeticError):
        return None


def plan_targets(export_targets, designated_on: date) -> list[dict]:
    """办法第四条: the business plan's export targets per year, as windows to count exports in.

    Accepts a list of {"year", "count" (or "vehicles"/"quantity"), "value" (or "amount")}: a
    `year` below 100 is a year of the pilot (1 = the first 12 months after designation), a larger
    one a calendar year. A dict {"2026": {...}} is read the same way.
    """
    from decimal import Decimal

    items = export_targets or []
    if isinstance(items, dict):
        items = [{"year": k, **(v if isinstance(v, dict) else {"count": v})} for k, v in items.items()]
    targets = []
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            continue
        year = _number(item.get("year"), int) or position
        count = _number(next((item[k] for k in ("count", "vehicles", "quantity") if k in item), None), int)
        value = _number(next((item[k] for k in ("value", "amount") if k in item), None), Decimal)
        if year < 100:
            start, end = pilot_year_bounds(designated_on, year)
            label = _("第%(n)d年") % {"n": year}
            end = date.fromordinal(end.toordinal() - 1)
        else:
            start, end, label = date(year, 1, 1), date(year, 12, 31), str(year)
        targets.append({"label": str(label), "start": start, "end": end, "count": count, "value": value})
    return targets
