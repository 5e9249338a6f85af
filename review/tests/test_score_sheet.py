"""办法第五条第4项: points 0..max with one decimal, comments for low points, submitted sheets locked."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from portal.policy import first_version_values
from review.models import ScoreSheet
from review.rules import needs_comment, points_errors

from .factories import full_marks_but, round_with, submit

DEFAULT_CRITERIA = first_version_values()["review_criteria"]  # version 1's split (issue 24)

pytestmark = pytest.mark.django_db


def _url(entry):
    return f"/api/v1/applications/{entry.application_id}/my-score/"


def test_article_5_points_above_the_maximum_or_with_two_decimals_are_errors():
    assert "basic_conditions" in points_errors(DEFAULT_CRITERIA, {"basic_conditions": "15.1"}, complete=False)
    assert "basic_conditions" in points_errors(DEFAULT_CRITERIA, {"basic_conditions": "12.25"}, complete=False)
    assert "basic_conditions" in points_errors(DEFAULT_CRITERIA, {"basic_conditions": -1}, complete=False)
    assert points_errors(DEFAULT_CRITERIA, {"basic_conditions": "15.0", "traceability": 0}, complete=False) == {}


def test_article_5_a_criterion_below_the_share_of_its_maximum_needs_a_comment():
    assert needs_comment({"traceability": 10}, {"traceability": Decimal("5.9")}, Decimal("0.6"))
    assert not needs_comment({"traceability": 10}, {"traceability": Decimal("6.0")}, Decimal("0.6"))


def test_points_above_a_criterions_maximum_are_a_400(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    response = api(panel[0]).put(_url(entry), {"criteria": full_marks_but(review_round, traceability=10.5)},
                                 format="json")
    assert response.status_code == 400
    assert "criteria" in response.json()
    assert "traceability" in response.json()["criteria"][0]


def test_a_draft_is_saved_and_read_back(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    saved = api(panel[0]).put(_url(entry), {"criteria": {"basic_conditions": 12.5}, "comment": "初评"}, format="json")
    assert saved.status_code == 200
    assert saved.json()["status"] == "draft"
    body = api(panel[0]).get(_url(entry)).json()
    assert body["criteria"] == {"basic_conditions": "12.5"}


def test_submitting_needs_every_criterion(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    response = api(panel[0]).put(_url(entry), {"criteria": {"basic_conditions": 12}, "submit": True}, format="json")
    assert response.status_code == 400


def test_submitting_low_points_without_a_comment_is_a_400_naming_comment(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    response = api(panel[0]).put(_url(entry), {"criteria": full_marks_but(review_round, overseas_channels=3),
                                               "comment": "", "submit": True}, format="json")
    assert response.status_code == 400
    assert "comment" in response.json()


def test_a_submitted_sheet_is_locked_409_sheet_locked(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    first = api(panel[0]).put(_url(entry), {"criteria": full_marks_but(review_round), "submit": True}, format="json")
    assert first.status_code == 200
    assert first.json()["status"] == "submitted"
    again = api(panel[0]).put(_url(entry), {"criteria": full_marks_but(review_round, basic_conditions=1),
                                            "comment": "改", "submit": True}, format="json")
    assert again.status_code == 409
    assert again.json()["reasons"][0]["code"] == "sheet_locked"
    assert ScoreSheet.objects.get(entry=entry, member=panel[0]).points["basic_conditions"] == "15.0"


def test_the_database_refuses_to_change_or_delete_a_submitted_sheet(bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    sheet = submit(entry, panel[0], full_marks_but(review_round))
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreSheet.objects.filter(pk=sheet.pk).update(total=1)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM review_scoresheet WHERE id = %s", [sheet.pk])
    sheet.refresh_from_db()
    assert sheet.total == Decimal("100.0")


def test_a_draft_can_still_be_changed_in_the_database(bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    services_sheet = ScoreSheet.objects.create(entry=entry, member=panel[1])
    assert ScoreSheet.objects.filter(pk=services_sheet.pk).update(comment="草稿") == 1
