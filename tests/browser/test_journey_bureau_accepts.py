"""Journey 2 (办法第五条 受理): a bureau officer finds the submitted application in the intake queue, records a
finding on a judgement criterion and accepts it; the enterprise reads the acceptance in its inbox."""

import pytest

from applications.models import ApplicationStatus
from applications.tests.helpers import submitted_for

from .journeys import arrive, click_to, flash, menu, sign_in, sign_out, today

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_bureau_officer_accepts_a_submitted_application_and_the_enterprise_is_told(
        page, enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user, today=today())

    sign_in(page, bureau_officer)
    menu(page, "申请受理")
    page.get_by_label("状态").select_option("submitted")
    click_to(page, "筛选", shot="journey-02-intake-queue")
    with page.expect_navigation():
        page.get_by_role("link", name=application.reference_number).click()
    arrive(page)

    page.get_by_label("评判项").select_option("foreign_trade_experience")
    page.get_by_label("结论").select_option("true")
    page.get_by_label("依据").fill("股东出口业绩证明材料齐全。")
    click_to(page, "记录评判意见")
    assert "评判意见已记录" in flash(page)
    click_to(page, "受理", shot="journey-02-application-accepted")
    assert "已受理" in flash(page)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    sign_out(page)

    sign_in(page, enterprise_user)
    with page.expect_navigation():
        page.get_by_role("link", name="查看全部通知").click()  # the home page's link to the inbox
    arrive(page, shot="journey-02-enterprise-inbox")
    assert f"您的试点申请 {application.reference_number} 已受理" in page.locator("main").inner_text()
