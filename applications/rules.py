"""The admission check of 办法第三条 and the plan requirements of 第四条, as pure functions.

Each rule's code, article and message live once in RULES; the eligibility endpoint, the
submission refusal and the applicant's checklist all read them from there.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from portal.errors import Rule
from portal.identifiers import TAIYUAN_USCC_DIVISIONS, check_uscc, is_taiyuan_district, uscc_division
from portal.policy import in_wan

# The thresholds (3000 万元, 2000 万元, 3 years of targets) are policy (portal.policy, issue 24): each
# function takes the values of the version that judges the application (`policy`).

ART_3_1 = _("办法第三条第1项")
ART_3_2 = _("办法第三条第2项")
ART_3_3 = _("办法第三条第3项")
ART_3_4 = _("办法第三条第4项")
ART_4 = _("办法第四条")

# The text of the articles, shown beside the checklist (seed: 太原市二手车出口企业管理办法(暂行)).
ARTICLE_TEXT = (
    (ART_3_1, _(
        "企业在太原市依法注册，具有独立法人资格，产权明晰，独立核算，财务管理制度健全，经济效益良好，"
        "会计、纳税和银行信用等方面无不良记录，近 2 年来无违法违规行为，未拖欠应缴还的财政性资金。"
    )),
    (ART_3_2, _("企业注册资本不得低于 3000 万元人民币。实缴资本不低于 2000 万元人民币，或具备相应的净资产。")),
    (ART_3_3, _("企业或企业投资方具有对外贸易相关经验，具有较强的二手车车源整合能力。")),
    (ART_3_4, _(
        "企业具有进出口经营权，企业或企业投资方应具备海外贸易渠道，熟知出口目的国汽车产业政策；"
        "通过自建或合作形式在出口目的国建立维修及零配件供应体系。应具备稳定运营的海外自有网点，"
        "在目标市场国家具有一定市场资源优势或国际物流园区、中欧班列等平台优势的企业同等条件下可优先考虑。"
    )),
    (ART_4, _(
        "符合准入条件的二手车出口试点企业，可向市商务局提出申请，如实提交申请材料、二手车出口项目经营计划书"
        "（内容包括投资计划、经营模式、出口目标等）。"
    )),
)


def article_text(article) -> str:
    """The text of an article label of this module (labels are lazy, so compared by identity)."""
    return next((str(text) for label, text in ARTICLE_TEXT if label is article), "")


# Hard criteria: a failure blocks submission (409).
REGISTERED_IN_TAIYUAN = Rule(
    "registered_in_taiyuan", ART_3_1, _("注册地须为太原市所辖区、县（市）或山西转型综合改革示范区。")
)
USCC_VALID = Rule("uscc_valid", ART_3_1, _("统一社会信用代码须为 18 位且校验码正确（GB 32100-2015）。"))
INDEPENDENT_LEGAL_PERSON = Rule("independent_legal_person", ART_3_1, _("须具有独立法人资格。"))
REGISTERED_CAPITAL = Rule("registered_capital", ART_3_2, _("注册资本不得低于 %(amount)s 万元人民币。"))
PAID_IN_OR_NET_ASSETS = Rule(
    "paid_in_or_net_assets", ART_3_2, _("实缴资本不低于 %(amount)s 万元人民币，或净资产不低于 %(amount)s 万元人民币。")
)
IMPORT_EXPORT_RIGHTS = Rule("import_export_rights", ART_3_4, _("须具有进出口经营权。"))
NO_VIOLATIONS_2Y = Rule("no_violations_2y", ART_3_1, _("近 2 年来无违法违规行为。"))
NO_FISCAL_ARREARS = Rule("no_fiscal_arrears", ART_3_1, _("未拖欠应缴还的财政性资金。"))
CREDIT_CLEAN = Rule("credit_clean", ART_3_1, _("会计、纳税和银行信用等方面无不良记录。"))

# Judgement criteria: passed is null until a bureau officer records a finding.
JUDGEMENT_RULES = {
    "foreign_trade_experience": Rule(
        "foreign_trade_experience", ART_3_3, _("企业或企业投资方具有对外贸易相关经验（待商务局评判）。")
    ),
    "sourcing_capacity": Rule("sourcing_capacity", ART_3_3, _("具有较强的二手车车源整合能力（待商务局评判）。")),
    "overseas_channels": Rule("overseas_channels", ART_3_4, _("企业或企业投资方具备海外贸易渠道（待商务局评判）。")),
    "destination_policy_knowledge": Rule(
        "destination_policy_knowledge", ART_3_4, _("熟知出口目的国汽车产业政策（待商务局评判）。")
    ),
    "repair_parts_system": Rule(
        "repair_parts_system", ART_3_4, _("通过自建或合作在出口目的国建立维修及零配件供应体系（待商务局评判）。")
    ),
}

# Priority factors: shown to the panel, never blocking.
PRIORITY_RULES = {
    "overseas_outlets": Rule("overseas_outlets", ART_3_4, _("具备稳定运营的海外自有网点（同等条件下优先）。")),
    "logistics_park_or_china_europe_railway": Rule(
        "logistics_park_or_china_europe_railway", ART_3_4, _("具有国际物流园区、中欧班列等平台优势（同等条件下优先）。")
    ),
}

# 第四条: what the business plan must carry before submission.
BUSINESS_PLAN = Rule("business_plan", ART_4, _("须提交二手车出口项目经营计划书（文字或文件）。"))
INVESTMENT_PLAN = Rule("investment_plan", ART_4, _("经营计划书须包括投资计划。"))
BUSINESS_MODEL = Rule("business_model", ART_4, _("经营计划书须包括经营模式。"))
EXPORT_TARGETS = Rule(
    "export_targets", ART_4, _("经营计划书须包括至少前 %(years)s 年每年的出口目标（数量和金额）。")
)

FIELD_MISSING = _("尚未填写。")
USCC_DIVISION_MISMATCH = _("统一社会信用代码第 3–8 位（%(division)s）与注册地代码不一致，已标记待人工核对。")


@dataclass(frozen=True)
class CheckResult:
    code: str
    article: str
    passed: bool | None
    message: str
    note: str = ""  # a flag for the reviewer that does not change `passed`
    hard: bool = True

    @property
    def article_text(self) -> str:
        return article_text(self.article)

    def as_dict(self) -> dict:
        return {"code": self.code, "article": str(self.article), "passed": self.passed, "message": str(self.message),
                "note": str(self.note)}


def _result(rule: Rule, passed: bool | None, *, note: str = "", hard: bool = True, missing: bool = False,
            values: dict | None = None) -> CheckResult:
    message = rule.message % values if values else rule.message
    message = f"{message}{FIELD_MISSING}" if missing else message
    return CheckResult(rule.code, rule.article, passed, message, note, hard)


_wan = in_wan


# --- 第三条第1项 -----------------------------------------------------------------------------


def is_uscc_valid(uscc: str) -> bool:
    """第三条第1项 (依法注册): GB 32100-2015 check character over the 31-character alphabet."""
    return check_uscc(uscc).valid


def is_registered_in_taiyuan(district: str) -> bool:
    """第三条第1项 (在太原市依法注册): one of Taiyuan's divisions or the 示范区 (140171)."""
    return is_taiyuan_district((district or "").strip())


