"""The risk score that weights an enterprise in the draw (国办发〔2015〕58号: “根据监管对象的信用状况和风险程度
合理确定抽查比例和频次”). Transparent: each factor's count and points are shown, and the weight is
1 + Σ points, so anyone can recompute it from the listed inputs."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from portal.dates import add_years

BASE_WEIGHT = 1
LOOKBACK_YEARS = 1  # "近一年": from the same day a year before (portal.dates.add_years), leap years right


@dataclass(frozen=True)
class Factor:
    code: str
    label: str
    points: int  # per occurrence


FACTORS = (
    Factor("complaints", _("近一年投诉"), 2),
    Factor("late_deregistrations", _("逾期未办理注销登记（办法第六条）"), 3),
    Factor("discrepancies", _("近一年跨部门数据不一致"), 2),
    Factor("open_rectifications", _("未结整改通知"), 4),
    Factor("overdue_obligations", _("其他逾期义务"), 3),
)


def weight(inputs: dict) -> int:
    """1 + Σ count × points over FACTORS (an absent input counts 0)."""
    return BASE_WEIGHT + sum(int(inputs.get(f.code, 0)) * f.points for f in FACTORS)


def breakdown(inputs: dict) -> list[dict]:
    """Each factor with its count, its points and what it adds, for the public page."""
    return [{"label": f.label, "count": int(inputs.get(f.code, 0)), "points": f.points,
             "adds": int(inputs.get(f.code, 0)) * f.points} for f in FACTORS]


def inputs_for(enterprise_ids: list[int], today: date) -> dict[int, dict]:
    """The counts read from the file, one grouped query per factor."""
    from django.db.models import Count

    from casework.models import Discrepancy
    from compliance.models import (
        Obligation,
        ObligationStatus,
        RectificationOrder,
        RectificationStatus,
        RuleCode,
    )

    from .models import Complaint

    since = add_years(today, -LOOKBACK_YEARS)
    result = {pk: {f.code: 0 for f in FACTORS} for pk in enterprise_ids}

    def fill(code, rows):
        for pk, n in rows:
            if pk in result:
                result[pk][code] = n

    fill("complaints", Complaint.objects.filter(enterprise_id__in=enterprise_ids, received_on__gte=since)
         .values_list("enterprise_id").annotate(n=Count("id")))
    overdue = Obligation.objects.filter(enterprise_id__in=enterprise_ids, status=ObligationStatus.OVERDUE)
    fill("late_deregistrations", overdue.filter(rule=RuleCode.DEREGISTRATION_2M)
         .values_list("enterprise_id").annotate(n=Count("id")))
    fill("overdue_obligations", overdue.exclude(rule=RuleCode.DEREGISTRATION_2M)
         .values_list("enterprise_id").annotate(n=Count("id")))
    fill("discrepancies", Discrepancy.objects.filter(vehicle__enterprise_id__in=enterprise_ids, found_on__gte=since)
         .values_list("vehicle__enterprise_id").annotate(n=Count("id")))
    fill("open_rectifications", RectificationOrder.objects.filter(
        enterprise_id__in=enterprise_ids,
        status__in=[RectificationStatus.ORDERED, RectificationStatus.ANSWERED, RectificationStatus.REJECTED])
        .values_list("enterprise_id").annotate(n=Count("id")))
    return result
