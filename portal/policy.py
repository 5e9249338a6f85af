"""The rules' thresholds and periods as versioned policy (办法第一条 "如有调整，将另文明确", 第十七条; issue 24).

Every number the rules use is declared ONCE here: its key, label, unit, the article it comes from,
its type and what a valid value is. The values themselves live in `PolicyVersion` rows (portal.models):
version 1 carries the values below (`initial`, the 办法 as it took effect on 2021-01-13, 第十七条), a later
version is prepared by an officer and authorised by the head and applies from its own effective date.

- Pure rules take the values (a `PolicyValues`) as an argument; services ask `policy_in_force(day)`:
  an application is judged by the version in force on its submission day, an obligation by the one in
  force on the day it starts, `run_compliance --as-of D` by the one in force on D.
- What was decided records the version it applied and is never judged again when a new one is published.

portal imports no app: the apps name their table rows (vehicle types, criteria) with `register_key_labels`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

# Version 1: the 办法 and its 实施方案 (并商外贸发〔2021〕2 号), in force from 2021-01-13 (办法第十七条).
FIRST_BASIS = "并商外贸发〔2021〕2 号；《太原市二手车出口企业管理办法（暂行）》第十七条"
FIRST_EFFECTIVE_FROM = date(2021, 1, 13)

MONEY, INTEGER, DECIMAL, DAY, TABLE, CRITERIA = "money", "integer", "decimal", "date", "table", "criteria"


@dataclass(frozen=True)
class Parameter:
    """One threshold or period: what it is, where the law says it, and which values are valid."""

    key: str
    label: str
    unit: str
    article: str
    kind: str  # MONEY, INTEGER, DECIMAL, DAY, TABLE (key → whole years or none), CRITERIA (key → points, sum 100)
    initial: object  # version 1's value (the 办法 as published), in its JSON form
    minimum: object = None
    maximum: object = None
    group: str = ""
    help: str = ""

    def parse(self, raw):
        """The typed value of a JSON value (or a form's text); ValidationError naming the parameter and rule."""
        kind = self.kind
        if kind in (MONEY, DECIMAL):
            value = _decimal(self, raw)
        elif kind == INTEGER:
            value = _integer(self, raw)
        elif kind == DAY:
            try:
                value = raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip())
            except ValueError:
                raise self.error(_("须为日期（YYYY-MM-DD）")) from None
        elif kind == TABLE:
            return {k: (None if v in (None, "") else _integer(self, v, row=k)) for k, v in self._rows(raw).items()}
        elif kind == CRITERIA:
            rows = {k: _integer(self, v, row=k) for k, v in self._rows(raw).items()}
            if sum(rows.values()) != 100:
                raise self.error(_("各项满分之和须为 100（现为 %(total)s）") % {"total": sum(rows.values())})
            return rows
        else:  # pragma: no cover - a declaration error
            raise ImproperlyConfigured(f"policy parameter {self.key}: unknown kind {kind}")
        if self.minimum is not None and value < self.parse_bound(self.minimum):
            raise self.error(_("不得小于 %(bound)s") % {"bound": self.minimum})
        if self.maximum is not None and value > self.parse_bound(self.maximum):
            raise self.error(_("不得大于 %(bound)s") % {"bound": self.maximum})
        return value

    def parse_bound(self, bound):
        return Decimal(str(bound)) if self.kind in (MONEY, DECIMAL) else bound

    def _rows(self, raw) -> dict:
        if not isinstance(raw, Mapping):
            raise self.error(_("须为逐项的取值"))
        expected = set(self.initial)
        unknown, missing = sorted(set(raw) - expected), sorted(expected - set(raw))
        if unknown or missing:
            raise self.error(_("须逐项填写，不得增删项目（多出：%(unknown)s；缺少：%(missing)s）") % {
                "unknown": "、".join(unknown) or "—", "missing": "、".join(missing) or "—"})
        return {k: raw[k] for k in self.initial}

    def to_json(self, value):
        """The stored form: Decimals and dates as text (JSON has no exact decimals)."""
        if self.kind in (MONEY, DECIMAL):
            return str(value)
        if self.kind == DAY:
            return value.isoformat()
        return value

    def error(self, rule) -> ValidationError:
        return ValidationError({self.key: [f"{self.label}（{self.article}）：{rule}"]})

    def row_label(self, key: str) -> str:
        return str(_KEY_LABELS.get(self.key, {}).get(key, key))

    def display(self, value) -> str:
        """The value in words for the public page."""
        if self.kind == TABLE:
            return "；".join(f"{self.row_label(k)} {v if v is not None else _('无')}" for k, v in value.items())
        if self.kind == CRITERIA:
            return "；".join(f"{self.row_label(k)} {v}" for k, v in value.items())
        if self.kind == MONEY:
            return f"{value:,}"
        return str(value)


