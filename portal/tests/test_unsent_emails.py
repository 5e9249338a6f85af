"""Issue 22 point 4: every notification whose e-mail was not sent is sent by a periodic job, once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from portal.models import Notification
from portal.notifications import deliver_email, send_unsent_emails
from portal.schedules import all_schedules

pytestmark = pytest.mark.django_db


def _note(user, *, age=timedelta(minutes=5), **fields):
    return Notification.objects.create(recipient=user, code="x.y", title="标题", body="正文",
                                       created_at=timezone.now() - age, **fields)


def test_a_notification_whose_enqueue_was_lost_is_e_mailed_by_the_job_once(bureau_officer):
    note = _note(bureau_officer)
    assert send_unsent_emails() == 1
    assert send_unsent_emails() == 0
    assert len(mail.outbox) == 1
    note.refresh_from_db()
    assert note.emailed_at is not None


def test_a_fresh_notification_is_left_to_its_own_task_for_a_while(bureau_officer):
    _note(bureau_officer, age=timedelta(seconds=5))
    assert send_unsent_emails() == 0


def test_the_task_and_the_job_together_send_one_e_mail(bureau_officer):
    note = _note(bureau_officer)
    assert deliver_email(note.pk) is True
    assert deliver_email(note.pk) is False
    assert send_unsent_emails() == 0
    assert len(mail.outbox) == 1


def test_a_live_claim_is_respected_and_a_stale_one_taken_over(bureau_officer, settings):
    live = _note(bureau_officer, email_claimed_at=timezone.now() - timedelta(minutes=1))
    stale = _note(bureau_officer, email_claimed_at=timezone.now() - timedelta(minutes=settings.EMAIL_CLAIM_MINUTES + 1))
    assert send_unsent_emails() == 1
    live.refresh_from_db()
    stale.refresh_from_db()
    assert live.emailed_at is None and stale.emailed_at is not None


def test_users_who_turned_e_mail_off_are_not_e_mailed(bureau_officer):
    bureau_officer.email_notifications = False
    bureau_officer.save()
    _note(bureau_officer)
    assert send_unsent_emails() == 0


def test_a_mail_server_failure_releases_the_claim_for_the_next_run(bureau_officer, monkeypatch):
    import portal.notifications as notifications

    note = _note(bureau_officer)
    monkeypatch.setattr(notifications, "send_mail", lambda **kw: (_ for _ in ()).throw(OSError("refused")))
    assert send_unsent_emails() == 0
    note.refresh_from_db()
    assert note.email_claimed_at is None and note.emailed_at is None
    monkeypatch.undo()
    assert send_unsent_emails() == 1


def test_the_resend_job_is_scheduled(settings):
    assert ("portal.send_unsent_emails", "portal.tasks.send_unsent_emails", "interval",
            settings.EMAIL_RESEND_EVERY_SECONDS) in all_schedules()
