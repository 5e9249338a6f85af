"""Issue 20: the check every browser journey runs on every page it visits (tests/browser/codes.py) finds the
codes of the label tables and leaves ordinary words, VINs, numbers and links alone."""

from tests.browser.codes import person_facing_codes, raw_codes_in


def test_the_codes_come_from_the_label_tables():
    codes = person_facing_codes()
    for code in ("application.submitted", "first_export_6m", "seller_name", "basic_conditions", "registered_in_taiyuan"):
        assert code in codes, code


def test_a_raw_code_is_found_and_words_are_not():
    assert raw_codes_in("状态：first_export_6m · seller_name: 张三") == ["first_export_6m", "seller_name"]
    assert raw_codes_in("首次出口（6个月内） · 卖方名称：张三 · LSVAU2180N2183294 · 2026-12-05") == []
    assert raw_codes_in("/api/v1/applications/1/ first_export_6m_extra application.submitted.more") == []