def _decimal(param: Parameter, raw, row: str | None = None) -> Decimal:
    try:
        if isinstance(raw, bool) or isinstance(raw, float):
            raise InvalidOperation
        value = Decimal(str(raw).strip().replace(",", ""))
        if not value.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise param.error(_("须为数字")) from None
    if value < 0:
        raise param.error(_("不得为负数"))
    return value


def _integer(param: Parameter, raw, row: str | None = None) -> int:
    try:
        if isinstance(raw, bool) or isinstance(raw, float):
            raise ValueError
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        what = f"{param.row_label(row)}：" if row else ""
        raise param.error(f"{what}{_('须为整数')}") from None
    if value < (0 if param.kind == CRITERIA else 1):
        what = f"{param.row_label(row)}：" if row else ""
        raise param.error(f"{what}{_('须为正整数') if param.kind != CRITERIA else _('不得为负数')}")
    return value


_APPLICATIONS, _REVIEW, _COMPLIANCE, _VEHICLES = _("准入条件"), _("评审与公示"), _("监管期限"), _("车辆出口条件")

# Every threshold and period the rules use, once (domain-rules.md names the same values and articles).
PARAMETERS: tuple[Parameter, ...] = (
    Parameter("registered_capital_min", _("注册资本下限"), _("元"), "办法第三条第2项", MONEY, "30000000",
              minimum=0, group=_APPLICATIONS),
    Parameter("paid_in_or_net_assets_min", _("实缴资本或净资产下限"), _("元"), "办法第三条第2项", MONEY, "20000000",
              minimum=0, group=_APPLICATIONS),
    Parameter("plan_target_years", _("经营计划出口目标最少年数"), _("年"), "办法第四条", INTEGER, 3,
              minimum=1, maximum=10, group=_APPLICATIONS),
    Parameter("review_criteria", _("评分项及满分"), _("分"), "办法第五条第4项", CRITERIA, {
        "basic_conditions": 15, "business_plan": 15, "sourcing_capacity": 15, "supporting_services": 10,
        "overseas_channels": 15, "parts_aftersales": 10, "traceability": 10, "new_trade_formats": 10,
    }, group=_REVIEW),
    Parameter("review_quorum", _("最少有效评分表数"), _("份"), "办法第五条", INTEGER, 3, minimum=1, maximum=50,
              group=_REVIEW),
    Parameter("review_comment_share", _("须写评语的得分比例"), _("（满分的比例）"), "办法第五条", DECIMAL, "0.6",
              minimum=0, maximum=1, group=_REVIEW),
    Parameter("review_outlier_margin", _("偏离平均分提示的分差"), _("分"), "办法第五条", DECIMAL, "10",
              minimum=0, maximum=100, group=_REVIEW),
    Parameter("panel_outlier_distance", _("答辩会评分须写偏离说明的分差"), _("分（与其他专家总分中位数）"), "办法第五条",
              DECIMAL, "15", minimum=0, maximum=100, group=_REVIEW),
    Parameter("panel_minimum_reading_minutes", _("答辩会评分最短阅卷时间"), _("分钟（短于此提示主持人）"), "办法第五条",
              INTEGER, 10, minimum=0, maximum=240, group=_REVIEW),
    Parameter("publicity_working_days", _("公示期"), _("个工作日"), "办法第五条第5项", INTEGER, 5,
              minimum=1, maximum=30, group=_REVIEW),
    Parameter("deregistration_months", _("放行后办理注销登记期限"), _("个月"), "办法第六条", INTEGER, 2,
              minimum=1, maximum=24, group=_COMPLIANCE),
    Parameter("first_export_months", _("确定试点后开展出口业务期限"), _("个月"), "办法第八条", INTEGER, 6,
              minimum=1, maximum=60, group=_COMPLIANCE),
    Parameter("networks_months", _("确定试点后建立海外网络期限"), _("个月"), "办法第八条", INTEGER, 9,
              minimum=1, maximum=60, group=_COMPLIANCE),
    Parameter("scale_months", _("确定试点后达到出口规模期限"), _("个月"), "办法第八条", INTEGER, 36,
              minimum=1, maximum=120, group=_COMPLIANCE),
    Parameter("no_export_months", _("无出口实绩取消试点资格期限"), _("个月"), "办法第十二条第2项", INTEGER, 12,
              minimum=1, maximum=60, group=_COMPLIANCE),
    Parameter("aftersales_months", _("退出后售后服务责任期限"), _("个月"), "办法第十四条", INTEGER, 12,
              minimum=1, maximum=60, group=_COMPLIANCE),
    Parameter("answer_working_days", _("陈述申辩期限"), _("个工作日"), "办法第十二条", INTEGER, 5,
              minimum=1, maximum=60, group=_COMPLIANCE),
    Parameter("complaint_working_days", _("投诉答复期限"), _("个工作日"), "实施方案三(四)", INTEGER, 10,
              minimum=1, maximum=60, group=_COMPLIANCE),
    Parameter("aftersales_confirmation_from", _("售后维修服务确认书要求施行日期"), "", "实施方案三(二)", DAY,
              "2026-01-01", group=_VEHICLES),
    Parameter("aftersales_confirmation_days", _("须售后维修服务确认书的初次登记天数"), _("日（含）"), "实施方案三(二)",
              INTEGER, 180, minimum=1, maximum=3650, group=_VEHICLES),
    Parameter("service_life_years", _("机动车使用年限"), _("年"), "办法第七条；机动车强制报废标准规定第五条", TABLE, {
        "taxi_small": 8, "taxi_medium": 10, "taxi_large": 12, "rental_passenger": 15, "coach_small": 10,
        "coach_medium": 12, "coach_large": 15, "bus_public": 13, "commercial_passenger_small": 10,
        "commercial_passenger_large": 15, "school_bus": 15, "noncommercial_passenger_large": 20,
        "three_wheel_truck": 9, "low_speed_truck_multi": 12, "mini_truck": 12, "hazmat_truck": 10,
        "truck_other": 15, "special_with_cargo": 15, "special_without_cargo": 30, "full_trailer": 10,
        "hazmat_semi_trailer": 10, "container_semi_trailer": 20, "semi_trailer_other": 15,
        "motorcycle_three_wheel": 12, "motorcycle_other": 13, "noncommercial_passenger_small": None,
        "noncommercial_sedan_large": None, "wheeled_special_machinery": None,
    }, group=_VEHICLES, help=_("空白：无使用年限")),
)
BY_KEY: dict[str, Parameter] = {p.key: p for p in PARAMETERS}
if len(BY_KEY) != len(PARAMETERS):  # pragma: no cover - a declaration error
    raise ImproperlyConfigured("a policy parameter is declared twice")

