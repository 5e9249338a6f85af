"""办法第五条第1、4项: rounds, the criteria split summing to 100, accepted applications, expert members."""

import pytest

from applications.models import ApplicationStatus
from portal.policy import first_version_values
from review.models import ReviewRound
from review.rules import criteria_split_errors

from .factories import accepted_application

DEFAULT_CRITERIA = first_version_values()["review_criteria"]  # version 1's split (issue 24)

pytestmark = pytest.mark.django_db


def test_the_default_split_of_article_5_sums_to_100_and_is_accepted():
    assert sum(DEFAULT_CRITERIA.values()) == 100
    assert criteria_split_errors(DEFAULT_CRITERIA) == []


def test_a_split_that_does_not_sum_to_100_is_refused_by_article_5():
    split = dict(DEFAULT_CRITERIA, basic_conditions=20)
    assert criteria_split_errors(split)


def test_opening_a_round_without_criteria_uses_the_default_split_and_quorum_3(api, bureau_officer):
    response = api(bureau_officer).post("/api/v1/review/rounds/", {"name": "2026年第一批"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["criteria"] == DEFAULT_CRITERIA
    assert body["quorum"] == 3
    assert body["status"] == "open"
    assert set(body) >= {"id", "name", "criteria", "quorum", "status"}


def test_a_round_whose_maxima_do_not_sum_to_100_is_a_400_naming_criteria(api, bureau_officer):
    criteria = dict(DEFAULT_CRITERIA, traceability=15)
    response = api(bureau_officer).post("/api/v1/review/rounds/", {"name": "x", "criteria": criteria}, format="json")
    assert response.status_code == 400
    assert "criteria" in response.json()
    assert not ReviewRound.objects.exists()


def test_a_changed_split_that_still_sums_to_100_is_kept(api, bureau_officer):
    criteria = dict(DEFAULT_CRITERIA, basic_conditions=20, new_trade_formats=5)
    response = api(bureau_officer).post("/api/v1/review/rounds/", {"name": "x", "criteria": criteria, "quorum": 5},
                                        format="json")
    assert response.status_code == 201
    assert response.json()["criteria"]["basic_conditions"] == 20
    assert response.json()["quorum"] == 5


def test_an_expert_may_not_open_a_round(api, expert):
    assert api(expert).post("/api/v1/review/rounds/", {"name": "x"}, format="json").status_code == 403


def test_only_an_accepted_application_can_be_added_409_not_accepted(api, bureau_officer):
    review_round = api(bureau_officer).post("/api/v1/review/rounds/", {"name": "x"}, format="json").json()
    application = accepted_application()
    application.status = ApplicationStatus.SUBMITTED
    application.save()
    response = api(bureau_officer).post(f"/api/v1/review/rounds/{review_round['id']}/applications/",
                                        {"application": application.pk}, format="json")
    assert response.status_code == 409
    assert response.json()["reasons"][0]["code"] == "not_accepted"


def test_adding_an_accepted_application_puts_it_in_review(api, bureau_officer):
    review_round = api(bureau_officer).post("/api/v1/review/rounds/", {"name": "x"}, format="json").json()
    application = accepted_application()
    response = api(bureau_officer).post(f"/api/v1/review/rounds/{review_round['id']}/applications/",
                                        {"application": application.pk}, format="json")
    assert response.status_code == 201
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW


def test_a_panel_member_must_hold_the_expert_role_else_400(api, bureau_officer, police_officer, expert):
    review_round = api(bureau_officer).post("/api/v1/review/rounds/", {"name": "x"}, format="json").json()
    url = f"/api/v1/review/rounds/{review_round['id']}/members/"
    refused = api(bureau_officer).post(url, {"username": police_officer.username}, format="json")
    assert refused.status_code == 400
    assert "username" in refused.json()
    added = api(bureau_officer).post(url, {"username": expert.username}, format="json")
    assert added.status_code == 201
    assert added.json()["username"] == expert.username
    assert expert.notifications.filter(code="review.member.added").exists()
