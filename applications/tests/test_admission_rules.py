"""办法第三条 admission rules at and around each threshold (pure functions and check_eligibility)."""

from decimal import Decimal

import pytest

from applications import rules, services
from applications.models import Application
from portal.policy import first_version_values

from .helpers import TODAY, draft_for, submitted_for

V1 = first_version_values()  # the 办法 as it took effect (issue 24: thresholds are policy versions)
CAPITAL_MIN, ASSETS_MIN, YEARS = V1["registered_capital_min"], V1["paid_in_or_net_assets_min"], V1["plan_target_years"]


def _checks(**fields) -> dict:
    application = Application(uscc="", registered_district="", **fields)
    return {c.code: c for c in rules.hard_checks(application, V1)}


def test_registered_capital_of_exactly_30_million_passes_article_3_2():
    assert rules.meets_registered_capital(Decimal("30000000"), CAPITAL_MIN)
    assert rules.meets_registered_capital(Decimal("30000000.00"), CAPITAL_MIN)


def test_registered_capital_of_29_999_999_99_fails_article_3_2():
    assert not rules.meets_registered_capital(Decimal("29999999.99"), CAPITAL_MIN)


def test_missing_registered_capital_fails_article_3_2():
    result = _checks(registered_capital=None)["registered_capital"]
    assert result.passed is False
    assert str(result.article) == "办法第三条第2项"


def test_paid_in_capital_of_exactly_20_million_passes_article_3_2():
    assert rules.meets_paid_in_or_net_assets(Decimal("20000000.00"), None, ASSETS_MIN)


def test_paid_in_just_below_20_million_passes_with_net_assets_of_20_million_article_3_2():
    assert rules.meets_paid_in_or_net_assets(Decimal("19999999.99"), Decimal("20000000"), ASSETS_MIN)


def test_paid_in_and_net_assets_both_below_20_million_fail_article_3_2():
    assert not rules.meets_paid_in_or_net_assets(Decimal("19999999.99"), Decimal("19999999.99"), ASSETS_MIN)
    assert not rules.meets_paid_in_or_net_assets(None, None, ASSETS_MIN)


@pytest.mark.parametrize(
    ("field", "value", "code", "passed"),
    [
        ("independent_legal_person", True, "independent_legal_person", True),
        ("independent_legal_person", False, "independent_legal_person", False),
        ("has_import_export_rights", True, "import_export_rights", True),
        ("has_import_export_rights", False, "import_export_rights", False),
        ("violations_last_2_years", False, "no_violations_2y", True),
        ("violations_last_2_years", True, "no_violations_2y", False),
        ("fiscal_arrears", False, "no_fiscal_arrears", True),
        ("fiscal_arrears", True, "no_fiscal_arrears", False),
        ("credit_record_clean", True, "credit_clean", True),
        ("credit_record_clean", False, "credit_clean", False),
        ("credit_record_clean", None, "credit_clean", False),
    ],
)
def test_declared_facts_of_article_3_decide_their_hard_criterion(field, value, code, passed):
    assert _checks(**{field: value})[code].passed is passed


def test_every_hard_criterion_of_article_3_names_its_code_and_article():
    codes = {c.code: str(c.article) for c in rules.hard_checks(Application(uscc="", registered_district=""), V1)}
    assert codes == {
        "registered_in_taiyuan": "办法第三条第1项",
        "uscc_valid": "办法第三条第1项",
        "independent_legal_person": "办法第三条第1项",
        "registered_capital": "办法第三条第2项",
        "paid_in_or_net_assets": "办法第三条第2项",
        "import_export_rights": "办法第三条第4项",
        "no_violations_2y": "办法第三条第1项",
        "no_fiscal_arrears": "办法第三条第1项",
        "credit_clean": "办法第三条第1项",
    }


def test_judgement_criteria_of_article_3_stay_null_until_an_officer_records_a_finding(enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)
    judgement = {c.code: c.passed for c in rules.check_eligibility(application, V1) if not c.hard}
    assert judgement == dict.fromkeys(rules.JUDGEMENT_RULES)

    services.record_finding(application, code="sourcing_capacity", passed=True, evidence="车源协议 20 份",
                            actor=bureau_officer, today=TODAY)
    judgement = {c.code: c.passed for c in rules.check_eligibility(application, V1) if not c.hard}
    assert judgement["sourcing_capacity"] is True
    assert judgement["overseas_channels"] is None


def test_judgement_and_priority_factors_never_block_eligibility_article_3_4(enterprise_user):
    application = draft_for(enterprise_user, overseas_outlets=[], logistics_park_or_china_europe_railway="")
    checks = rules.check_eligibility(application, V1)
    assert rules.is_eligible(checks)
    assert all(p.passed is False for p in rules.priority_factors(application))


def test_article_4_needs_export_targets_for_at_least_three_years():
    two_years = [{"year": 2027, "vehicles": 1, "value": "1"}, {"year": 2028, "vehicles": 1, "value": "1"}]
    assert not rules.has_enough_export_targets(two_years, YEARS)
    assert rules.has_enough_export_targets(two_years + [{"year": 2029, "vehicles": 0, "value": "0"}], YEARS)
    assert not rules.has_enough_export_targets(two_years + [{"year": 2028, "vehicles": 5, "value": "5"}], YEARS)


def test_article_text_is_shown_beside_each_check():
    check = _checks()["registered_capital"]
    assert "3000 万元" in check.article_text
