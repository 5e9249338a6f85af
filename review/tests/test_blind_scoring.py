"""办法第五条第4项: blind sheets — nobody sees another member's sheet before submitting their own."""

import pytest

from .factories import full_marks_but, round_with, submit

pytestmark = pytest.mark.django_db


def _url(entry, tail):
    return f"/api/v1/applications/{entry.application_id}/{tail}/"


def test_a_member_cannot_read_another_members_sheet_by_api_before_submitting(api, bureau_officer):
    review_round, (first, second, third), [entry] = round_with(bureau_officer)
    submit(entry, first, full_marks_but(review_round, business_plan=13))
    api(second).put(_url(entry, "my-score"), {"criteria": {"basic_conditions": 12}}, format="json")
    body = api(second).get(_url(entry, "scores")).json()
    assert [s["member"] for s in body["sheets"]] == [second.username]
    assert body["final_score"] is None


def test_after_submitting_a_member_sees_the_other_submitted_sheets(api, bureau_officer):
    review_round, (first, second, third), [entry] = round_with(bureau_officer)
    submit(entry, first, full_marks_but(review_round))
    submit(entry, second, full_marks_but(review_round))
    body = api(second).get(_url(entry, "scores")).json()
    assert {s["member"] for s in body["sheets"]} == {first.username, second.username}


def test_a_member_cannot_read_another_members_sheet_on_the_page_before_submitting(client, bureau_officer):
    review_round, (first, second, third), [entry] = round_with(bureau_officer)
    submit(entry, first, full_marks_but(review_round), comment="第一位专家的保密评语")
    client.force_login(second)
    page = client.get(f"/review/entries/{entry.pk}/").content.decode()
    assert "第一位专家的保密评语" not in page
    assert first.display_name not in page


def test_the_bureau_sees_progress_but_no_points_until_scoring_is_closed(api, bureau_officer):
    review_round, (first, second, third), [entry] = round_with(bureau_officer)
    submit(entry, first, full_marks_but(review_round, business_plan=11))
    body = api(bureau_officer).get(_url(entry, "scores")).json()
    assert body["submitted_sheets"] == 1
    assert body["final_score"] is None and body["per_criterion"] is None and body["spread"] is None
    assert body["sheets"] == []
    progress = {m["username"]: m["submitted"] for m in body["members"]}
    assert progress == {first.username: True, second.username: False, third.username: False}


def test_the_bureau_page_hides_the_points_while_scoring_is_open(client, bureau_officer):
    review_round, (first, second, third), [entry] = round_with(bureau_officer)
    submit(entry, first, full_marks_but(review_round), comment="保密评语")
    client.force_login(bureau_officer)
    page = client.get(f"/review/entries/{entry.pk}/").content.decode()
    assert "保密评语" not in page
