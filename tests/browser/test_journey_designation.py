"""Journey 6 (办法第五条第5项 确定试点企业): after the 公示 ended without objections the head designates the
enterprise; it gets its result letter, and the public list of pilot enterprises names it."""

import pytest

from portal.models import PilotStatus
from portal.pdf import pdf_text

from .journeys import (
    arrive,
    click_to,
    fetch_pdf,
    flash,
    goto,
    menu,
    published_round,
    sign_in,
    sign_out,
    today,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_head_designates_the_enterprise_after_the_publicity_and_the_public_list_names_it(
        page, bureau_officer, bureau_head):
    review_round, entry = published_round(bureau_officer, bureau_head)
    enterprise = entry.application.organisation

    sign_in(page, bureau_head)
    menu(page, "专家评审")
    with page.expect_navigation():
        page.get_by_role("link", name=review_round.name).click()
    arrive(page)
    click_to(page, "确定试点企业", shot="journey-06-designated")
    assert "已确定试点企业" in flash(page)
    enterprise.refresh_from_db()
    assert enterprise.pilot_status == PilotStatus.DESIGNATED and enterprise.designated_on == today()
    assert "确定为试点企业" in page.locator("table", has_text=enterprise.name).inner_text()
    letter = pdf_text(fetch_pdf(page, page.get_by_role("link", name="结果通知书").get_attribute("href")))
    assert enterprise.name in letter
    sign_out(page)

    sign_in(page, entry.application.created_by)
    with page.expect_navigation():
        page.get_by_role("link", name="查看全部通知").click()  # the home page's link to the inbox
    arrive(page)
    assert "试点企业评审结果" in page.locator("main").inner_text()
    sign_out(page)

    goto(page, "/")
    with page.expect_navigation():
        page.get_by_role("link", name="试点企业名单").first.click()
    arrive(page, shot="journey-06-public-pilot-list")
    assert enterprise.name in page.locator("main").inner_text()
