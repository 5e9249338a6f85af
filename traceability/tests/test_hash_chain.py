"""domain-rules.md: SHA-256 over the canonical JSON of eight fields; gap-free seq; verify finds tampering."""

import hashlib
import json
import threading
from datetime import UTC, date

import pytest
from django.db import connection, connections

from traceability import selectors
from traceability.models import TraceEvent, Vehicle
from traceability.services import append_event
from traceability.tests.helpers import register

DAY, TODAY = date(2026, 6, 1), date(2026, 6, 2)


def _append(vehicle, user, text="换胎"):
    return append_event(vehicle, "refurbishment", {"description": text}, actor=user, occurred_on=DAY, today=TODAY)


@pytest.mark.django_db
def test_each_hash_is_sha256_of_the_canonical_json_of_the_eight_fields(pilot_user):
    vehicle = register(pilot_user)
    first, second = _append(vehicle, pilot_user), _append(vehicle, pilot_user, "清洗")
    stored = TraceEvent.objects.get(pk=second.pk)
    body = {
        "vin": vehicle.vin, "seq": 2, "type": "refurbishment", "occurred_on": "2026-06-01",
        "payload": {"description": "清洗"},
        "recorded_at": stored.recorded_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "recorded_by": pilot_user.username, "prev_hash": first.hash,
    }
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert stored.hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert first.prev_hash == "0" * 64


@pytest.mark.django_db
def test_verify_reports_a_valid_chain_with_its_count_and_head(api, pilot_user):
    vehicle = register(pilot_user)
    _append(vehicle, pilot_user)
    last = _append(vehicle, pilot_user)
    body = api(pilot_user).get(f"/api/v1/vehicles/{vehicle.vin}/verify/").json()
    assert body == {"valid": True, "count": 2, "head": last.hash}


def _tamper(sql, params):
    """Bypass the append-only trigger as an attacker with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # a superuser skips ordinary triggers
            cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = DEFAULT")
        else:
            cursor.execute("DROP TRIGGER traceability_traceevent_append_only_update")
            cursor.execute(sql, params)
            cursor.execute(
                "CREATE TRIGGER traceability_traceevent_append_only_update BEFORE UPDATE ON traceability_traceevent "
                "BEGIN SELECT RAISE(ABORT, 'UPDATE on traceability_traceevent is not allowed'); END;"
            )


@pytest.mark.django_db
def test_a_tampered_row_is_detected_by_verify_api_and_page(api, client, pilot_user):
    vehicle = register(pilot_user)
    first = _append(vehicle, pilot_user)
    _append(vehicle, pilot_user)
    _tamper("UPDATE traceability_traceevent SET payload = %s WHERE id = %s", ['{"description": "未换胎"}', first.pk])
    body = api(pilot_user).get(f"/api/v1/vehicles/{vehicle.vin}/verify/").json()
    assert body["valid"] is False and body["count"] == 2
    client.force_login(pilot_user)
    page = client.get(f"/vehicles/{vehicle.vin}/verify/").content.decode()
    assert "校验未通过" in page
    public = api(None).get(f"/api/v1/public/vehicles/{vehicle.vin}/").json()
    assert public["chain_valid"] is False


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_get_gap_free_sequence_numbers_and_a_valid_chain(pilot_user):
    vehicle = register(pilot_user)
    errors = []
    barrier = threading.Barrier(6)

    def worker(n):
        try:
            barrier.wait(timeout=10)
            for i in range(3):
                _append(Vehicle.objects.get(pk=vehicle.pk), pilot_user, f"{n}-{i}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = list(TraceEvent.objects.filter(vehicle=vehicle).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 19))
    assert selectors.verify_vehicle(vehicle).valid
    vehicle.refresh_from_db()
    assert vehicle.last_seq == 18
