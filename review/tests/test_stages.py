"""办法第五条第2、3项: material review and defense before scoring, the site visit when decided."""

from datetime import date

import pytest

from portal.errors import RuleRefused
from review import services
from review.models import Entry
from review.workflow import STATIONS, missing_before

from .factories import TODAY, full_marks_but, round_with

pytestmark = pytest.mark.django_db


def test_article_5_needs_material_review_defense_the_site_visit_decision_and_a_decided_site_visit(bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, stages=False)
    assert [s.code for s in missing_before(entry)] == ["material_review", "defense", "site_visit_decision"]
    for stage in ("material_review", "defense"):
        services.record_stage(entry, stage=stage, held_on=date(2026, 8, 20), place="x", actor=bureau_officer,
                              today=TODAY)
    services.decide_site_visit(entry, required=False, actor=bureau_officer, today=TODAY)
    entry = Entry.objects.get(pk=entry.pk)
    assert missing_before(entry) == [] and entry.review_step == "scoring"
    services.decide_site_visit(entry, required=True, actor=bureau_officer, today=TODAY)
    entry = Entry.objects.get(pk=entry.pk)
    assert missing_before(entry) == [STATIONS[-1]] and entry.review_step == "site_visit"


def test_scoring_before_the_stages_are_recorded_is_a_409_stage_missing(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, stages=False)
    response = api(panel[0]).put(f"/api/v1/applications/{entry.application_id}/my-score/",
                                 {"criteria": full_marks_but(review_round), "submit": False}, format="json")
    assert response.status_code == 409
    assert response.json()["reasons"][0]["code"] == "stage_missing"


def test_recording_stages_through_the_api_then_scoring_works(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, stages=False)
    url = f"/api/v1/applications/{entry.application_id}/stages/"
    for stage in ("material_review", "defense"):
        response = api(bureau_officer).post(url, {"stage": stage, "held_on": "2026-08-20", "place": "会议室",
                                                  "attendees": "评审小组", "outcome": "通过"}, format="json")
        assert response.status_code == 201
        assert response.json()["stage"] == stage
    assert api(bureau_officer).post(f"/api/v1/applications/{entry.application_id}/site-visit-decision/",
                                    {"required": False}, format="json").status_code == 200
    response = api(panel[0]).put(f"/api/v1/applications/{entry.application_id}/my-score/",
                                 {"criteria": full_marks_but(review_round)}, format="json")
    assert response.status_code == 200


def test_a_site_visit_decided_by_the_panel_must_be_recorded_before_scoring(bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    services.decide_site_visit(entry, required=True, actor=bureau_officer, today=TODAY)
    with pytest.raises(RuleRefused) as refused:
        services.save_sheet(entry, points={}, actor=panel[0], today=TODAY)
    assert refused.value.reasons[0].code == "stage_missing"
    services.record_stage(entry, stage="site_visit", held_on=date(2026, 8, 25), place="企业经营场所",
                          outcome="属实", actor=bureau_officer, today=TODAY)
    assert services.save_sheet(entry, points={}, actor=panel[0], today=TODAY).status == "draft"


def test_scheduling_the_defense_notifies_the_enterprise(bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, stages=False)
    applicant = entry.application.created_by
    services.record_stage(entry, stage="material_review", held_on=date(2026, 8, 20), place="会议室",
                          actor=bureau_officer, today=TODAY)
    services.record_stage(entry, stage="defense", held_on=date(2026, 9, 10), place="市商务局三楼会议室",
                          actor=bureau_officer, today=TODAY)
    note = applicant.notifications.get(code="review.defense.scheduled")
    assert "2026-09-10" in note.body and "市商务局三楼会议室" in note.body


def test_only_the_bureau_records_stages(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, stages=False)
    response = api(panel[0]).post(f"/api/v1/applications/{entry.application_id}/stages/",
                                  {"stage": "defense", "held_on": "2026-08-20", "place": "x"}, format="json")
    assert response.status_code == 403
