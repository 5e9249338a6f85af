"""Case-work rules as pure functions over plain values, each naming its article.

CLOCK_RULES is the one table of each clock kind's article, message and default service time
(working days, overridable in settings.CASEWORK_SERVICE_WORKING_DAYS). Working days are counted
with portal.workdays on the calendar passed in, so these functions stay free of the database.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from portal.errors import Rule
from portal.periods import legal_period
from portal.workdays import WorkingCalendar

from .models import CaseKind, ClockKind, DiscrepancyKind, LetterKind


@dataclass(frozen=True)
class ClockRule:
    rule: Rule
    default_working_days: int | None  # None: the due date comes from the case (an obligation, a deadline)


CLOCK_RULES: dict[str, ClockRule] = {
    ClockKind.ENTERPRISE_DUTY: ClockRule(Rule("enterprise_duty", "domain-rules.md", _("企业义务按各规则的月数计算截止日期。")), None),
    ClockKind.INTAKE: ClockRule(Rule("intake", "办法第五条", _("市商务局自企业提交申请之日起在规定工作日内受理或通知补正。")), 5),
    ClockKind.LICENCE_ISSUE: ClockRule(
        Rule("licence_issue", "实施方案三(二)", _("市商务局自企业申领之日起在规定工作日内审核签发出口许可证。")), 10
    ),
    ClockKind.COMPLAINT_ANSWER: ClockRule(
        Rule("complaint_answer", "实施方案三(四)", _("市商务局自收到投诉之日起在规定工作日内办结并答复。")), 20
    ),
    ClockKind.INFORMATION: ClockRule(Rule("information", "办法第五条", _("企业须在补正期限内补正材料。")), None),
}

REMINDER_WORKING_DAYS = (7, 3, 1)

# Refusals of case work (409 reasons).
NOT_YOUR_ORGANISATION = Rule("not_editable", "api.md", _("该事项不在本单位的待办中。"))
ASSIGNEE_NOT_COLLEAGUE = Rule("not_editable", "api.md", _("只能指派给本单位的工作人员。"))
INFORMATION_NOT_OPEN = Rule("not_editable", "办法第五条", _("该补正通知已答复或已办结。"))
INFORMATION_ALREADY_OPEN = Rule("not_editable", "办法第五条", _("该事项已有未答复的补正通知。"))
DEADLINE_NOT_IN_FUTURE = Rule("deadline_not_in_future", "办法第五条", _("补正期限须晚于今天。"))

# Which agency must act on each discrepancy, and the article it offends.
DISCREPANCY_RULES: dict[str, tuple[str, Rule]] = {
    DiscrepancyKind.DEREGISTERED_BEFORE_CLEARANCE: (
        "police", Rule("deregistered_before_clearance", "办法第六条", _("注销登记须在海关放行之后办理。"))
    ),
    DiscrepancyKind.INSPECTED_AFTER_CLEARANCE: (
        "inspection_body", Rule("inspected_after_clearance", "实施方案三(三)", _("出口车辆须在放行前经检测（一车一检）。"))
    ),
    DiscrepancyKind.VIN_ON_TWO_LIVE_LICENCES: (
        "commerce_bureau", Rule("vin_on_two_live_licences", "货物出口许可证管理办法", _("一批一证：同一车辆不得同时列于两张有效许可证。"))
    ),
    DiscrepancyKind.EXPORT_BY_INELIGIBLE_ENTERPRISE: (
        "customs", Rule("export_by_ineligible_enterprise", "办法第十二条", _("被取消或暂停试点资格的企业不得出口。"))
    ),
    DiscrepancyKind.EXPORT_BAN_AFTER_ISSUE: (
        "commerce_bureau", Rule("export_ban_after_issue", "办法第七条", _("许可证所列车辆属禁止出口情形。"))
    ),
}


def service_working_days(kind: str, configured: dict | None = None) -> int | None:
    """The service time of a kind: the setting when given, else the table's default."""
    configured = configured or {}
    return configured.get(str(kind), CLOCK_RULES[kind].default_working_days)


def count_working_days(first: date, end_exclusive: date, calendar: WorkingCalendar) -> int:
    """Working days d with first ≤ d < end_exclusive: the length of a pause."""
    n, day = 0, first
    while day < end_exclusive:
        n += calendar.is_working_day(day)
        day += timedelta(days=1)
    return n


def extended_due(base_due_on: date, paused_working_days: int, calendar: WorkingCalendar | None = None):
    """A pause moves the due date by exactly the paused working days: the N-th working day after it.

    Answers (due date, the extension's WorkingPeriod or None).
    """
    if paused_working_days <= 0:
        return base_due_on, None
    period = legal_period(base_due_on, working_days=paused_working_days, calendar=calendar)
    return period.ends_on, period


def working_days_left(today: date, due_on: date, calendar: WorkingCalendar) -> int:
    """Working days after today up to and including the due date (0 on the due date)."""
    return count_working_days(today + timedelta(days=1), due_on + timedelta(days=1), calendar)


def reminder_threshold(days_left: int, thresholds=REMINDER_WORKING_DAYS) -> int | None:
    """The reminder that is due with `days_left` working days to go: the tightest threshold reached.

    A job that missed a day still sends the nearer reminder; the event key sends each once.
    """
    reached = [t for t in thresholds if days_left <= t]
    return min(reached) if reached and days_left >= 1 else None


# --- Decisions and their letters (issue 13 point 4) -------------------------------------------------
PLAN = "《太原市二手车出口企业管理办法（暂行）》"
SCHEME = "《太原市开展二手车出口业务实施方案》"


