"""Statistics and effect evaluation for the bureau (实施方案五(三) 加强统计分析和效果评估).

Every figure is computed in the database (GROUP BY, conditional COUNT, ordered LIMIT for medians):
nothing here loops over vehicles, so a period of a million vehicles costs a few indexed queries.
An export is a vehicle cleared by customs (放行) in the period; its value is the price of its sale.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.db.models.lookups import LessThan
from django.utils.translation import gettext_lazy as _

from compliance.models import Obligation, ObligationStatus, RuleCode
from compliance.rules import months as rule_months
from compliance.sql import AddMonths
from portal.countries import country_name
from portal.models import Organisation, PilotStatus
from portal.policy import published_versions

from . import rules
from .dbfunctions import DaysBetween
from .models import Complaint, ComplaintCategory, ComplaintStatus, Severity

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} — {self.end.isoformat()}"


@dataclass
class Table:
    """One table of the statistics page, the export and the report: headers and plain rows."""

    key: str
    title: str
    headers: list
    rows: list = field(default_factory=list)
    chart: str = ""  # "bar" / "line" / "" (no chart)

    def chart_json(self) -> str:
        """Labels and vehicle counts for static/js/supervision-charts.js (read from data- attributes)."""
        return json.dumps({"type": self.chart, "labels": [str(r[0]) for r in self.rows][:30],
                           "values": [r[1] for r in self.rows][:30], "label": str(self.headers[1])},
                          ensure_ascii=False)


def _tm():
    """traceability.models, imported late (supervision reads every app; none reads supervision)."""
    from traceability import models

    return models


def exported_vehicles(period: Period):
    return _tm().Vehicle.objects.filter(cleared_on__gte=period.start, cleared_on__lte=period.end)


def _sale_events(period: Period):
    tm = _tm()
    return tm.TraceEvent.objects.filter(
        type=tm.EventType.SALE, vehicle__cleared_on__gte=period.start, vehicle__cleared_on__lte=period.end
    )


_PRICE = Cast(KeyTextTransform("price", "payload"), DecimalField(max_digits=16, decimal_places=2))


def _money(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT)


# Group keys: the vehicle column grouped on, as seen from Vehicle and from TraceEvent.
GROUPS = {
    "month": (TruncMonth("cleared_on"), TruncMonth("vehicle__cleared_on")),
    "enterprise": (F("enterprise__name"), F("vehicle__enterprise__name")),
    "country": (F("destination_country"), F("vehicle__destination_country")),
    "brand": (F("brand"), F("vehicle__brand")),
    "vehicle_type": (F("vehicle_type"), F("vehicle__vehicle_type")),
}
GROUP_TITLES = {
    "month": _("按月出口"),
    "enterprise": _("按企业出口"),
    "country": _("按目的国出口"),
    "brand": _("按品牌出口"),
    "vehicle_type": _("按车辆类型出口"),
}
GROUP_HEADERS = {
    "month": _("月份"),
    "enterprise": _("企业"),
    "country": _("目的国"),
    "brand": _("品牌"),
    "vehicle_type": _("车辆类型"),
}


def exports_by(group: str, period: Period) -> list[tuple]:
    """[(key, vehicles, value)] ordered by key for months, else by vehicles descending."""
    vehicle_key, event_key = GROUPS[group]
    counts = (
        exported_vehicles(period).annotate(key=vehicle_key).values("key").annotate(n=Count("pk")).order_by()
    )
    values = _sale_events(period).annotate(key=event_key).values("key").annotate(total=Sum(_PRICE)).order_by()
    value_of = {row["key"]: row["total"] for row in values}
    rows = [(row["key"], row["n"], _money(value_of.get(row["key"]))) for row in counts]
    if group == "month":
        rows.sort(key=lambda r: r[0] or date.min)
    else:
        rows.sort(key=lambda r: (-r[1], str(r[0] or "")))
    return rows


def _key_label(group: str, key) -> str:
    if key in (None, ""):
        return str(_("未填写"))
    if group == "month":
        return key.strftime("%Y-%m") if hasattr(key, "strftime") else str(key)[:7]
    if group == "vehicle_type":
        VehicleType = _tm().VehicleType
        return str(VehicleType(key).label) if key in VehicleType.values else key
    if group == "country":
        return country_name(key)  # the name in the reader's language; the API keeps the code
    return str(key)


def export_totals(period: Period) -> dict:
    vehicles = exported_vehicles(period).aggregate(n=Count("pk"), enterprises=Count("enterprise", distinct=True))
    value = _sale_events(period).aggregate(total=Sum(_PRICE))["total"]
    return {"vehicles": vehicles["n"], "enterprises": vehicles["enterprises"], "value": _money(value)}


def licence_figures(period: Period) -> dict:
    """Licences issued in the period and what became of them (货物出口许可证管理办法: used once,
    lapsing unused at expiry)."""
    Licence, LicenceStatus = _tm().Licence, _tm().LicenceStatus
    issued = Licence.objects.filter(issued_on__gte=period.start, issued_on__lte=period.end)
    # distinct: the join to the listed vehicles repeats each licence once per vehicle (一批一证).
    figures = issued.aggregate(
        issued=Count("pk", distinct=True),
        used=Count("pk", filter=Q(used_on__isnull=False), distinct=True),
        expired=Count("pk", filter=Q(status=LicenceStatus.EXPIRED), distinct=True),
        cancelled=Count("pk", filter=Q(status=LicenceStatus.CANCELLED), distinct=True),
        vehicles=Count("licencevehicle"),
    )
    figures["outstanding"] = figures["issued"] - figures["used"] - figures["expired"] - figures["cancelled"]
    figures["use_rate"] = rules.share(figures["used"], figures["issued"])
    return figures


def _deregistration_due():
    """办法第六条: each clearance's due date under the policy version in force on its day (issue 24)."""
    rule, versions = RuleCode.DEREGISTRATION_2M, published_versions()  # newest effective date first
    later = [When(cleared_on__gte=v.effective_from, then=AddMonths(F("cleared_on"), rule_months(rule, v)))
             for v in versions[:-1]]
    first = AddMonths(F("cleared_on"), rule_months(rule, versions[-1]))
    return Case(*later, default=first, output_field=DateField()) if later else first


