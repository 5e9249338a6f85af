"""Irreversible steps of the review (办法第五条第4项) ask first (issue 18): closing scoring and an
expert's submit of a score sheet are declared `confirm=True`, and their page forms need the ticked
"不可修改" box (no inline JS: the CSP forbids it); without it nothing changes."""

import pytest
from django.urls import reverse

from review.models import ReviewRound, RoundStatus, ScoreSheet, SheetStatus
from review.workflow import ENTRY, ROUND

from .factories import full_marks_but, round_with, submit

pytestmark = pytest.mark.django_db


def test_closing_scoring_and_submitting_a_sheet_are_declared_irreversible():
    assert ROUND.action("close_scoring").confirm
    assert ENTRY.action("submit_sheet").confirm
    assert not ENTRY.action("save_sheet").confirm


def test_article_5_closing_scoring_on_the_page_needs_the_confirmation_box(client, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    for member in panel:
        submit(entry, member, full_marks_but(review_round))
    client.force_login(bureau_officer)
    page = client.get(reverse("review:round-detail", args=[review_round.pk])).content.decode()
    assert 'name="confirm"' in page and "不可修改" in page
    url = reverse("review:round-close-scoring", args=[review_round.pk])
    page = client.post(url, follow=True).content.decode()
    assert "请勾选确认" in page
    assert ReviewRound.objects.get(pk=review_round.pk).status == RoundStatus.OPEN
    client.post(url, {"confirm": "yes"})
    assert ReviewRound.objects.get(pk=review_round.pk).status == RoundStatus.SCORING_CLOSED


def test_article_5_an_expert_s_submit_on_the_page_needs_the_confirmation_box(client, bureau_officer):
    review_round, panel, [entry] = round_with(bureau_officer)
    client.force_login(panel[0])
    url = reverse("review:entry-detail", args=[entry.pk])
    page = client.get(url).content.decode()
    assert 'name="confirm"' in page and "我确认提交后不可修改" in page
    points = full_marks_but(review_round)
    page = client.post(url, {**points, "comment": "好", "submit": "1"}).content.decode()
    assert "请勾选确认" in page
    assert not ScoreSheet.objects.filter(member=panel[0], status=SheetStatus.SUBMITTED).exists()
    client.post(url, {**points, "comment": "好", "submit": "1", "confirm": "yes"})
    assert ScoreSheet.objects.get(member=panel[0]).status == SheetStatus.SUBMITTED
