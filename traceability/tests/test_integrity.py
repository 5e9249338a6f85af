"""The nightly check of every file's hash chain (domain-rules.md "hash"; 实施方案 一车一档, 管理办法第七条:
the file is tamper-evident): a real Celery worker, the beat schedule and the command."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_celery_beat.models import PeriodicTask

from portal.models import Notification
from portal.schedules import all_schedules
from traceability.services import append_event
from traceability.tasks import check_every_file
from traceability.tests.helpers import register, tamper


def _files(owner, count):
    vehicles = [register(owner) for _ in range(count)]
    for vehicle in vehicles:
        append_event(vehicle, "refurbishment", {"description": "换胎"}, actor=owner, occurred_on=date(2026, 6, 1),
                     today=date(2026, 6, 2))
    return vehicles


def test_the_nightly_check_is_scheduled_at_the_configured_time(db, settings):
    assert ("traceability.check_every_file", "traceability.check_every_file", "daily",
            settings.CHAIN_CHECK_AT) in all_schedules()
    call_command("setup_schedules", stdout=StringIO())
    task = PeriodicTask.objects.get(name="traceability.check_every_file")
    hour, minute = settings.CHAIN_CHECK_AT.split(":")
    assert (task.crontab.hour, task.crontab.minute) == (str(int(hour)), str(int(minute)))


@pytest.mark.django_db(transaction=True)
def test_the_worker_finds_a_changed_record_and_tells_the_bureau_once(celery_worker, pilot_user, bureau_officer):
    """domain-rules.md "hash": a payload changed outside the portal breaks that file's chain only; each bureau
    official gets one message with a link to the file's verification, however often the check runs."""
    vehicles = _files(pilot_user, 3)
    assert check_every_file.delay().get(timeout=120) == {"files": 3, "events": 3, "broken": [],
                                                              "log_mismatched": []}
    tamper("UPDATE traceability_traceevent SET payload = %s WHERE vehicle_id = %s AND seq = 1",
           ['{"description": "未换胎"}', vehicles[1].pk])
    for _ in range(2):
        assert check_every_file.delay().get(timeout=120) == {"files": 3, "events": 3, "broken": [vehicles[1].pk],
                                                                  "log_mismatched": []}
    told = Notification.objects.filter(code="traceability.chain_broken")
    assert [(n.recipient, n.link) for n in told] == [(bureau_officer, f"/vehicles/{vehicles[1].vin}/verify/")]
    assert vehicles[1].vin in told.get().title and pilot_user.notifications.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_command_checks_in_forked_processes_and_fails_on_a_broken_file(pilot_user, bureau_officer):
    """domain-rules.md "hash": `manage.py verify_chains --processes 2` gives the worker's result; exit status 1
    (CommandError) names the broken files."""
    vehicles = _files(pilot_user, 4)
    out = StringIO()
    call_command("verify_chains", "--processes", "2", stdout=out)
    assert out.getvalue().strip() == ("4 files, 4 events checked, 0 broken\n"
                                      "event log: 0 events against 0 published heads, 0 not matched, 0 bad signatures")
    tamper("UPDATE traceability_traceevent SET recorded_by_username = %s WHERE vehicle_id = %s AND seq = 1",
           ["someone_else", vehicles[3].pk])
    with pytest.raises(CommandError, match=f"broken files \\(vehicle ids\\): {vehicles[3].pk}$"):
        call_command("verify_chains", "--processes", "2", stdout=StringIO())
    assert Notification.objects.filter(code="traceability.chain_broken", recipient=bureau_officer).count() == 1
    with pytest.raises(CommandError, match="--processes must be at least 1"):
        call_command("verify_chains", "--processes", "0")
