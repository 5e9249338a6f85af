"""Issue 3: a real broker (Redis: the machine's in CI, the embedded one locally) and a real worker."""

import re

import pytest
from django.conf import settings

from portal.tasks import add

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_task_makes_the_round_trip_through_the_broker_and_a_worker_process(celery_worker):
    result = add.apply_async((2, 3), queue=settings.CELERY_TASK_DEFAULT_QUEUE)
    assert result.get(timeout=30) == 5


def test_healthz_reports_database_broker_and_worker(client, celery_worker):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["worker"] == "ok"
    assert "beat" in body


def test_healthz_names_the_database_and_the_broker_with_their_versions(client):
    """Issue 17: PostgreSQL (15 to 18; the embedded default is 18) and Redis, as the servers answer."""
    from django.db import connection

    body = client.get("/healthz").json()
    major = connection.cursor().connection.server_version // 10000
    assert re.fullmatch(rf"PostgreSQL {major}\.\d+", body["database_server"]) and 15 <= major <= 18
    assert re.fullmatch(r"Redis \d+\.\d+\.\d+", body["broker_server"])


def test_healthz_is_503_when_the_broker_cannot_be_reached(client, monkeypatch):
    from portal.celery import app

    # Nothing listens on port 1: the broker is unreachable.
    monkeypatch.setitem(app.conf, "broker_write_url", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(app.conf, "broker_transport_options", {})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")