# Apps name the rows of their tables here at ready() (portal imports no app).
_KEY_LABELS: dict[str, dict[str, str]] = {}


def register_key_labels(key: str, choices) -> None:
    """`choices`: (code, label) pairs, e.g. VehicleType.choices for the service-life table."""
    _KEY_LABELS[key] = dict(choices)


def validate(raw: Mapping) -> dict:
    """Every parameter's value checked against its declaration; returns the JSON form to store.
    All errors at once, each under the parameter's key (the form shows them beside the fields)."""
    errors: dict[str, list] = {}
    clean = {}
    for param in PARAMETERS:
        if param.key not in raw:
            errors[param.key] = [f"{param.label}（{param.article}）：{_('须填写')}"]
            continue
        try:
            clean[param.key] = param.to_json(param.parse(raw[param.key]))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    unknown = sorted(set(raw) - set(BY_KEY))
    if unknown:
        errors["values"] = [str(_("未声明的参数：%(keys)s")) % {"keys": "、".join(unknown)}]
    if errors:
        raise ValidationError(errors)
    return clean


def initial_values() -> dict:
    """Version 1's values (the 办法 as published), in their JSON form."""
    return {p.key: p.initial for p in PARAMETERS}


@dataclass(frozen=True)
class PolicyValues:
    """The typed values of one version; `policy["key"]`. `number` is the version they come from."""

    number: int | None
    values: Mapping
    effective_from: date | None = None
    _typed: dict = field(default_factory=dict, compare=False, repr=False)

    def __getitem__(self, key: str):
        if key not in self._typed:
            param = BY_KEY[key]
            self._typed[key] = param.parse(self.values.get(key, param.initial))
        return self._typed[key]

    def rows(self) -> list[dict]:
        """Every parameter with its value, in declaration order (the public page and the form)."""
        return [{"param": p, "value": self[p.key], "display": p.display(self[p.key])} for p in PARAMETERS]


