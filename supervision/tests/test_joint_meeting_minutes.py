"""实施方案四(一) and GB/T 9704-2012 (纪要): the minutes of the joint meeting are an official document, signed by
the bureau's head, read back from the PDF, and locked once signed — in the service and in the database."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction

from casework import signing
from portal.errors import RuleRefused
from supervision.meetings import services
from supervision.models import Agency, JointMeeting, MeetingStatus, MeetingTask
from tests.official_pdf import assert_official, flat

pytestmark = pytest.mark.django_db

HELD = date(2026, 11, 10)


def test_article_4_1_the_minutes_are_a_signed_official_document_and_locked(
        client, signing_key, bureau_officer, bureau_head):
    meeting = services.convene(held_on=HELD, place="市商务局三楼会议室", actor=bureau_officer, today=HELD)
    services.hold(meeting, attendees="市商务局：赵处长\n公安交管：黄民警\n海关：周关员", actor=bureau_officer, today=HELD)
    task = services.add_decision(meeting, decision="比对报关放行数据与许可证使用记录", agency=Agency.CUSTOMS,
                                 working_days=15, actor=bureau_officer, today=HELD)
    with pytest.raises(PermissionDenied):  # an officer does not sign: the head does (403)
        services.sign_minutes(meeting, actor=bureau_officer, today=HELD)
    services.sign_minutes(meeting, actor=bureau_head, today=date(2026, 11, 11))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SIGNED

    client.force_login(bureau_officer)
    pdf = client.get(f"/supervision/meetings/{meeting.pk}/minutes.pdf").content
    text = assert_official(pdf, "joint-meeting-minutes", title="二手车出口工作联席会议纪要", number=meeting.number,
                           day=date(2026, 11, 11))
    assert "比对报关放行数据与许可证使用记录" in flat(text) and "海关" in text
    assert signing.verify_pdf(pdf).valid

    with pytest.raises(RuleRefused):
        services.add_decision(meeting, decision="再加一项", agency=Agency.POLICE, working_days=5, actor=bureau_officer,
                              today=HELD)
    with pytest.raises(DatabaseError), transaction.atomic():
        JointMeeting.objects.filter(pk=meeting.pk).update(attendees="改过的出席人员")
    with pytest.raises(DatabaseError), transaction.atomic():
        MeetingTask.objects.filter(pk=task.pk).update(due_on=date(2027, 1, 1))
    # the task's own progress is not part of the minutes: it may still be completed
    MeetingTask.objects.filter(pk=task.pk).update(outcome="已比对", status="done", done_on=HELD)
