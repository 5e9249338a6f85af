"""办法第三条第1项: the 统一社会信用代码 (GB 32100-2015) and registration in Taiyuan."""

import pytest

from applications import rules
from applications.models import Application
from portal.demo import APPLICANT_USCC, PILOT_USCC
from portal.identifiers import make_org_code, make_uscc
from portal.policy import first_version_values

V1 = first_version_values()  # issue 24: the thresholds of version 1 (the 办法 as it took effect)

LETTER_PREFIX_USCC = make_uscc("Y1140105" + make_org_code("MA0K7Q31"))  # stdnum wrongly rejects these


@pytest.mark.parametrize("code", [PILOT_USCC, APPLICANT_USCC, LETTER_PREFIX_USCC, "91350100M000100Y43"])
def test_valid_uscc_examples_pass_article_3_1(code):
    assert rules.is_uscc_valid(code)


@pytest.mark.parametrize(
    "code",
    [
        PILOT_USCC[:17] + ("0" if PILOT_USCC[17] != "0" else "1"),  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000100YI3",  # I is not in the alphabet
        "91350100O000100Y43",  # O is not in the alphabet
        "",
    ],
)
def test_invalid_uscc_examples_fail_article_3_1(code):
    assert not rules.is_uscc_valid(code)


@pytest.mark.parametrize("district", ["140105", "140110", "140121", "140123", "140181", "140171"])
def test_taiyuan_districts_counties_gujiao_and_the_demonstration_zone_pass_article_3_1(district):
    assert rules.is_registered_in_taiyuan(district)


@pytest.mark.parametrize("district", ["140202", "140100", "110105", "140111", ""])
def test_a_district_outside_taiyuan_fails_article_3_1(district):
    assert not rules.is_registered_in_taiyuan(district)


def _taiyuan_check(uscc, district):
    checks = rules.hard_checks(Application(uscc=uscc, registered_district=district), V1)
    return next(c for c in checks if c.code == "registered_in_taiyuan")


def test_a_uscc_division_outside_taiyuan_is_flagged_without_changing_passed_article_3_1():
    beijing = make_uscc("91110105" + make_org_code("MA0K7Q31"))
    check = _taiyuan_check(beijing, "140105")
    assert check.passed is True
    assert "110105" in check.note


def test_a_uscc_naming_the_city_or_a_retired_code_is_not_flagged_article_3_1():
    city = make_uscc("91140100" + make_org_code("MA0K7Q31"))
    retired = make_uscc("91140111" + make_org_code("MA0K7Q31"))
    assert _taiyuan_check(city, "140109").note == ""
    assert _taiyuan_check(retired, "140109").note == ""
