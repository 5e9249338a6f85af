"""The compliance rules as pure functions over plain values, each naming its article.

The table RULES is the one source of each rule's code, article and message; the set-based sweep in
sweep.py evaluates the same deadlines in SQL (AddMonths there is add_months here).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from portal.dates import add_months
from portal.errors import Rule

from .models import RevocationGround, RuleCode


@dataclass(frozen=True)
class DeadlineRule:
    rule: Rule
    # The policy parameter (portal.policy, issue 24) holding its months: add_months(start, months) is the due
    # date; None: set per record (the order's deadline, the licence's validity).
    months_key: str | None
    ends_with_pilot: bool  # no longer created or judged once the enterprise has left the pilot
    revocation_ground: str | None = None  # a breach opens a revocation case on this ground


RULES: dict[str, DeadlineRule] = {
    RuleCode.DEREGISTRATION_2M: DeadlineRule(
        Rule("deregistration_2m", "办法第六条", _("车辆海关放行后2个月内须办理注销登记。")), "deregistration_months", False
    ),
    RuleCode.FIRST_EXPORT_6M: DeadlineRule(
        Rule("first_export_6m", "办法第八条", _("确定为试点企业后6个月内须开展二手车出口业务。")), "first_export_months", True
    ),
    RuleCode.NETWORKS_9M: DeadlineRule(
        Rule("networks_9m", "办法第八条", _("确定为试点企业后9个月内须建立海外销售网络、售后服务网络和汽配件供应体系，并经市商务局认可。")),
        "networks_months", True,
    ),
    RuleCode.SCALE_3Y: DeadlineRule(
        Rule("scale_3y", "办法第八条", _("确定为试点企业后3年内出口数量须达到市商务局确定的规模。")), "scale_months", True
    ),
    RuleCode.NO_EXPORT_12M: DeadlineRule(
        Rule("no_export_12m", "办法第十二条第2项", _("试点企业连续12个月没有二手车出口实绩的，取消试点资格。")),
        "no_export_months", True, RevocationGround.NO_EXPORT_12M,
    ),
    RuleCode.RECTIFICATION: DeadlineRule(
        Rule("rectification", "办法第十二条第6项", _("被市商务局责令限期整改的，须在期限内完成整改。")),
        None, False, RevocationGround.RECTIFICATION_OVERDUE,
    ),
    RuleCode.AFTERSALES_1Y: DeadlineRule(
        Rule("aftersales_1y", "办法第十四条", _("试点企业退出后，仍须承担已出口二手车1年内的售后服务责任。")), "aftersales_months", False
    ),
    RuleCode.LICENCE_EXPIRY: DeadlineRule(
        Rule("licence_expiry", "货物出口许可证管理办法", _("出口许可证有效期至签发之日起6个月与当年12月31日中较早者，逾期未使用即失效。")),
        None, False,
    ),
}

GROUND_ARTICLES = {
    RevocationGround.DISSOLVED_OR_BANKRUPT: "办法第十二条第1项",
    RevocationGround.NO_EXPORT_12M: "办法第十二条第2项",
    RevocationGround.SERIOUS_DISHONESTY: "办法第十二条第3项",
    RevocationGround.REFUSED_AFTERSALES_OR_SUPERVISION: "办法第十二条第4项",
    RevocationGround.TAX_FRAUD_LICENCE_FRAUD_OR_QUALITY_RISK: "办法第十二条第5项",
    RevocationGround.RECTIFICATION_OVERDUE: "办法第十二条第6项",
    RevocationGround.FALSE_CUSTOMS_DECLARATION: "办法第十二条第7项",
    RevocationGround.OTHER: "办法第十二条第8项",
}

# Refusals of the compliance workflow (409 reasons).
WRONG_STATE = Rule("not_editable", "api.md", _("当前状态下不能办理此操作。"))
ANSWER_PERIOD_OVER = Rule("answer_period_over", "办法第十二条", _("陈述申辩期限已过。"))
ANSWER_PERIOD_OPEN = Rule("answer_period_open", "办法第十二条", _("陈述申辩期限未满且企业尚未陈述申辩，不能作出决定。"))
NOT_A_PILOT = Rule("not_in_good_standing", "办法第十三条", _("只有试点企业可以申请退出。"))
DEADLINE_PASSED = Rule("deadline_passed", "办法第十二条第6项", _("整改期限已过。"))
DEADLINE_NOT_IN_FUTURE = Rule("deadline_not_in_future", "办法第十二条第6项", _("整改期限须晚于今天。"))
# domain-rules v1.1: a case under 第十二条第6项 opens only after the rectification deadline passed
# unfulfilled; under 第十二条第2项 only when a 12-month window has no export.
RECTIFICATION_DEADLINE_RUNNING = Rule(
    "rectification_deadline_running", "办法第十二条第6项",
    _("整改期限尚未届满或整改已完成，不能以逾期未完成整改为由立案。"),
)
NO_EXPORT_WINDOW_NOT_OVER = Rule(
    "no_export_window_not_over", "办法第十二条第2项",
    _("尚无连续12个月没有出口实绩的期间，不能以此为由立案。"),
)
# domain-rules v1.1: an adverse (and any countersigned) decision is prepared by one official and
# authorised by the head through case work; there is no other route.
NOT_COUNTERSIGNED = Rule(
    "not_prepared", "domain-rules.md v1.1",
    _("该决定须由经办人拟办、负责人签发（不得为同一人），请通过待签发决定办理。"),
)
DECISION_PENDING = Rule("not_editable", "domain-rules.md v1.1", _("该案件已有待签发的决定。"))
ALREADY_PUBLISHED = Rule("not_editable", "办法第十二条", _("该决定已公布。"))

# When no plan target is on file the 3-year scale defaults to this (domain-rules.md leaves it open).
DEFAULT_SCALE_WHEN_NO_PLAN = 1


def months(rule_code: str, policy) -> int:
    """The rule's period in months under `policy` (the version in force on the day it is judged, issue 24)."""
    return policy[RULES[rule_code].months_key]


