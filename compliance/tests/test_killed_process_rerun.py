"""Issue 22 point 4: a sweep whose process is killed outright (SIGKILL, no cleanup) leaves a run
without finished_at; the next run closes it and finishes the work — nothing lost or doubled, and
every notification e-mailed exactly once by the resend job."""

import os
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from compliance.models import ComplianceRun, Obligation, Violation
from compliance.services import run_compliance
from compliance.tests.factories import exported
from portal.models import Notification
from portal.notifications import send_unsent_emails
from tests.fixtures import database_url_of

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in a separate process: the sweep as the beat job starts it, killed right after its first rule
# committed (the e-mail enqueue of anything told so far is lost with it).
KILLED_SWEEP = """
import os, signal, django
django.setup()
from datetime import date
from compliance import sweep
steps = list(sweep.STEPS)
def killed(ctx):
    os.kill(os.getpid(), signal.SIGKILL)
sweep.STEPS = [steps[0], killed, *steps[1:]]
sweep.run_compliance(date(2026, 3, 2), trigger="beat")
"""


def _database_url() -> str:
    return database_url_of(connection)


def test_a_sweep_killed_with_its_process_is_closed_and_finished_by_the_next_run_and_mails_go_once(
    pilot, bureau_officer, settings
):
    vehicle = exported(pilot, date(2025, 12, 31))
    env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "portal.settings",
           "CELERY_TASK_ALWAYS_EAGER": "1", "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    killed = subprocess.run([sys.executable, "-c", KILLED_SWEEP], cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    dead = ComplianceRun.objects.get()
    assert dead.finished_at is None

    emailed_by_the_dead = set(Notification.objects.filter(emailed_at__isnull=False).values_list("pk", flat=True))
    mail.outbox.clear()
    result = run_compliance(date(2026, 3, 2))
    dead.refresh_from_db()
    assert dead.finished_at is not None and dead.counts["resumed_by_run"] == result.run_id
    assert Obligation.objects.filter(vehicle=vehicle, rule="deregistration_2m").count() == 1  # not doubled
    assert Violation.objects.filter(obligation__vehicle=vehicle).count() == 1  # not lost

    # An e-mail whose enqueue was lost (here: every one, as if the broker had gone with the worker) is
    # sent by the periodic job; run twice, it sends each once.
    Notification.objects.filter(emailed_at__isnull=True).update(created_at=timezone.now() - timedelta(minutes=10))
    send_unsent_emails()
    send_unsent_emails()
    wanting = Notification.objects.filter(recipient__email_notifications=True).exclude(recipient__email="")
    assert wanting.exists()
    assert not wanting.filter(emailed_at__isnull=True).exists()
    assert len(mail.outbox) == wanting.exclude(pk__in=emailed_by_the_dead).count()
    sent = [(m.subject, m.to[0]) for m in mail.outbox]
    assert len(sent) == len(set(sent))  # nobody got the same notification twice
