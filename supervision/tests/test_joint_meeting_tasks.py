"""实施方案四(一) (联席会议): the agenda is built from open discrepancies, serious complaints, overdue obligations
and revocation cases; each decision is a task of its agency, in that agency's work queue exactly once with its
due date counted in working days from the meeting, and only that agency completes it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from casework.models import CaseKind
from casework.queue import work_queue
from portal.periods import legal_period
from supervision.meetings import agenda, services
from supervision.models import Agency, Complaint, MeetingStatus, Severity, TaskStatus
from tests.factories import PilotEnterpriseFactory

pytestmark = pytest.mark.django_db

HELD = date(2026, 9, 29)  # before the National Day holiday: the working days skip it


@pytest.fixture
def meeting(bureau_officer):
    company = PilotEnterpriseFactory(name="联席会议测试企业有限公司")
    Complaint.objects.create(number="TSMEET1", enterprise=company, category="fraud", description="欺诈",
                             contact_name="投诉人", contact_phone="13800000000", received_on=date(2026, 9, 1),
                             severity=Severity.SERIOUS, status="triaged")
    Complaint.objects.create(number="TSMEET2", enterprise=company, category="quality", description="一般",
                             contact_name="投诉人", contact_phone="13800000000", received_on=date(2026, 9, 1),
                             severity=Severity.MINOR, status="triaged")
    m = services.convene(held_on=HELD, place="市商务局会议室", actor=bureau_officer, today=date(2026, 9, 20))
    return services.hold(m, attendees="市商务局、公安交管、海关", actor=bureau_officer, today=HELD)


def test_article_4_1_the_agenda_takes_serious_complaints_and_more_sources_can_be_added(meeting, bureau_officer):
    titles = [(i.source, i.reference) for i in meeting.agenda.all()]
    assert ("complaint", "TSMEET1") in titles and ("complaint", "TSMEET2") not in titles
    assert [s.code for s in agenda.SOURCES][:4] == ["discrepancy", "complaint", "obligation", "revocation"]


def test_article_4_1_a_decision_appears_once_in_its_agencys_queue_with_its_due_date(
        meeting, bureau_officer, police_officer, customs_officer):
    task = services.add_decision(meeting, decision="核查注销登记数据", agency=Agency.POLICE, working_days=10,
                                 actor=bureau_officer, today=HELD)
    expected = legal_period(HELD, working_days=10).ends_on
    assert task.due_on == expected and expected > date(2026, 10, 8)  # the holiday is not counted

    mine = [i for i in work_queue(police_officer, today=HELD) if i.kind == CaseKind.MEETING_TASK]
    assert [(i.pk, i.due_on) for i in mine] == [(task.pk, expected)]
    assert not [i for i in work_queue(customs_officer, today=HELD) if i.kind == CaseKind.MEETING_TASK]
    assert not [i for i in work_queue(bureau_officer, today=HELD) if i.kind == CaseKind.MEETING_TASK]

    # the queue's case page and taking the case work for it like for every other kind
    from django.test import Client

    from casework.services import assign_cases

    police = Client()
    police.force_login(police_officer)
    assert police.get(f"/casework/case/meeting_task/{task.pk}/").status_code == 200
    assign_cases([f"meeting_task:{task.pk}"], None, actor=police_officer, today=HELD)
    assert [i.assignee_id for i in work_queue(police_officer, today=HELD) if i.pk == task.pk
            and i.kind == CaseKind.MEETING_TASK] == [police_officer.pk]

    with pytest.raises(PermissionDenied):  # customs does not complete the police's task
        services.complete_task(task, outcome="已办", actor=customs_officer, today=HELD)
    services.complete_task(task, outcome="已核查，数据一致。", actor=police_officer, today=date(2026, 10, 12))
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.done_by == police_officer
    assert not [i for i in work_queue(police_officer, today=HELD) if i.kind == CaseKind.MEETING_TASK]


def test_article_4_1_each_agency_sees_its_own_tasks(client, meeting, bureau_officer, police_officer, customs_officer):
    police_task = services.add_decision(meeting, decision="公安交管事项", agency=Agency.POLICE, working_days=5,
                                        actor=bureau_officer, today=HELD)
    customs_task = services.add_decision(meeting, decision="海关事项", agency=Agency.CUSTOMS, working_days=5,
                                         actor=bureau_officer, today=HELD)
    client.force_login(customs_officer)
    page = client.get("/supervision/meetings/tasks/").content.decode()
    assert "海关事项" in page and "公安交管事项" not in page
    assert client.get(f"/supervision/meetings/tasks/{police_task.pk}/").status_code == 404
    assert client.get(f"/supervision/meetings/tasks/{customs_task.pk}/").status_code == 200
    client.force_login(bureau_officer)
    page = client.get("/supervision/meetings/tasks/").content.decode()
    assert "海关事项" in page and "公安交管事项" in page


def test_article_4_1_a_decision_names_an_agency_and_a_period(meeting, bureau_officer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as bad:
        services.add_decision(meeting, decision="", agency="enterprise", working_days=0, actor=bureau_officer,
                              today=HELD)
    assert set(bad.value.message_dict) == {"decision", "agency", "working_days"}
    assert meeting.status == MeetingStatus.HELD
