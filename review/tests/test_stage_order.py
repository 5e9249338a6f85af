"""办法第五条第2、3项 and domain-rules.md v1.1 "Review stages": the stages are recorded in the declared
order — 材料审核 → 现场答辩 → the panel's decision on a site visit → 实地考察 when decided → scoring;
a stage before its predecessor is a 409 `stage_missing`, on the page and in the API (issue 18)."""

from datetime import date

import pytest
from django.urls import reverse

from portal.errors import RuleRefused
from review import services
from review.models import Stage

from .factories import TODAY, full_marks_but, round_with

pytestmark = pytest.mark.django_db

STAGE = {"held_on": "2026-08-20", "place": "市商务局会议室", "attendees": "评审小组", "outcome": "通过"}


def _stages_url(entry):
    return f"/api/v1/applications/{entry.application_id}/stages/"


def _post_stage(api, officer, entry, stage):
    return api(officer).post(_stages_url(entry), {"stage": stage, **STAGE}, format="json")


def _refused_code(response):
    assert response.status_code == 409, response.content
    return response.json()["reasons"][0]["code"]


def test_article_5_a_defense_before_the_material_review_is_a_409_stage_missing(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, stages=False)
    assert _refused_code(_post_stage(api, bureau_officer, entry, "defense")) == "stage_missing"
    with pytest.raises(RuleRefused) as refused:
        services.record_stage(entry, stage="defense", held_on=date(2026, 8, 20), place="x", actor=bureau_officer,
                              today=TODAY)
    assert refused.value.reasons[0].code == "stage_missing"
    assert not Stage.objects.filter(entry=entry).exists()
    assert _post_stage(api, bureau_officer, entry, "material_review").status_code == 201
    assert _post_stage(api, bureau_officer, entry, "defense").status_code == 201


def test_article_5_the_site_visit_decision_before_the_defense_is_a_409_stage_missing(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, stages=False)
    _post_stage(api, bureau_officer, entry, "material_review")
    response = api(bureau_officer).post(f"/api/v1/applications/{entry.application_id}/site-visit-decision/",
                                        {"required": True}, format="json")
    assert _refused_code(response) == "stage_missing"
    entry.refresh_from_db()
    assert entry.site_visit_required is None


def test_article_5_a_site_visit_before_the_panel_decided_on_one_is_a_409_stage_missing(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, stages=False)
    for stage in ("material_review", "defense"):
        assert _post_stage(api, bureau_officer, entry, stage).status_code == 201
    assert _refused_code(_post_stage(api, bureau_officer, entry, "site_visit")) == "stage_missing"
    decision = f"/api/v1/applications/{entry.application_id}/site-visit-decision/"
    assert api(bureau_officer).post(decision, {"required": False}, format="json").status_code == 200
    # The panel decided against a visit: recording one is still out of order.
    assert _refused_code(_post_stage(api, bureau_officer, entry, "site_visit")) == "stage_missing"
    assert api(bureau_officer).post(decision, {"required": True}, format="json").status_code == 200
    assert _post_stage(api, bureau_officer, entry, "site_visit").status_code == 201


def test_article_5_scoring_waits_for_the_panel_s_site_visit_decision(api, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, stages=False)
    for stage in ("material_review", "defense"):
        _post_stage(api, bureau_officer, entry, stage)
    url = f"/api/v1/applications/{entry.application_id}/my-score/"
    body = {"criteria": full_marks_but(review_round), "submit": False}
    assert _refused_code(api(panel[0]).put(url, body, format="json")) == "stage_missing"
    api(bureau_officer).post(f"/api/v1/applications/{entry.application_id}/site-visit-decision/",
                             {"required": False}, format="json")
    assert api(panel[0]).put(url, body, format="json").status_code == 200


def test_article_5_the_page_refuses_a_stage_out_of_order_and_offers_only_the_next_one(client, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, stages=False)
    client.force_login(bureau_officer)
    page = client.get(reverse("review:entry-detail", args=[entry.pk])).content.decode()
    assert 'value="material_review"' in page and 'value="defense"' not in page and 'value="site_visit"' not in page
    assert reverse("review:entry-site-visit", args=[entry.pk]) not in page
    response = client.post(reverse("review:entry-stage", args=[entry.pk]), {"stage": "defense", **STAGE}, follow=True)
    assert "办法第五条" in response.content.decode()
    assert not Stage.objects.filter(entry=entry).exists()
    client.post(reverse("review:entry-stage", args=[entry.pk]), {"stage": "material_review", **STAGE})
    page = client.get(reverse("review:entry-detail", args=[entry.pk])).content.decode()
    assert 'value="defense"' in page and 'value="site_visit"' not in page


def test_the_order_is_stated_once_in_the_declaration():
    """The stage actions' guards, the derived step and `stages_missing` all read review.workflow.STATIONS."""
    from review import workflow

    assert [s.code for s in workflow.STATIONS] == ["material_review", "defense", "site_visit_decision", "site_visit"]
    entry_flow = workflow.ENTRY
    for station in workflow.STATIONS:
        assert entry_flow.action(station.action).article
