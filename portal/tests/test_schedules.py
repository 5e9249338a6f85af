"""Issue 3: the periodic jobs are rows of django-celery-beat (editable in the admin), created idempotently."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

pytestmark = pytest.mark.django_db


def test_setup_schedules_creates_every_registered_job_once_and_keeps_admin_edits():
    call_command("setup_schedules", verbosity=0)
    names = set(PeriodicTask.objects.values_list("name", flat=True))
    assert {"portal.heartbeat", "compliance.daily"} <= names
    daily = PeriodicTask.objects.get(name="compliance.daily")
    assert daily.crontab.hour == "1" and daily.crontab.minute == "30"  # COMPLIANCE_RUN_AT default 01:30
    daily.enabled = False
    daily.save()
    call_command("setup_schedules", verbosity=0)
    assert PeriodicTask.objects.filter(name="compliance.daily").count() == 1
    assert PeriodicTask.objects.get(name="compliance.daily").enabled is False


def test_the_heartbeat_is_due_as_soon_as_beat_starts():
    call_command("setup_schedules", verbosity=0)
    heartbeat = PeriodicTask.objects.get(name="portal.heartbeat")
    assert heartbeat.last_run_at <= timezone.now() - timezone.timedelta(seconds=heartbeat.interval.every)