def in_wan(amount) -> str:
    """Yuan in 万元 as the 办法 writes it (30000000 → 3000)."""
    return f"{(Decimal(amount) / 10000).normalize():f}"


def wording(policy: PolicyValues) -> dict[str, str]:
    """The values for fixed texts that state them (`%(key)s` in the 办事指南, the public home, letters), so a
    text never repeats a number the policy holds: money in 万元, the rest as written."""
    return {p.key: in_wan(policy[p.key]) if p.kind == MONEY else str(policy[p.key])
            for p in PARAMETERS if p.kind not in (TABLE, CRITERIA)}


def first_version_values() -> PolicyValues:
    """Version 1 without the database: pure rule tests and the migration that stores it."""
    return PolicyValues(1, initial_values(), FIRST_EFFECTIVE_FROM)


def policy_in_force(on: date) -> PolicyValues:
    """The published version in force on `on`: one indexed query. A day before version 1's effective date
    is judged by version 1 (the portal knows no rules older than the 办法)."""
    from .models import PolicyVersion

    version = PolicyVersion.in_force(on)
    if version is None:
        raise ImproperlyConfigured("no published policy version: run the migrations (portal 0008)")
    return version.policy


def published_versions() -> list[PolicyValues]:
    """Every published version, the latest effective date first (one query; statistics over many days)."""
    from .models import PolicyVersion, PolicyVersionStatus

    rows = PolicyVersion.objects.filter(status=PolicyVersionStatus.PUBLISHED).order_by("-effective_from", "-number")
    return [row.policy for row in rows]


def version_on(day: date, versions: list[PolicyValues]) -> PolicyValues:
    """Of `published_versions()` (latest first), the one in force on `day`, without a query."""
    return next((v for v in versions if v.effective_from <= day), versions[-1])


def ensure_first_version(sender=None, using="default", **kwargs) -> None:
    """post_migrate: version 1 again when a flush emptied the table (the suite's transactional tests do)."""
    from django.db import connections

    from .models import PolicyVersion, PolicyVersionStatus

    if PolicyVersion._meta.db_table not in connections[using].introspection.table_names():
        return
    if not PolicyVersion.objects.using(using).filter(number=1).exists():
        from django.utils import timezone

        PolicyVersion.objects.using(using).create(
            number=1, status=PolicyVersionStatus.PUBLISHED, values=validate(initial_values()), basis=FIRST_BASIS,
            effective_from=FIRST_EFFECTIVE_FROM, summary=str(_("《太原市二手车出口企业管理办法（暂行）》施行时的取值")),
            published_at=timezone.now(),
        )


PolicyReader = Callable[[date], PolicyValues]