def uscc_division_mismatch(uscc: str, district: str) -> str:
    """The USCC's characters 3–8 when they name neither the district, the city nor a retired code."""
    division = uscc_division((uscc or "").strip().upper())
    if len(division) != 6 or division == district or division in TAIYUAN_USCC_DIVISIONS:
        return ""
    return division


def meets_registered_capital(amount: Decimal | None, minimum: Decimal) -> bool:
    """第三条第2项: registered capital ≥ the policy's minimum (30,000,000 yuan in version 1; exactly it passes)."""
    return amount is not None and Decimal(amount) >= minimum


def meets_paid_in_or_net_assets(paid_in: Decimal | None, net_assets: Decimal | None, minimum: Decimal) -> bool:
    """第三条第2项: paid-in capital or net assets ≥ the policy's minimum (20,000,000 yuan in version 1)."""
    return any(v is not None and Decimal(v) >= minimum for v in (paid_in, net_assets))


def _flag(value: bool | None, *, good_when: bool) -> bool | None:
    return None if value is None else value is good_when


USCC_INNER_CODE_MISMATCH = _(
    "统一社会信用代码第9–17位（组织机构代码）的校验码不符合 GB 11714-1997，请核对营业执照。")


def uscc_inner_code_note(uscc: str) -> str:
    """第三条第1项: a valid USCC whose inner organisation code (GB 11714) has a wrong check character
    is flagged for the officer; it does not change `passed` (old codes were issued so)."""
    check = check_uscc(uscc or "")
    return str(USCC_INNER_CODE_MISMATCH) if check.valid and check.inner_code_mismatch else ""


