"""Rules of the emergency response (实施方案三(四), 办法第十二条), pure functions naming their article."""

from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from portal.errors import Rule

from ..models import RevocationGround
from .models import IncidentCategory, OrderMeasure, VehicleOutcome

SCHEME = "实施方案三(四)"
ORDER_ARTICLE = "办法第十二条"
NEXT_STEP_ARTICLE = "办法第十二条第4、5项"

# Refusals (409 reasons).
NO_AFFECTED_VEHICLES = Rule("no_affected_vehicles", SCHEME, _("尚未确定涉及的车辆，不能责令处置。"))
QUERY_EMPTY = Rule("query_empty", SCHEME, _("请至少给出一个查询条件（品牌车型、日期、目的国、许可证或 VIN）。"))
QUERY_TOO_BROAD = Rule("query_too_broad", SCHEME, _("查询到的车辆过多，请缩小查询条件。"))
VEHICLES_PENDING = Rule("vehicles_pending", SCHEME, _("仍有车辆未报告处置情况，不能结案。"))
ORDER_DEADLINE_PASSED = Rule("deadline_not_in_future", ORDER_ARTICLE, _("处置期限已过，请重新拟办处置通知。"))
VEHICLE_ALREADY_DONE = Rule("not_editable", SCHEME, _("该车辆已报告处置完毕。"))
NOT_AFFECTED = Rule("not_editable", SCHEME, _("该车辆不在本事件涉及的车辆中。"))
HOLD_NOT_AFFECTED_MODEL = Rule("not_editable", SCHEME, _("只能暂停本事件涉及车辆的品牌车型出口。"))

MAX_AFFECTED_PER_QUERY = 5000  # a query that finds more is a mistake, not an incident's set
MAX_VINS = 500
ORDER_WORKING_DAYS_DEFAULT = 20
ORDER_WORKING_DAYS_MAX = 120
REMINDER_DAYS = (5, 1)  # calendar days before the deadline the enterprise is reminded (each once)

# 办法第十二条: an order left unfinished at its deadline opens a revocation case on the item the category
# falls under: 第4项 (refusing after-sales service or supervision) or 第5项 (fraud, or a quality and
# safety risk). The bureau then hears the enterprise and decides (two officials, a signed letter).
NEXT_STEP_GROUND = {
    IncidentCategory.SAFETY_DEFECT: RevocationGround.TAX_FRAUD_LICENCE_FRAUD_OR_QUALITY_RISK,
    IncidentCategory.FRAUD: RevocationGround.TAX_FRAUD_LICENCE_FRAUD_OR_QUALITY_RISK,
    IncidentCategory.MASS_AFTERSALES: RevocationGround.REFUSED_AFTERSALES_OR_SUPERVISION,
    IncidentCategory.DOCUMENTS: RevocationGround.REFUSED_AFTERSALES_OR_SUPERVISION,
}

REPAIR_MEASURES = {OrderMeasure.REPAIR, OrderMeasure.RECALL, OrderMeasure.PART_REPLACEMENT}


def next_step_ground(category: str) -> str:
    """办法第十二条第4、5项: the revocation ground an unfinished order leads to."""
    return NEXT_STEP_GROUND[IncidentCategory(category)]


def event_type_for(outcome: str, measures) -> str:
    """The file event a report adds: `repair` for a car repaired, recalled or given new parts, else
    `aftersales` (a notice, a report, or a car that could not be reached or was refused) (实施方案三(三))."""
    if outcome == VehicleOutcome.DONE and REPAIR_MEASURES & set(measures):
        return "repair"
    return "aftersales"


def is_unfinished(pending: int) -> bool:
    return pending > 0


def reminder_due(today: date, deadline: date, thresholds=REMINDER_DAYS) -> int | None:
    """The reminder due `today` for an order ending on `deadline`: the tightest threshold reached, so a
    job that missed a day still sends the nearer one (the event key sends each once)."""
    left = (deadline - today).days
    reached = [t for t in thresholds if 0 <= left <= t]
    return min(reached) if reached else None


def days_to_close(opened_on: date, closed_on: date | None) -> int | None:
    return (closed_on - opened_on).days if closed_on else None


def progress(counts: dict[str, int]) -> dict:
    """Per outcome counts → totals and the share reported (a car is reported when not pending)."""
    total = sum(counts.values())
    pending = counts.get(VehicleOutcome.PENDING, 0)
    reported = total - pending
    return {"total": total, "pending": pending, "reported": reported,
            "done": counts.get(VehicleOutcome.DONE, 0), "unreachable": counts.get(VehicleOutcome.UNREACHABLE, 0),
            "refused": counts.get(VehicleOutcome.REFUSED, 0),
            "percent": round(100 * reported / total) if total else 0}


def deadline_window_end(today: date) -> date:
    return today + timedelta(days=max(REMINDER_DAYS))
