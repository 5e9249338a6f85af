"""Issue 23 part 2, 联席会议 (实施方案四(一)): the bureau convenes the meeting of commerce, police and customs with an
agenda built from open matters, records it and its decisions; the head signs the minutes (纪要, GB/T 9704, digitally
signed); the police and customs each find their task in their own queue and the police completes it."""

import re
from datetime import date

import pytest

from casework import signing
from portal.pdf import pdf_text
from supervision.models import Complaint, JointMeeting, MeetingStatus, MeetingTask, Severity, TaskStatus
from tests.factories import PilotEnterpriseFactory

from .journeys import arrive, click_to, fetch_pdf, field, flash, goto, sign_in, sign_out, today

pytestmark = pytest.mark.django_db(transaction=True)

POLICE_TASK = "核查本季度出口车辆注销登记数据，报送核查结果。"
CUSTOMS_TASK = "比对报关放行数据与许可证使用记录。"


def test_article_4_1_a_meeting_is_held_its_minutes_signed_and_the_police_complete_their_task(
        page, signing_key, bureau_officer, bureau_head, police_officer, customs_officer):
    from portal.workdays import fill_from_chinesecalendar

    fill_from_chinesecalendar([today().year, today().year + 1])
    company = PilotEnterpriseFactory(name="联席会议测试汽车贸易有限公司")
    Complaint.objects.create(number="TSJOURNEY1", enterprise=company, category="fraud", description="出口车辆里程造假",
                             contact_name="投诉人", contact_phone="13800000000", received_on=date(today().year, 1, 2),
                             severity=Severity.SERIOUS, status="triaged")

    # --- the bureau convenes, the agenda is built from the open matters ---------------------------------
    sign_in(page, bureau_officer)
    with page.expect_navigation():
        page.get_by_role("navigation", name="主菜单").get_by_role("link", name="联席会议", exact=True).click()
    arrive(page, shot="meeting-1-list")
    field(page, "会议日期").fill(today().isoformat())
    field(page, "会议地点").fill("太原市商务局三楼会议室")
    click_to(page, "筹备会议并生成议程", shot="meeting-2-agenda")
    assert "TSJOURNEY1" in page.locator("main").inner_text()
    meeting = JointMeeting.objects.get()
    field(page, "出席人员").fill("市商务局：张经办\n市公安局交通管理局：民警\n晋阳海关：关员")
    click_to(page, "记录会议召开", shot="meeting-3-held")
    for decision, agency in ((POLICE_TASK, "公安交管"), (CUSTOMS_TASK, "海关")):
        field(page, "议定事项").fill(decision)
        field(page, "牵头部门").select_option(label=agency)
        field(page, "办理时限（工作日）").fill("10")
        click_to(page, "记录并交办")
        assert "议定事项已记录" in flash(page)
    arrive(page, shot="meeting-4-decisions")
    assert page.get_by_role("button", name="签发会议纪要").count() == 0  # the head signs
    sign_out(page)

    # --- the head signs the minutes ----------------------------------------------------------------------
    sign_in(page, bureau_head)
    goto(page, f"/supervision/meetings/{meeting.pk}/")
    page.get_by_label(re.compile("我确认签发会议纪要")).check()
    click_to(page, "签发会议纪要", shot="meeting-5-signed")
    assert "会议纪要已签发" in flash(page)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SIGNED
    pdf = fetch_pdf(page, f"/supervision/meetings/{meeting.pk}/minutes.pdf")
    assert signing.verify_pdf(pdf).valid
    text = "".join(pdf_text(pdf).split())
    assert POLICE_TASK in text and CUSTOMS_TASK in text and meeting.number in text
    sign_out(page)

    police_task = MeetingTask.objects.get(decision=POLICE_TASK)
    # --- customs sees its own task in its queue, not the police's -------------------------------------------
    sign_in(page, customs_officer)
    goto(page, "/casework/", shot="meeting-6-customs-queue")
    queue = page.locator("main").inner_text()
    assert "联席会议交办事项" in queue and f"{MeetingTask.objects.get(decision=CUSTOMS_TASK).due_on:%Y-%m-%d}" in queue
    assert page.request.get(f"/supervision/meetings/tasks/{police_task.pk}/").status == 404
    sign_out(page)

    # --- the police complete theirs from their queue --------------------------------------------------------
    sign_in(page, police_officer)
    goto(page, "/casework/", shot="meeting-7-police-queue")
    assert f"{police_task.due_on:%Y-%m-%d}" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="办理").first.click()
    arrive(page, shot="meeting-8-police-task")
    field(page, "办理结果").fill("已核查，注销登记数据与出口数据一致。")
    page.get_by_label(re.compile("我确认办结交办事项")).check()
    click_to(page, "办结", shot="meeting-9-task-done")
    assert "交办事项已办结" in flash(page)
    police_task.refresh_from_db()
    assert police_task.status == TaskStatus.DONE and police_task.done_by == police_officer
