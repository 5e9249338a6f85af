"""Issue 21: with database access an attacker can rewrite an event and recompute every hash after it, or
delete a vehicle's last event: each file's chain then still verifies. The nightly check also recomputes the
event log and compares it with every published (signed) head, which finds both."""

import json

import pytest
from django.db import connection

from portal.models import Notification
from traceability import rules, selectors
from traceability.eventlog import check_against_heads, publish_tree_head
from traceability.integrity import check_every_file
from traceability.models import TraceEvent, Vehicle
from traceability.tests.helpers import make_ready, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(pilot_user, officials):
    vehicles = [make_ready(register(pilot_user), officials) for _ in range(2)]
    head = publish_tree_head()
    return vehicles, head


def _as_superuser(*statements):
    """What the issue measured: a superuser skips every ordinary trigger."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        for sql, params in statements:
            cursor.execute(sql, params)
        cursor.execute("SET session_replication_role = DEFAULT")


def _rewrite_and_rehash(vehicle: Vehicle, seq: int, payload: dict) -> None:
    events = list(TraceEvent.objects.filter(vehicle=vehicle).order_by("seq"))
    prev, statements = rules.GENESIS_HASH, []
    for event in events:
        if event.seq == seq:
            event.payload = payload
        digest = rules.event_hash(
            vin=vehicle.vin, seq=event.seq, type=event.type, occurred_on=event.occurred_on.isoformat(),
            payload=event.payload, recorded_at=selectors.timestamp(event.recorded_at),
            recorded_by=event.recorded_by_username, prev_hash=prev)
        statements.append(("UPDATE traceability_traceevent SET payload = %s::jsonb, prev_hash = %s, hash = %s "
                           "WHERE id = %s", [json.dumps(event.payload), prev, digest, event.pk]))
        prev = digest
    statements.append(("UPDATE traceability_vehicle SET head_hash = %s WHERE id = %s", [prev, vehicle.pk]))
    _as_superuser(*statements)


def test_an_untouched_log_matches_every_published_head(published):
    report = check_every_file()
    assert report.broken == [] and report.log.ok and report.log.heads == 1


def test_a_rewritten_and_rehashed_event_passes_the_chain_check_and_fails_the_log_check(published, bureau_officer):
    (vehicle, _other), head = published
    _rewrite_and_rehash(vehicle, 1, {"certificate_number": "晋A-ZY-FORGED"})
    assert selectors.verify_vehicle(vehicle).valid  # every hash recomputed: the chain alone sees nothing
    report = check_every_file()
    assert report.broken == []
    assert report.log.mismatched == [head.tree_size]
    assert Notification.objects.filter(recipient=bureau_officer, code="traceability.log_mismatch").count() == 1
    check_every_file()  # a rerun tells nobody twice
    assert Notification.objects.filter(recipient=bureau_officer, code="traceability.log_mismatch").count() == 1


def test_a_deleted_last_event_is_found_against_the_published_head(published):
    (_vehicle, other), head = published
    last = TraceEvent.objects.filter(vehicle=other).order_by("-seq").first()
    previous = TraceEvent.objects.get(vehicle=other, seq=last.seq - 1)
    _as_superuser(("DELETE FROM traceability_traceevent WHERE id = %s", [last.pk]),
                  ("UPDATE traceability_vehicle SET last_seq = %s, head_hash = %s WHERE id = %s",
                   [previous.seq, previous.hash, other.pk]))
    assert selectors.verify_vehicle(other).valid
    report = check_against_heads()
    assert report.mismatched == [head.tree_size] and report.events == head.tree_size - 1


def test_a_later_head_is_checked_too_and_an_event_after_the_last_head_is_not_yet_judged(published, pilot_user,
                                                                                          officials):
    (vehicle, _other), first = published
    make_ready(register(pilot_user), officials)
    second = publish_tree_head()
    make_ready(register(pilot_user), officials)  # after every head
    assert check_against_heads().ok
    _rewrite_and_rehash(vehicle, 2, {"report_number": "JJ-X", "conclusion": "pass", "mileage_km": 1,
                                     "qualification_number": "CMA-X"})
    assert check_against_heads().mismatched == [first.tree_size, second.tree_size]


def test_a_forged_head_signature_is_reported(published):
    _vehicles, head = published
    _as_superuser(("UPDATE traceability_treehead SET tree_size = tree_size + 0, signature = %s WHERE id = %s",
                   ["A" * 86, head.pk]))
    assert check_against_heads().bad_signatures == [head.tree_size]
