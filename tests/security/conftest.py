import logging

import pytest
from django.db import transaction

from .access import login_clients
from .world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world is built once per module inside a transaction that is rolled back at the end; each
    test runs in a savepoint of it (pytest-django's `db`) and each request in a savepoint of that."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
            login_clients(world)  # sessions outlive each test's savepoint
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _quiet_refusals():
    """403s and 404s are the point of these tests; keep their log lines out of the output (5xx still show)."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture(autouse=True)
def _public_verification_unlimited(settings):
    """These tests call each public endpoint once per role, and the fuzzer many times: the per-address limit
    (issue 21, its own tests in traceability/) would answer 429s that are not what they look at."""
    settings.PUBLIC_VERIFY_RATE = "1000000/minute"