def deregistration_figures(period: Period, today: date) -> dict:
    """办法第六条: vehicles cleared in the period, deregistered within 2 months (on or before the
    due date) or not; share within 2 months of those already judged; median days to deregister."""
    due = _deregistration_due()
    vehicles = exported_vehicles(period)
    figures = vehicles.aggregate(
        cleared=Count("pk"),
        on_time=Count("pk", filter=Q(deregistered_on__isnull=False, deregistered_on__lte=due)),
        late=Count("pk", filter=Q(deregistered_on__isnull=False, deregistered_on__gt=due)),
        overdue=Count("pk", filter=Q(Q(deregistered_on__isnull=True), LessThan(due, today))),
    )
    figures["pending"] = figures["cleared"] - figures["on_time"] - figures["late"] - figures["overdue"]
    judged = figures["on_time"] + figures["late"] + figures["overdue"]
    figures["judged"] = judged
    figures["share_within_2m"] = rules.share(figures["on_time"], judged)
    figures["median_days"] = _median(
        vehicles.filter(deregistered_on__isnull=False).annotate(days=DaysBetween(F("deregistered_on"), F("cleared_on")))
    )
    return figures


def _median(queryset, column: str = "days"):
    """The median of an annotated column, read with ORDER BY … LIMIT 2 OFFSET (n−1)//2."""
    n = queryset.count()
    if not n:
        return None
    middle = list(queryset.order_by(column).values_list(column, flat=True)[(n - 1) // 2 : (n - 1) // 2 + 2])
    return rules.median(middle if n % 2 == 0 else middle[:1])


def complaint_figures(period: Period, today: date) -> dict:
    """实施方案三(四): complaints received in the period and how fast they were resolved."""
    complaints = Complaint.objects.filter(received_on__gte=period.start, received_on__lte=period.end)
    figures = complaints.aggregate(
        received=Count("pk"),
        closed=Count("pk", filter=Q(status=ComplaintStatus.CLOSED)),
        answered=Count("pk", filter=Q(answered_on__isnull=False)),
        answered_on_time=Count("pk", filter=Q(answered_on__isnull=False, answered_on__lte=F("due_on"))),
        escalated=Count("pk", filter=Q(escalated_on__isnull=False)),
        open_overdue=Count(
            "pk", filter=Q(status__in=[ComplaintStatus.ASSIGNED, ComplaintStatus.ESCALATED], due_on__lt=today)
        ),
        serious=Count("pk", filter=Q(severity=Severity.SERIOUS)),
    )
    figures["on_time_share"] = rules.share(figures["answered_on_time"], figures["answered"])
    figures["median_days_to_close"] = _median(
        complaints.filter(closed_on__isnull=False).annotate(days=DaysBetween(F("closed_on"), F("received_on")))
    )
    figures["median_days_to_answer"] = _median(
        complaints.filter(answered_on__isnull=False).annotate(days=DaysBetween(F("answered_on"), F("assigned_on")))
    )
    by_category = dict(complaints.values_list("category").annotate(n=Count("pk")).order_by())
    figures["by_category"] = [(ComplaintCategory(c).label, by_category.get(c, 0)) for c in ComplaintCategory.values]
    by_status = dict(complaints.values_list("status").annotate(n=Count("pk")).order_by())
    figures["by_status"] = [(ComplaintStatus(s).label, by_status.get(s, 0)) for s in ComplaintStatus.values]
    return figures


# The enterprise-level deadlines of 办法第八条 and 第十二条第2项, owned by compliance.
MILESTONE_RULES = (RuleCode.FIRST_EXPORT_6M, RuleCode.NETWORKS_9M, RuleCode.NO_EXPORT_12M, RuleCode.SCALE_3Y)


def pilot_enterprises():
    return Organisation.objects.filter(designated_on__isnull=False).exclude(pilot_status=PilotStatus.NONE)


def milestones(today: date) -> list[dict]:
    """办法第八条 and 第十二条第2项 per pilot enterprise, as the compliance sweep decided them.

    The deadlines and their status are compliance's `Obligation` rows (one rule, one place);
    statistics only read them: one query for the enterprises, one for their obligations. `today`
    is kept for the report's signature — the status is the sweep's, as on its last run.
    """
    enterprises = list(
        pilot_enterprises()
        .annotate(first_export=Min("vehicles__cleared_on", filter=Q(vehicles__cleared_on__lte=today)),
                  exported_total=Count("vehicles", filter=Q(vehicles__cleared_on__lte=today)))
        .order_by("designated_on", "name")
    )
    by_enterprise: dict[int, dict] = {}
    for obligation in milestone_obligations([org.pk for org in enterprises]):
        by_enterprise.setdefault(obligation.enterprise_id, {})[obligation.rule] = obligation
    return [
        {"enterprise": org, "first_export": org.first_export, "exported_total": org.exported_total,
         **{rule: by_enterprise.get(org.pk, {}).get(rule) for rule in MILESTONE_RULES}}
        for org in enterprises
    ]


def milestone_obligations(enterprise_ids):
    """The enterprise-level obligations of 第八条 / 第十二条第2项; for the rolling 12-month rule only
    its latest period; the scale row carries the exports counted in its 3-year window."""
    latest_period = (
        Obligation.objects.filter(rule=RuleCode.NO_EXPORT_12M, enterprise=OuterRef("enterprise"), vehicle__isnull=True)
        .order_by("-period_start").values("period_start")[:1]
    )
    in_window = (
        _tm().Vehicle.objects.filter(enterprise=OuterRef("enterprise"), cleared_on__gte=OuterRef("period_start"),
                                     cleared_on__lte=OuterRef("due_on"))
        .order_by().values("enterprise").annotate(n=Count("pk")).values("n")
    )
    return (
        Obligation.objects.filter(enterprise_id__in=enterprise_ids, rule__in=MILESTONE_RULES, vehicle__isnull=True)
        .filter(~Q(rule=RuleCode.NO_EXPORT_12M) | Q(period_start=Subquery(latest_period)))
        .annotate(exported=Case(When(rule=RuleCode.SCALE_3Y, then=Coalesce(Subquery(in_window), 0)), default=None,
                                output_field=IntegerField()))
        .order_by()
    )


def plan_targets_by_enterprise(enterprises) -> dict[int, list[dict]]:
    """The export targets of each enterprise's approved application (办法第四条)."""
    from applications.models import Application, ApplicationStatus

    designated = {org.pk: org.designated_on for org in enterprises}
    plans = (
        Application.objects.filter(organisation_id__in=designated, status=ApplicationStatus.APPROVED)
        .order_by("organisation_id", "-created_at")
        .values_list("organisation_id", "export_targets")
    )
    out: dict[int, list[dict]] = {}
    for org_id, export_targets in plans:
        out.setdefault(org_id, rules.plan_targets(export_targets, designated[org_id]))
    return out


def target_progress(today: date) -> list[dict]:
    """Exports and value against each plan year's target, one aggregate per enterprise and table
    (the windows differ per enterprise; there are few pilot enterprises, never one query per vehicle)."""
    tm = _tm()
    enterprises = list(pilot_enterprises().order_by("designated_on", "name"))
    targets = plan_targets_by_enterprise(enterprises)
    out = []
    for org in enterprises:
        windows = targets.get(org.pk, [])
        if not windows:
            continue
        counts = tm.Vehicle.objects.filter(enterprise=org).aggregate(**{
            f"w{i}": Count("pk", filter=Q(cleared_on__gte=w["start"], cleared_on__lte=w["end"]))
            for i, w in enumerate(windows)
        })
        values = tm.TraceEvent.objects.filter(type=tm.EventType.SALE, vehicle__enterprise=org).aggregate(**{
            f"w{i}": Sum(_PRICE, filter=Q(vehicle__cleared_on__gte=w["start"], vehicle__cleared_on__lte=w["end"]))
            for i, w in enumerate(windows)
        })
        for i, window in enumerate(windows):
            actual, value = counts[f"w{i}"], _money(values[f"w{i}"])
            out.append({
                "enterprise": org, **window, "actual": actual, "actual_value": value,
                "count_share": rules.share(actual, window["count"] or 0),
                "value_share": rules.share(float(value), float(window["value"] or 0)),
                "current": window["start"] <= today <= window["end"],
            })
    return out


@dataclass
class Report:
    period: Period
    today: date
    totals: dict
    groups: dict  # group → rows [(label, vehicles, value)]
    licences: dict
    deregistration: dict
    complaints: dict
    milestones: list
    targets: list


def build_report(period: Period, today: date) -> Report:
    groups = {g: [(_key_label(g, k), n, v) for k, n, v in exports_by(g, period)] for g in GROUPS}
    return Report(
        period=period, today=today, totals=export_totals(period), groups=groups,
        licences=licence_figures(period), deregistration=deregistration_figures(period, today),
        complaints=complaint_figures(period, today), milestones=milestones(today), targets=target_progress(today),
    )


def tables(report: Report) -> list[Table]:
    """The report as plain tables: the page, the XLSX/CSV export and the PDF read the same rows."""
    out = []
    for group, rows in report.groups.items():
        out.append(Table(group, GROUP_TITLES[group], [GROUP_HEADERS[group], _("出口车辆数"), _("出口金额（元）")],
                         [list(r) for r in rows], chart="line" if group == "month" else "bar"))
    lic = report.licences
    out.append(Table("licences", _("出口许可证"), [_("指标"), _("数量")], [
        [_("签发"), lic["issued"]], [_("已使用"), lic["used"]], [_("过期未用"), lic["expired"]],
        [_("已注销"), lic["cancelled"]], [_("尚在有效期未使用"), lic["outstanding"]],
        [_("许可证列明车辆"), lic["vehicles"]], [_("使用率（%）"), lic["use_rate"]],
    ]))
    d = report.deregistration
    out.append(Table("deregistration", _("注销登记及时性（办法第六条）"), [_("指标"), _("数值")], [
        [_("海关放行车辆"), d["cleared"]], [_("2个月内注销"), d["on_time"]], [_("超过2个月注销"), d["late"]],
        [_("逾期未注销"), d["overdue"]], [_("未到期"), d["pending"]],
        [_("2个月内注销占比（%）"), d["share_within_2m"]], [_("注销用时中位数（天）"), d["median_days"]],
    ]))
    c = report.complaints
    out.append(Table("complaints", _("投诉办理（实施方案三(四)）"), [_("指标"), _("数值")], [
        [_("收到投诉"), c["received"]], [_("重大投诉"), c["serious"]], [_("企业已答复"), c["answered"]],
        [_("按期答复"), c["answered_on_time"]], [_("按期答复率（%）"), c["on_time_share"]],
        [_("逾期督办"), c["escalated"]], [_("当前逾期未答复"), c["open_overdue"]], [_("已办结"), c["closed"]],
        [_("答复用时中位数（天）"), c["median_days_to_answer"]], [_("办结用时中位数（天）"), c["median_days_to_close"]],
        *[[_("类别：") + str(label), n] for label, n in c["by_category"]],
    ]))
    out.append(Table("milestones", _("试点企业节点完成情况（办法第八条、第十二条第2项，以合规评估为准）"), [
        _("企业"), _("确定日期"), _("首次出口"), _("首次出口期限"), _("状态"), _("网络建设期限"), _("状态"),
        _("12个月出口实绩期限"), _("状态"), _("3年规模期限"), _("3年内出口/目标"), _("状态"),
    ], [[
        m["enterprise"].name, m["enterprise"].designated_on, m["first_export"],
        *_milestone_cells(m[RuleCode.FIRST_EXPORT_6M]), *_milestone_cells(m[RuleCode.NETWORKS_9M]),
        *_milestone_cells(m[RuleCode.NO_EXPORT_12M]), _due(m[RuleCode.SCALE_3Y]), _scale_progress(m[RuleCode.SCALE_3Y]),
        _milestone_status(m[RuleCode.SCALE_3Y]),
    ] for m in report.milestones]))
    out.append(Table("targets", _("经营计划出口目标完成情况（办法第四条）"), [
        _("企业"), _("年度"), _("起止"), _("目标数量"), _("实际数量"), _("完成率（%）"), _("目标金额（元）"),
        _("实际金额（元）"), _("完成率（%）"),
    ], [[
        t["enterprise"].name, t["label"], f"{t['start']}—{t['end']}", t["count"], t["actual"], t["count_share"],
        t["value"], t["actual_value"], t["value_share"],
    ] for t in report.targets]))
    return out


NOT_EVALUATED = "—"


def _due(obligation):
    return obligation.due_on if obligation else NOT_EVALUATED


def _milestone_status(obligation) -> str:
    """The sweep's status with its date: 已履行 on met_on, 已逾期 from overdue_since."""
    if obligation is None:
        return str(_("未评估"))
    label = ObligationStatus(obligation.status).label
    if obligation.status == ObligationStatus.MET:
        return str(_("%(status)s（%(date)s）") % {"status": label, "date": obligation.met_on})
    if obligation.status == ObligationStatus.OVERDUE:
        return str(_("%(status)s（%(date)s起）") % {"status": label, "date": obligation.overdue_since})
    return str(label)


def _milestone_cells(obligation) -> list:
    return [_due(obligation), _milestone_status(obligation)]


def _scale_progress(obligation) -> str:
    if obligation is None:
        return NOT_EVALUATED
    return f"{obligation.exported}/{obligation.target if obligation.target is not None else NOT_EVALUATED}"
