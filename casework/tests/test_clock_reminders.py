"""Reminders 7, 3 and 1 working day(s) before a due date, each sent once however often the job reruns."""

from datetime import date

import pytest

from casework.clocks import send_reminders, start_clock
from casework.models import ClockKind
from casework.tasks import send_clock_reminders
from compliance.tests.factories import issued_licence
from portal.models import Notification
from traceability.models import Licence, LicenceStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(pilot):
    licence = issued_licence(pilot, date(2026, 9, 1), date(2026, 12, 31))
    Licence.objects.filter(pk=licence.pk).update(status=LicenceStatus.REQUESTED)  # waits for the bureau
    return start_clock(licence, ClockKind.LICENCE_ISSUE, started_on=date(2026, 8, 31), working_days=20, label="L")


def _reminders():
    return sorted(Notification.objects.filter(code="casework.clock_reminder").values_list("event_key", flat=True).distinct())


def test_each_reminder_is_sent_once_however_often_the_job_reruns(clock, bureau_officer):
    assert clock.due_on == date(2026, 9, 28)
    for day in [date(2026, 9, 17), date(2026, 9, 17), date(2026, 9, 18), date(2026, 9, 23), date(2026, 9, 23),
                date(2026, 9, 25), date(2026, 9, 25)]:
        send_reminders(day)
    keys = _reminders()
    assert keys == [f"casework.clock.{clock.pk}.reminder.{n}" for n in (1, 3, 7)]
    assert Notification.objects.filter(code="casework.clock_reminder", recipient=bureau_officer).count() == 3


def test_no_reminder_before_seven_working_days_or_on_the_due_date(clock, bureau_officer):
    send_reminders(date(2026, 9, 16))  # 8 working days left
    send_reminders(date(2026, 9, 28))  # the due date itself
    assert _reminders() == []


@pytest.mark.django_db(transaction=True)
def test_the_scheduled_task_sends_the_reminders_on_a_real_worker(clock, bureau_officer, celery_worker):
    result = send_clock_reminders.delay("2026-09-17").get(timeout=60)
    assert result["sent"] >= 1
    assert _reminders() == [f"casework.clock.{clock.pk}.reminder.7"]
