"""实施方案三(四): a complaint goes from the public form to a closed case, with a deadline in working
days, escalation when late (a real Celery task), notifications once per event and the vehicle file."""

from datetime import date

import pytest

from portal.errors import RuleRefused
from portal.models import Notification
from supervision import services
from supervision.models import ComplaintStatus, Severity
from supervision.tasks import escalate_overdue_complaints
from traceability.models import EventType, TraceEvent

from .helpers import make_vehicle

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 9, 28)


@pytest.fixture
def complaint(pilot, pilot_staff, bureau_officer):
    vehicle = make_vehicle(pilot, pilot_staff, cleared_on=date(2026, 6, 1), destination_country="KZ",
                           vin="LSVLIFECYCLE00001")
    return services.lodge_complaint(
        vin=vehicle.vin, category="quality", description="发动机异响，经销商拒绝维修。", contact_name="Aibek Nurlan",
        contact_email="aibek@example.kz", contact_phone="+77011234567", today=MONDAY,
    )


def test_the_answer_deadline_is_ten_working_days_counted_over_national_day(complaint, bureau_officer):
    """实施方案三(四), domain-rules "Working days": assigned Mon 2026-09-28, 10 working days skip
    10-01..10-07 and count Saturday 10-10; api.md 期间: the day of assignment is not counted, so the
    period ends on Fri 2026-10-16."""
    services.triage_complaint(complaint, Severity.MAJOR, actor=bureau_officer, today=MONDAY)
    assigned = services.assign_complaint(complaint, actor=bureau_officer, today=MONDAY)
    assert assigned.status == ComplaintStatus.ASSIGNED
    assert assigned.due_on == date(2026, 10, 16)


@pytest.mark.django_db(transaction=True)
def test_a_late_complaint_is_escalated_by_the_daily_task_and_everyone_is_told_once(
    pilot, bureau_officer, pilot_staff, celery_worker
):
    """实施方案三(四): not answered by 10-16 → escalated from 10-17; re-running the job tells no one twice."""
    complaint = services.lodge_complaint(
        enterprise=pilot.uscc, category="aftersales", description="配件迟迟不到。", contact_name="Aibek Nurlan",
        contact_email="aibek@example.kz", today=MONDAY,
    )
    services.triage_complaint(complaint, Severity.MAJOR, actor=bureau_officer, today=MONDAY)
    services.assign_complaint(complaint, actor=bureau_officer, today=MONDAY)

    assert escalate_overdue_complaints.delay("2026-10-16").get(timeout=60) == 0  # the due day itself is in time
    assert escalate_overdue_complaints.delay("2026-10-17").get(timeout=60) == 1
    assert escalate_overdue_complaints.delay("2026-10-18").get(timeout=60) == 0
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ESCALATED
    assert complaint.escalated_on == date(2026, 10, 17)
    for user in (bureau_officer, pilot_staff):
        assert Notification.objects.filter(recipient=user, code="complaint.escalated").count() == 1
    assert Notification.objects.filter(recipient=pilot_staff, code="complaint.assigned").count() == 1


def test_an_escalated_complaint_can_still_be_answered_and_then_closed(complaint, bureau_officer, pilot_staff):
    services.triage_complaint(complaint, Severity.MINOR, actor=bureau_officer, today=MONDAY)
    services.assign_complaint(complaint, actor=bureau_officer, today=MONDAY)
    services.escalate_overdue_complaints(date(2026, 10, 17))
    answered = services.answer_complaint(complaint, "已安排当地合作维修站免费维修。", actor=pilot_staff,
                                         today=date(2026, 10, 19))
    assert (answered.status, answered.answered_on) == (ComplaintStatus.ANSWERED, date(2026, 10, 19))
    closed = services.close_complaint(complaint, "企业已维修，投诉人确认。", actor=bureau_officer, today=date(2026, 10, 26))
    assert (closed.status, closed.closed_on) == (ComplaintStatus.CLOSED, date(2026, 10, 26))
    assert Notification.objects.filter(recipient=bureau_officer, code="complaint.answered").count() == 1
    assert Notification.objects.filter(recipient=pilot_staff, code="complaint.closed").count() == 1


def test_the_complaint_appears_in_the_vehicle_file_without_contact_details(complaint, bureau_officer, pilot_staff):
    """实施方案三(三)(四): one complaint event at triage and one at closing, with no personal data."""
    services.triage_complaint(complaint, Severity.MINOR, actor=bureau_officer, today=MONDAY)
    services.close_complaint(complaint, "投诉不成立。", actor=bureau_officer, today=MONDAY)
    events = TraceEvent.objects.filter(vehicle=complaint.vehicle, type=EventType.COMPLAINT).order_by("seq")
    assert events.count() == 2
    text = " ".join(str(e.payload) for e in events)
    assert complaint.number in text
    for personal in ("Aibek", "Nurlan", "aibek@example.kz", "+77011234567", "4567"):
        assert personal not in text


def test_only_the_assigned_enterprise_may_answer(complaint, bureau_officer, other_enterprise_user):
    """实施方案三(四): the complaint goes to the enterprise concerned."""
    services.triage_complaint(complaint, Severity.MINOR, actor=bureau_officer, today=MONDAY)
    services.assign_complaint(complaint, actor=bureau_officer, today=MONDAY)
    with pytest.raises(RuleRefused) as refused:
        services.answer_complaint(complaint, "不是我们的车。", actor=other_enterprise_user, today=MONDAY)
    assert refused.value.reasons[0].code == "complaint_not_assigned_to_you"


def test_a_complaint_cannot_be_assigned_before_triage(complaint, bureau_officer):
    """实施方案三(四): the bureau grades a complaint before it goes to the enterprise."""
    with pytest.raises(RuleRefused) as refused:
        services.assign_complaint(complaint, actor=bureau_officer, today=MONDAY)
    assert refused.value.reasons[0].code == "complaint_wrong_status"
    assert refused.value.reasons[0].article == "实施方案三(四)"


def test_the_bureau_is_told_once_of_a_new_complaint(complaint, bureau_officer):
    assert Notification.objects.filter(recipient=bureau_officer, code="complaint.received").count() == 1