@dataclass(frozen=True)
class LetterRule:
    case_kinds: tuple[str, ...]  # the case a decision of this kind is prepared on
    article: str  # the default article; the officer may state it more precisely
    item: str
    number_prefix: str


LETTER_RULES: dict[str, LetterRule] = {
    LetterKind.REFUSAL: LetterRule((CaseKind.LICENCE,), PLAN + "第七条", "", "并商务不许"),
    LetterKind.LICENCE: LetterRule((CaseKind.LICENCE,), SCHEME + "三(二)", "", "并商务许"),
    LetterKind.RECTIFICATION: LetterRule(
        (CaseKind.DISCREPANCY, CaseKind.COMPLAINT, CaseKind.LICENCE, CaseKind.REVOCATION), PLAN + "第十二条", "第6项",
        "并商务整改"),
    LetterKind.REVOCATION: LetterRule((CaseKind.REVOCATION,), PLAN + "第十二条", "", "并商务撤"),
    LetterKind.PILOT_REFUSAL: LetterRule((CaseKind.APPLICATION,), PLAN + "第五条", "", "并商务试点不予"),
    # domain-rules v1.1: suspending or revoking a licence is adverse (prepared, authorised, a signed letter).
    LetterKind.LICENCE_SUSPENSION: LetterRule((CaseKind.LICENCE,), "《货物出口许可证管理办法》", "", "并商务许停"),
    LetterKind.LICENCE_REVOCATION: LetterRule((CaseKind.LICENCE,), "《货物出口许可证管理办法》", "", "并商务许撤"),
    LetterKind.EXIT_APPROVAL: LetterRule((CaseKind.EXIT,), PLAN + "第十三条", "", "并商务退"),
    LetterKind.EXIT_REFUSAL: LetterRule((CaseKind.EXIT,), PLAN + "第十三条", "", "并商务不退"),
    # 实施方案三(四): the order to act on an incident's vehicles abroad (adverse: two officials, a signed letter).
    LetterKind.INCIDENT_ORDER: LetterRule((CaseKind.INCIDENT,), SCHEME + "三(四)、" + PLAN + "第十二条", "",
                                          "并商务应急"),
}

# domain-rules v1.1: favourable decisions carry no rights paragraph (nor the appeal dates' table).
FAVOURABLE_LETTERS = (LetterKind.EXIT_APPROVAL, LetterKind.LICENCE)

# 行政复议法第二十条: 60 days from knowing of the decision; 行政诉讼法第四十六条: 6 months.
RECONSIDERATION_DAYS = 60
LITIGATION_MONTHS = 6

DECISION_NOT_PREPARED = Rule("not_prepared", "api.md", _("该决定不在待签发状态。"))
DECISION_ALREADY_PREPARED = Rule("not_editable", "api.md", _("该案件已有待签发的决定。"))
DECISION_KIND_NOT_FOR_CASE = Rule("not_editable", "api.md", _("该类案件不能拟办这一类决定。"))


def letter_deadlines(issued_on: date, calendar: WorkingCalendar | None = None) -> tuple[date, date]:
    """The last days to apply for reconsideration (60 days) and to sue (6 months), counted from the
    letter's issue, which the portal serves the same day, by the one legal-period rule
    (portal.periods: a last day on a rest day moves to the next working day)."""
    return (legal_period(issued_on, days=RECONSIDERATION_DAYS, calendar=calendar).ends_on,
            legal_period(issued_on, months=LITIGATION_MONTHS, calendar=calendar).ends_on)


def refusal_article(failed_articles, *, designation: bool = False) -> str:
    """The articles a pilot refusal rests on: those of the failed admission criteria (办法第三条 items,
    第四条 for the business plan) and 第五条 — the procedure that decides — when nothing failed or
    when the refusal is review's designation. `failed_articles` are labels like "办法第三条第3项"."""
    articles = list(dict.fromkeys(str(a).removeprefix("办法") for a in failed_articles))
    if designation or not articles:
        articles.append("第五条")
    return PLAN + "、".join(articles)


def grounds_text(failed: list[tuple[str, str]]) -> str:
    """The failed criteria as the letter states them, one per line."""
    if not failed:
        return ""
    lines = [f"{n}. {article}：{text}" for n, (article, text) in enumerate(failed, start=1)]
    return "\n".join([str(_("经审查，你单位不符合下列条件：")), *lines])


def letter_number(kind: str, year: int, serial: int) -> str:
    return f"{LETTER_RULES[kind].number_prefix}〔{year}〕{serial}号"


def decision_kinds_for(case_kind: str) -> list[str]:
    return [kind for kind, rule in LETTER_RULES.items() if case_kind in rule.case_kinds]


_FACTS_OPENING = ("经查，", "经查,", "经查：", "经查:", "经查")


def facts_once(facts: str) -> str:
    """The letter opens the facts with 经查，itself: an officer's text that starts so is not said twice."""
    text = facts.strip()
    for opening in _FACTS_OPENING:
        if text.startswith(opening):
            return text[len(opening):].lstrip()
    return text


def statement_paragraph(answered_on: date | None, statement: str, reply: str) -> str:
    """domain-rules v1.1: an adverse decision letter states the enterprise's statement (陈述、申辩)
    and the answer to it, or that none was made within the period."""
    if answered_on is None or not statement.strip():
        return str(_("你单位在规定期限内未提出陈述、申辩。"))
    return str(_("你单位于 %(on)s 提出陈述、申辩：%(statement)s 本局复核意见：%(reply)s") % {
        "on": answered_on.isoformat(), "statement": statement.strip(), "reply": reply.strip()})
