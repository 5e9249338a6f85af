"""Journeys 4 and 5 (办法第五条 公示): the officer closes scoring and proposes the list, the head approves it
(maker–checker), and the 公示 appears on the public portal for anyone, without signing in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.official import chinese_date
from portal.workdays import working_period
from review.models import Publicity, PublicityStatus

from .journeys import arrive, click_to, flash, goto, menu, scored_round, sign_in, sign_out, today

pytestmark = pytest.mark.django_db(transaction=True)


def open_round(page, review_round, shot=None):
    menu(page, "专家评审")
    with page.expect_navigation():
        page.get_by_role("link", name=review_round.name).click()
    arrive(page, shot)


def test_the_head_approves_the_proposed_list_and_the_publicity_is_published(page, bureau_officer, bureau_head,
                                                                           monkeypatch):
    review_round, entry = scored_round(bureau_officer)
    enterprise = entry.application.organisation

    sign_in(page, bureau_officer)
    open_round(page, review_round)
    page.get_by_label("不可修改").check()  # closing scoring cannot be undone: the page asks first (issue 18)
    click_to(page, "结束评分并计算得分")
    assert "评分已结束" in flash(page)
    click_to(page, "评审排名", role="link", shot="journey-04-ranking")
    assert "98.00" in page.locator("main").inner_text()  # mean of 99, 97 and 98
    page.go_back()
    click_to(page, "拟定公示名单", role="link")
    page.get_by_label(f"1. {enterprise.name}（98.00）").check()
    page.get_by_label("公示期（工作日）").fill("5")
    click_to(page, "提交负责人批准", shot="journey-04-publicity-proposed")
    assert "已提交负责人批准" in flash(page)
    # The officer who proposed cannot approve: the button is the head's.
    assert page.get_by_role("button", name="批准发布公示").count() == 0
    sign_out(page)

    sign_in(page, bureau_head)
    open_round(page, review_round)
    click_to(page, "批准发布公示", shot="journey-04-publicity-approved")
    assert "公示已批准发布" in flash(page)
    publicity = Publicity.objects.get(round=review_round)
    assert publicity.status == PublicityStatus.PUBLISHED
    assert publicity.ends_on == working_period(today(), 5).ends_on
    sign_out(page)

    # Approved on a rest day, the 公示 begins on the next working day: objections open then (办法第五条).
    if publicity.starts_on > today():
        later, real_now = (publicity.starts_on - today()).days, timezone.now
        monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(days=later))
    goto(page, "/")
    with page.expect_navigation():
        page.get_by_role("link", name="评审结果公示").click()
    arrive(page, shot="journey-05-public-publicity")
    notice = page.locator("article", has_text=publicity.title).inner_text()
    assert enterprise.name in notice and "98.00" in notice
    assert f"{chinese_date(publicity.starts_on)}至{chinese_date(publicity.ends_on)}" in notice
    click_to(page, "对公示提出异议", role="link", shot="journey-05-public-objection-form")