def due_date(rule_code: str, start: date, policy) -> date:
    """The due date of a rule counted from `start` with add_months (domain-rules.md)."""
    return add_months(start, months(rule_code, policy))


def is_overdue(due_on: date, as_of: date) -> bool:
    """A deadline is met by an act on or before the due date; overdue from the day after."""
    return as_of > due_on


def overdue_since(due_on: date) -> date:
    return due_on + timedelta(days=1)


def met_in_time(act_on: date | None, due_on: date, as_of: date) -> bool:
    return act_on is not None and act_on <= due_on and act_on <= as_of


def days_left(due_on: date, today: date) -> int:
    return (due_on - today).days


def licence_valid_until(issued_on: date) -> date:
    """货物出口许可证管理办法: the earlier of add_months(issue, 6) and 31 December of its year."""
    return min(add_months(issued_on, 6), date(issued_on.year, 12, 31))


def plan_three_year_target(export_targets) -> int | None:
    """第四条/第八条: the plan's vehicles over its first 3 years.

    Applications store `{"year", "vehicles", "value"}` per year; `count` and bare numbers are read too.
    """
    if not export_targets:
        return None
    total = 0
    for entry in list(export_targets)[:3]:
        value = (entry.get("vehicles", entry.get("count")) if isinstance(entry, dict) else entry)
        try:
            total += int(value or 0)
        except (TypeError, ValueError):
            continue
    return total or None


def revocation_ground_for(rule_code: str) -> str | None:
    """第十二条第2、6项: the rules whose breach opens a revocation case."""
    return RULES[rule_code].revocation_ground


def rule_article(rule_code: str) -> str:
    return RULES[rule_code].rule.article
