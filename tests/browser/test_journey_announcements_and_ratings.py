"""Issue 23 points 3 and 4 in the browser: the bureau publishes an announcement to the pilot enterprises
(《政府信息公开条例》第二十三条), the enterprise reads it (a read receipt the bureau sees), rates its
issued licence 2 stars (国办发〔2019〕51号 好差评), the bureau finds the follow-up case in its work queue and
answers the rater by the deadline, and the public page shows the month's figures."""

import re

import pytest

from portal.announcement_models import Announcement, AnnouncementRead, AnnouncementStatus
from supervision.models import FollowUpStatus, RatingFollowUp, ServiceRating
from supervision.tests.helpers import make_licence

from .journeys import arrive, click_to, field, flash, goto, menu, sign_in, sign_out, today

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "关于报送第四季度出口数据的通知"
BODY = "各试点企业：请于本月25日前报送第四季度出口车辆和售后服务情况。"
COMMENT = "许可证签发比承诺时限晚了两个工作日。"
REPLY = "已核实并约谈经办人，今后按承诺时限签发。"


def test_announcement_read_receipt_and_a_bad_rating_followed_up_to_the_public_figures(
        page, pilot_user, bureau_officer):
    from portal.workdays import fill_from_chinesecalendar

    fill_from_chinesecalendar([today().year, today().year + 1])
    licence = make_licence(pilot_user.organisation, pilot_user, issued_on=today(), number="2026-TY-000777")

    # --- the bureau writes and publishes an announcement to the pilot enterprises ------------------------
    sign_in(page, bureau_officer)
    menu(page, "通知公告")
    click_to(page, "新建通知公告", role="link", shot="ratings-1-announcement-form")
    field(page, "标题").fill(TITLE)
    field(page, "发布范围").select_option(label="全体试点企业")
    field(page, "正文").fill(BODY)
    click_to(page, "保存草稿", shot="ratings-2-announcement-draft")
    assert "草稿已保存" in flash(page)
    page.get_by_label(re.compile("我确认发布")).check()
    click_to(page, "发布", shot="ratings-3-announcement-published")
    announcement = Announcement.objects.get(title=TITLE)
    assert announcement.status == AnnouncementStatus.PUBLISHED
    assert "已读 0 / 应读 1" in page.locator("main").inner_text()
    sign_out(page)

    # --- the enterprise sees it on its dashboard, reads it (receipt) and rates its licence 2 stars ----------
    sign_in(page, pilot_user, shot="ratings-4-enterprise-home")
    panel = page.locator(".announcements-panel")
    assert TITLE in panel.inner_text() and "未读" in panel.inner_text()
    click_to(page, TITLE, role="link", shot="ratings-5-enterprise-reads")
    assert BODY in page.locator("main").inner_text()
    assert AnnouncementRead.objects.filter(announcement=announcement, user=pilot_user).count() == 1
    menu(page, "服务评价", shot="ratings-6-services-to-rate")
    click_to(page, f"评价 {licence.number}", role="link")
    page.get_by_label("2 · 不满意").check()
    field(page, "评价意见（差评必填）").fill(COMMENT)
    click_to(page, "提交评价", shot="ratings-7-rated")
    assert "感谢您的评价" in flash(page)
    rating = ServiceRating.objects.get(object_id=licence.pk)
    assert rating.score == 2 and RatingFollowUp.objects.filter(rating=rating).count() == 1
    sign_out(page)

    # --- the bureau: the receipt, then the follow-up case from its work queue, answered ------------------------
    sign_in(page, bureau_officer)
    goto(page, f"/announcements/{announcement.pk}/", shot="ratings-8-receipts")
    assert "已读 1 / 应读 1" in page.locator("main").inner_text()
    menu(page, "待办", shot="ratings-9-queue")
    row = page.locator("tr", has_text=licence.number)
    assert "差评整改回访" in row.inner_text()
    with page.expect_navigation():
        row.get_by_role("link", name="办理").click()
    arrive(page, shot="ratings-10-follow-up")
    assert COMMENT in page.locator("main").inner_text()
    field(page, "整改情况及对评价人的答复").fill(REPLY)
    page.get_by_label(re.compile("我确认整改回访并答复评价人")).check()
    click_to(page, "答复评价人", shot="ratings-11-follow-up-resolved")
    assert "已答复评价人" in flash(page)
    follow_up = RatingFollowUp.objects.get(rating=rating)
    assert follow_up.status == FollowUpStatus.RESOLVED and follow_up.resolved_on <= follow_up.due_on
    sign_out(page)

    # --- the public: the month's figures, linked from the public home --------------------------------------
    goto(page, "/")
    click_to(page, "服务评价统计（好差评）", role="link", shot="ratings-12-public-figures")
    month = page.locator(f"tr[data-month='{today():%Y-%m}']")
    cells = month.inner_text()
    assert "2.00" in cells and "100.0%" in cells  # one rating of 2: mean 2.00, 差评 100 %
    assert month.locator("td").nth(4).inner_text().strip() == "1"  # one follow-up …
    assert month.locator("td").nth(5).inner_text().strip() == "1 (100.0%)"  # … answered on time