def has_owned_outlet(outlets) -> bool:
    """第三条第4项: the priority factor is 海外自有网点 — an outlet declared owned, not a partner's."""
    return any(isinstance(o, dict) and o.get("ownership") == "owned" for o in outlets or [])


def hard_checks(application, policy) -> list[CheckResult]:
    """The hard criteria of 第三条 over the declared facts, with the thresholds of `policy` (the version
    in force on the submission day); an unanswered fact fails."""
    a = application
    capital_min, assets_min = policy["registered_capital_min"], policy["paid_in_or_net_assets_min"]
    mismatch = uscc_division_mismatch(a.uscc, a.registered_district)
    note = USCC_DIVISION_MISMATCH % {"division": mismatch} if mismatch else ""
    results = [
        _result(REGISTERED_IN_TAIYUAN, is_registered_in_taiyuan(a.registered_district), note=note,
                missing=not a.registered_district),
        _result(USCC_VALID, is_uscc_valid(a.uscc), missing=not a.uscc, note=uscc_inner_code_note(a.uscc)),
    ]
    booleans = [
        (INDEPENDENT_LEGAL_PERSON, a.independent_legal_person, True),
        (IMPORT_EXPORT_RIGHTS, a.has_import_export_rights, True),
        (NO_VIOLATIONS_2Y, a.violations_last_2_years, False),
        (NO_FISCAL_ARREARS, a.fiscal_arrears, False),
        (CREDIT_CLEAN, a.credit_record_clean, True),
    ]
    results.insert(2, _result(REGISTERED_CAPITAL, meets_registered_capital(a.registered_capital, capital_min),
                              missing=a.registered_capital is None, values={"amount": _wan(capital_min)}))
    results.insert(3, _result(PAID_IN_OR_NET_ASSETS,
                              meets_paid_in_or_net_assets(a.paid_in_capital, a.net_assets, assets_min),
                              missing=a.paid_in_capital is None and a.net_assets is None,
                              values={"amount": _wan(assets_min)}))
    for rule, value, good_when in booleans:
        passed = _flag(value, good_when=good_when)
        results.append(_result(rule, bool(passed), missing=passed is None))
    return results


def judgement_checks(findings: dict[str, bool]) -> list[CheckResult]:
    """Judgement criteria: null until a bureau officer records a finding (`findings`: code → passed)."""
    return [_result(rule, findings.get(code), hard=False) for code, rule in JUDGEMENT_RULES.items()]


def check_eligibility(application, policy) -> list[CheckResult]:
    """GET /applications/{id}/eligibility/: the hard criteria, then the judgement criteria."""
    findings = {f.code: f.passed for f in application.findings.all()} if application.pk else {}
    return hard_checks(application, policy) + judgement_checks(findings)


def is_eligible(results: list[CheckResult]) -> bool:
    return all(r.passed is True for r in results if r.hard)


def priority_factors(application) -> list[CheckResult]:
    """Shown to the panel, never blocking: passed says only whether the applicant declared it."""
    return [
        _result(PRIORITY_RULES["overseas_outlets"], has_owned_outlet(application.overseas_outlets), hard=False),
        _result(PRIORITY_RULES["logistics_park_or_china_europe_railway"],
                bool(application.logistics_park_or_china_europe_railway.strip()), hard=False),
    ]


def has_enough_export_targets(targets: list[dict], years_required: int) -> bool:
    """第四条: at least `years_required` (the policy's; 3 in version 1) distinct years, each with a vehicle
    count and a value."""
    years = {
        t.get("year") for t in targets or []
        if isinstance(t, dict) and t.get("year") and t.get("vehicles") not in (None, "")
        and t.get("value") not in (None, "")
    }
    return len(years) >= years_required


def plan_checks(application, policy, *, has_plan_document: bool) -> list[CheckResult]:
    """第四条: business plan (text or document) with investment plan, business model and targets."""
    a = application
    return [
        _result(BUSINESS_PLAN, bool(a.business_plan.strip()) or has_plan_document),
        _result(INVESTMENT_PLAN, bool(a.investment_plan.strip())),
        _result(BUSINESS_MODEL, bool(a.business_model.strip())),
        _result(EXPORT_TARGETS, has_enough_export_targets(a.export_targets, policy["plan_target_years"]),
                values={"years": policy["plan_target_years"]}),
    ]


def submission_refusals(results: list[CheckResult]) -> list[CheckResult]:
    """What blocks submission: every hard criterion and plan requirement that is not met."""
    return [r for r in results if r.hard and r.passed is not True]
