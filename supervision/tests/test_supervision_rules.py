"""The pure rules of supervision/rules.py, each with its article."""

from datetime import date

from supervision import rules


def test_complaint_answer_is_overdue_only_after_the_due_date_per_implementation_plan_3_4():
    """实施方案三(四)."""
    assert not rules.is_answer_overdue(date(2026, 10, 15), None, date(2026, 10, 15))
    assert rules.is_answer_overdue(date(2026, 10, 15), None, date(2026, 10, 16))
    assert not rules.is_answer_overdue(date(2026, 10, 15), date(2026, 10, 20), date(2026, 10, 21))


def test_only_a_serious_complaint_may_lead_to_revocation_per_implementation_plan_3_4():
    """实施方案三(四)."""
    assert rules.may_request_revocation("serious")
    assert not rules.may_request_revocation("major")


def test_article_4_plan_targets_read_pilot_years_and_calendar_years():
    """办法第四条."""
    pilot_years = rules.plan_targets([{"year": 1, "vehicles": 10, "value": "100"}], date(2025, 3, 1))
    assert (pilot_years[0]["start"], pilot_years[0]["end"], pilot_years[0]["count"]) == (
        date(2025, 3, 1), date(2026, 2, 28), 10)
    calendar = rules.plan_targets({"2026": {"count": 5}}, date(2025, 3, 1))
    assert (calendar[0]["start"], calendar[0]["end"], calendar[0]["count"]) == (date(2026, 1, 1), date(2026, 12, 31), 5)


def test_quarters_of_the_evaluation_report_per_implementation_plan_5_3():
    """实施方案五(三)."""
    assert rules.quarter_bounds("2026-Q1") == (date(2026, 1, 1), date(2026, 3, 31))
    assert rules.quarter_bounds("2024q4") == (date(2024, 10, 1), date(2024, 12, 31))
    assert rules.quarter_bounds("2026-Q5") is None
    assert rules.quarter_of(date(2026, 8, 5)) == "2026-Q3"


def test_personal_data_is_masked_in_lists():
    assert rules.mask_name("张三丰") == "张**"
    assert rules.mask_name("Aibek Nurlan") == "A**** N*****"
    assert rules.mask_phone("13812345678") == "138****5678"
    assert rules.mask_email("aibek@example.kz") == "a***@example.kz"
    assert rules.mask_phone("") == ""
