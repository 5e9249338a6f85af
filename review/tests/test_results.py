"""办法第五条第4项: 最终得分取评审小组成员评分的平均分 — half-up, 2 decimals, with Decimal; the quorum."""

from decimal import ROUND_HALF_EVEN, Decimal

import pytest

from review.rules import compute_result, mean_half_up

from .factories import full_marks_but, round_with, submit

pytestmark = pytest.mark.django_db


def test_article_5_mean_rounds_half_up_where_bankers_rounding_goes_down():
    # 340.1 / 4 = 85.025: banker's rounding (ROUND_HALF_EVEN, Python's round) gives 85.02; half-up 85.03.
    totals = [Decimal("85.0"), Decimal("85.0"), Decimal("85.0"), Decimal("85.1")]
    assert (sum(totals) / 4).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN) == Decimal("85.02")
    assert mean_half_up(totals) == Decimal("85.03")


def test_article_5_mean_of_a_repeating_fraction_keeps_two_decimals():
    assert mean_half_up([Decimal("80.1"), Decimal("80.2"), Decimal("80.2")]) == Decimal("80.17")
    assert mean_half_up([Decimal("70"), Decimal("70"), Decimal("71")]) == Decimal("70.33")
    assert mean_half_up([Decimal("0.1"), Decimal("0.2")]) == Decimal("0.15")


def test_article_5_per_criterion_means_spread_and_outlier_flag():
    sheets = {
        "a": {"basic_conditions": Decimal("15"), "business_plan": Decimal("10")},
        "b": {"basic_conditions": Decimal("12.5"), "business_plan": Decimal("10")},
        "c": {"basic_conditions": Decimal("2"), "business_plan": Decimal("1")},
    }
    result = compute_result(sheets, ["basic_conditions", "business_plan"], Decimal("10"))
    assert result.per_criterion == {"basic_conditions": Decimal("9.83"), "business_plan": Decimal("7.00")}
    assert result.spread == {"basic_conditions": Decimal("13"), "business_plan": Decimal("9")}
    assert result.final_score == Decimal("16.83")
    assert result.outliers == ("c",)


def test_closing_below_the_quorum_is_a_409_below_quorum(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    submit(entry, panel[0], full_marks_but(review_round))
    submit(entry, panel[1], full_marks_but(review_round))
    response = api(bureau_officer).post(f"/api/v1/review/rounds/{review_round.pk}/close-scoring/")
    assert response.status_code == 409
    assert response.json()["reasons"][0]["code"] == "below_quorum"
    review_round.refresh_from_db()
    assert review_round.status == "open"


def test_closing_with_the_quorum_publishes_the_half_up_mean_to_the_bureau(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, members=4, quorum=4)
    # totals 85.0, 85.0, 85.0, 85.1 → 85.025 → 85.03
    low = full_marks_but(review_round, basic_conditions=0, business_plan=0, sourcing_capacity=15,
                         supporting_services=10, overseas_channels=15, parts_aftersales=10, traceability=10,
                         new_trade_formats=10)
    low["basic_conditions"], low["business_plan"] = 7.5, 7.5
    for member in panel[:3]:
        submit(entry, member, low)
    submit(entry, panel[3], dict(low, business_plan=7.6))
    response = api(bureau_officer).post(f"/api/v1/review/rounds/{review_round.pk}/close-scoring/")
    assert response.status_code == 200
    assert response.json()["status"] == "scoring_closed"
    body = api(bureau_officer).get(f"/api/v1/applications/{entry.application_id}/scores/").json()
    assert body["final_score"] == "85.03"
    assert body["submitted_sheets"] == 4
    assert body["per_criterion"]["business_plan"] == "7.53"
    assert body["spread"]["business_plan"] == "0.1"
    assert len(body["sheets"]) == 4


def test_scoring_after_close_is_refused(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, members=3, quorum=2)
    submit(entry, panel[0], full_marks_but(review_round))
    submit(entry, panel[1], full_marks_but(review_round))
    api(bureau_officer).post(f"/api/v1/review/rounds/{review_round.pk}/close-scoring/")
    response = api(panel[2]).put(f"/api/v1/applications/{entry.application_id}/my-score/",
                                 {"criteria": full_marks_but(review_round)}, format="json")
    assert response.status_code == 409
