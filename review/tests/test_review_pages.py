"""The review pages for the bureau, the experts and the public; lists keep a bounded query count."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from portal.pdf import pdf_text
from review import services
from review.models import ReviewRound, ScoreSheet

from .factories import TODAY, accepted_application, full_marks_but, hold_stages, round_with, submit
from .test_publicity import closed_round

pytestmark = pytest.mark.django_db


def test_the_round_list_is_bounded_in_queries_and_shows_an_expert_only_their_rounds(
        client, bureau_officer, django_assert_max_num_queries):
    mine, panel, _ = round_with(bureau_officer, applications=2)
    for _n in range(5):
        round_with(bureau_officer, applications=1, members=1)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(12):
        page = client.get("/review/").content.decode()
    assert page.count("/review/rounds/") >= 6
    client.force_login(panel[0])
    page = client.get("/review/").content.decode()
    assert f"/review/rounds/{mine.pk}/" in page and page.count('href="/review/rounds/') == 1


def test_the_round_list_api_is_bounded_in_queries(api, bureau_officer, django_assert_max_num_queries):
    for _n in range(4):
        round_with(bureau_officer, applications=1, members=1)
    with django_assert_max_num_queries(8):
        body = api(bureau_officer).get("/api/v1/review/rounds/").json()
    assert body["count"] == 4


def test_the_public_lists_are_bounded_in_queries(client, bureau_officer, bureau_head, django_assert_max_num_queries):
    review_round, entries = closed_round(bureau_officer)
    services.propose_publicity(review_round, entry_ids=[e.pk for e in entries], starts_on=date(2026, 9, 28),
                               actor=bureau_officer, today=date(2026, 9, 25))
    services.approve_publicity(review_round, actor=bureau_head, today=date(2026, 9, 25))
    with django_assert_max_num_queries(8):
        assert client.get("/review/publicity/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/public/publicity/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/review/pilots/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/public/pilot-enterprises/").status_code == 200


def test_the_round_detail_page_is_bounded_in_queries(client, bureau_officer, django_assert_max_num_queries):
    review_round, panel, entries = round_with(bureau_officer, applications=6)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(25):
        page = client.get(f"/review/rounds/{review_round.pk}/").content.decode()
    assert all(e.application.reference_number in page for e in entries)


def test_a_round_form_with_a_split_not_summing_to_100_keeps_what_was_typed(client, bureau_officer):
    client.force_login(bureau_officer)
    data = {"name": "2027年第一批", "quorum": 3, "comment_share": "0.6", "outlier_margin": "10",
            "max_basic_conditions": 30, "max_business_plan": 15, "max_sourcing_capacity": 15,
            "max_supporting_services": 10, "max_overseas_channels": 15, "max_parts_aftersales": 10,
            "max_traceability": 10, "max_new_trade_formats": 10}
    page = client.post("/review/rounds/new/", data).content.decode()
    assert "须为100分" in page and 'value="2027年第一批"' in page and 'value="30"' in page
    assert not ReviewRound.objects.exists()
    data["max_basic_conditions"] = 15
    response = client.post("/review/rounds/new/", data)
    assert response.status_code == 302
    assert ReviewRound.objects.get().name == "2027年第一批"


def test_an_expert_declares_saves_a_draft_and_submits_on_the_page(client, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer, declare=False)
    client.force_login(panel[0])
    assert "申报" in client.get(f"/review/entries/{entry.pk}/").content.decode()
    client.post(f"/review/entries/{entry.pk}/", {"conflict": "no"})
    points = {code: maximum for code, maximum in review_round.criteria.items()}
    client.post(f"/review/entries/{entry.pk}/", {**points, "comment": "", "save": "1"})
    assert ScoreSheet.objects.get(member=panel[0]).status == "draft"
    page = client.post(f"/review/entries/{entry.pk}/", {**points, "basic_conditions": "3", "submit": "1"})
    assert "须填写评语" in page.content.decode()
    client.post(f"/review/entries/{entry.pk}/", {**points, "comment": "好", "submit": "1"})
    assert ScoreSheet.objects.get(member=panel[0]).status == "draft"  # not confirmed: nothing changes
    client.post(f"/review/entries/{entry.pk}/", {**points, "comment": "好", "submit": "1", "confirm": "yes"})
    assert ScoreSheet.objects.get(member=panel[0]).status == "submitted"


def test_the_bureau_adds_applications_and_members_and_records_stages_on_pages(client, bureau_officer, expert):
    client.force_login(bureau_officer)
    review_round = services.create_round(name="页面批次", actor=bureau_officer, today=TODAY)
    application = accepted_application()
    client.post(f"/review/rounds/{review_round.pk}/applications/", {"application": application.pk})
    client.post(f"/review/rounds/{review_round.pk}/members/", {"user": expert.pk})
    entry = review_round.entries.get()
    client.post(f"/review/entries/{entry.pk}/stages/", {"stage": "material_review", "held_on": "2026-08-20",
                                                       "place": "会议室", "outcome": "材料齐全"})
    assert review_round.members.filter(user=expert).exists()
    assert entry.stages.filter(stage="material_review").exists()


def test_ranking_page_and_score_report_pdf_and_xlsx(client, bureau_officer):
    review_round, panel, entries = round_with(bureau_officer, applications=2)
    for member in panel:
        submit(entries[0], member, full_marks_but(review_round, business_plan=10))
        submit(entries[1], member, full_marks_but(review_round))
    services.close_scoring(review_round, actor=bureau_officer, today=TODAY)
    client.force_login(bureau_officer)
    ranking = client.get(f"/review/rounds/{review_round.pk}/ranking/").content.decode()
    first, second = entries[1].application.organisation.name, entries[0].application.organisation.name
    assert ranking.index(first) < ranking.index(second) and "95.00" in ranking
    text = "".join(pdf_text(client.get(f"/review/rounds/{review_round.pk}/report.pdf").content).split())
    assert "100.00" in text and "95.00" in text and first in text
    sheet = load_workbook(io.BytesIO(client.get(f"/review/rounds/{review_round.pk}/report.xlsx").content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2]) for r in rows] == [(1, first), (2, second)]


def test_experts_and_enterprises_cannot_open_the_score_report(client, bureau_officer, enterprise_user):
    review_round, panel, entries = round_with(bureau_officer)
    for user in (panel[0], enterprise_user):
        client.force_login(user)
        assert client.get(f"/review/rounds/{review_round.pk}/report.xlsx").status_code in (403, 404)


def test_home_offers_the_review_to_bureau_and_experts(client, bureau_officer, expert):
    for user in (bureau_officer, expert):
        client.force_login(user)
        assert "/review/" in client.get("/home/").content.decode()


def test_the_stage_helper_is_idempotent_enough_for_two_applications(bureau_officer):
    review_round, panel, entries = round_with(bureau_officer, applications=2, stages=False)
    for entry in entries:
        hold_stages(entry, bureau_officer)
    assert all(not services.stages_missing(e) for e in entries)
