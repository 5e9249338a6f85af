"""Shared fixtures: role users and clients (icms conftest habit), a real Celery worker."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from rest_framework.test import APIClient

from portal.celery import app as celery_app
from portal.roles import Role

from .factories import PilotEnterpriseFactory, make_user

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _celery_eager_unless_real_worker(request, settings):
    """Tasks run eagerly in tests about something else; `celery_worker` tests use a real worker."""
    eager = "celery_worker" not in request.fixturenames
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    settings.CELERY_TASK_ALWAYS_EAGER = eager
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _two_factor_off_unless_required(request, settings):
    """force_login sessions of officials pass: the 2FA gate is on only in tests that ask for it."""
    settings.PORTAL_REQUIRE_2FA = "require_two_factor" in request.fixturenames


@pytest.fixture
def require_two_factor(settings):
    """The two-factor gate as in production (issue 9 point 2)."""
    settings.PORTAL_REQUIRE_2FA = True
    return settings


@pytest.fixture
def bureau_officer(db):
    return make_user(Role.BUREAU_OFFICER)


@pytest.fixture
def bureau_head(db, bureau_officer):
    return make_user(Role.BUREAU_HEAD, organisation=bureau_officer.organisation)


@pytest.fixture
def auditor(db, bureau_officer):
    return make_user(Role.AUDITOR, organisation=bureau_officer.organisation)


@pytest.fixture
def enterprise_user(db):
    return make_user(Role.ENTERPRISE_USER)


@pytest.fixture
def pilot_user(db):
    return make_user(Role.ENTERPRISE_USER, organisation=PilotEnterpriseFactory())


@pytest.fixture
def other_enterprise_user(db):
    return make_user(Role.ENTERPRISE_USER)


@pytest.fixture
def police_officer(db):
    return make_user(Role.POLICE_OFFICER)


@pytest.fixture
def customs_officer(db):
    return make_user(Role.CUSTOMS_OFFICER)


@pytest.fixture
def inspector(db):
    return make_user(Role.INSPECTOR)


@pytest.fixture
def expert(db):
    return make_user(Role.EXPERT)


def api_client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def api():
    """api(user) → an APIClient authenticated as that user (None: anonymous)."""
    return api_client_for


def database_url_of(connection) -> str:
    """The DATABASE_URL of the test database, for the processes a test starts (a worker, backup.sh);
    a host that is a folder (the embedded server's socket) is written as django-environ reads it."""
    db = connection.settings_dict
    host = db["HOST"] or db["OPTIONS"].get("host") or "127.0.0.1"
    user = quote(db["USER"] or "postgres") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    if host.startswith("/"):
        return f"postgres://{user}@/{host}/{db['NAME']}"
    return f"postgres://{user}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real `celery worker` process on the configured broker, using the test database."""
    from django.conf import settings
    from django.db import connection

    env = {**os.environ, "DATABASE_URL": database_url_of(connection)}
    env["CELERY_QUEUE"] = settings.CELERY_TASK_DEFAULT_QUEUE
    env["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    log_path = ROOT / "var" / f"test-worker-{os.getpid()}.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "--loglevel=INFO",
         "-n", f"test-{os.getpid()}@%h", "-Q", settings.CELERY_TASK_DEFAULT_QUEUE, "--without-mingle", "--without-gossip"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        from portal.tasks import ping

        deadline = time.monotonic() + 60
        while True:
            try:
                if ping.apply_async(queue=settings.CELERY_TASK_DEFAULT_QUEUE).get(timeout=5) == "pong":
                    break
            except Exception:  # noqa: BLE001 - not up yet
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError(log_path.read_text()[-3000:]) from None
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture
def celery_worker(celery_worker_process):
    celery_app.conf.task_always_eager = False
    return celery_worker_process


@pytest.fixture(autouse=True)
def _public_verify_counts_fresh():
    """Each test starts with fresh per-address counters of public verification (issue 21): the test client
    always comes from 127.0.0.1, and one test's look-ups must not count against the next."""
    from traceability import public_limit

    public_limit.reset()


@pytest.fixture(scope="session")
def _letter_signing_files(tmp_path_factory):
    from casework.signing import make_demo_credentials

    folder = tmp_path_factory.mktemp("letter-signing")
    make_demo_credentials(folder / "key.pem", folder / "cert.pem", authority="太原市商务局")
    return folder / "key.pem", folder / "cert.pem"


@pytest.fixture
def signing_key(settings, _letter_signing_files):
    """Letters are signed with a test key and certificate, as production names them in settings."""
    settings.LETTER_SIGNING_KEY, settings.LETTER_SIGNING_CERT = (str(p) for p in _letter_signing_files)
    return _letter_signing_files
