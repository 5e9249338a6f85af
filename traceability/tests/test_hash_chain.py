"""domain-rules.md: SHA-256 over the canonical JSON of eight fields; gap-free seq; verify finds tampering."""

import hashlib
import json
import threading
from datetime import UTC, date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import orjson
import pytest
from django.db import connection, connections, transaction

from tests.event_loop import with_a_running_loop
from traceability import chain, rules, selectors
from traceability.models import EventType, TraceEvent, Vehicle
from traceability.services import append_event
from traceability.tests.helpers import register, tamper

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


def _recorded_at(vehicle, seq):
    return TraceEvent.objects.get(vehicle=vehicle, seq=seq).recorded_at


@pytest.mark.django_db
def test_a_tampered_row_is_detected_by_verify_api_and_page(api, client, pilot_user):
    vehicle = register(pilot_user)
    first = _append(vehicle, pilot_user)
    _append(vehicle, pilot_user)
    tamper("UPDATE traceability_traceevent SET payload = %s WHERE id = %s", ['{"description": "未换胎"}', first.pk])
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


# --- The faster path: the payload hashed from its stored JSON text (issue 10) -----------------------
HASH_FIELDS = {"vin": "LFV2A21K0M0000001", "seq": 3, "type": "sale", "occurred_on": "2026-06-01",
               "recorded_at": "2026-06-01T02:03:04.000005+00:00", "recorded_by": "张三_pilot", "prev_hash": "ab" * 32}
PLAIN_PAYLOADS = [
    {},
    {"description": "换胎，更换刹车片（前轮）"},
    {"buyer_name": "境外买方 «Алматы»", "destination_country": "KZ", "price": "150000.00", "note": None},
    {"nested": {"list": [1, -2, 0, [], {}, [None, True, False]], "中文键": {"b": "乙", "a": "甲"}}, "n": 2**63},
    {"z": 1, "é": 2, "a": 3, "😀": 4, "\uffff": 5, "A": 6, "10": 7, "9": 8},
    {"controls": "tab\there\nnew\x01\x1f\x7f quote\" back\\ slash/ \u2028 😀", "empty": ""},
    {"negative": -9223372036854775808, "big": 18446744073709551615, "zero": 0},
]
# Payloads whose digest orjson cannot make exactly: floats, integers past 64 bits, deep nesting.
FALLBACK_PAYLOADS = [
    {"deep": json.loads("[" * 300 + '"底"' + "]" * 300)},
    {"mileage_km": 68000.0, "ratio": 0.1, "small": 1e-05, "neg": -2.25},
    {"deep": [{"x": [1.5]}]},
    {"huge": 10**30, "negative_huge": -(10**25)},  # past 64 bits: orjson would read floats
    {"big_float": 1e16, "tiny": 5e-324, "max": 1.7976931348623157e308},
]


SCALAR_PAYLOADS = ["字符串", None, 7, True, 1e-05]


@pytest.mark.parametrize("payload", PLAIN_PAYLOADS + FALLBACK_PAYLOADS + SCALAR_PAYLOADS)
@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": ")])
def test_stored_event_hash_is_event_hash_of_the_parsed_text(payload, separators):
    """domain-rules.md "hash": the digest from the stored JSON text equals event_hash of the parsed payload
    (Chinese text, nesting, nulls, integers to 64 bits and beyond, floats, control characters)."""
    text = json.dumps(payload, ensure_ascii=False, separators=separators)
    expected = rules.event_hash(**HASH_FIELDS, payload=json.loads(text))
    fields = dict(HASH_FIELDS)
    assert rules.stored_event_hash(fields.pop("vin"), fields.pop("seq"), fields.pop("type"), fields.pop("occurred_on"),
                                   text, **fields) == expected


@pytest.mark.parametrize("payload", PLAIN_PAYLOADS)
def test_orjson_writes_canonical_json_byte_for_byte_without_floats(payload):
    """domain-rules.md "hash": where stored_event_hash takes orjson's bytes, they are canonical_json's."""
    body = {**HASH_FIELDS, "payload": payload}
    assert orjson.dumps(body, option=orjson.OPT_SORT_KEYS) == rules.canonical_json(body)


def _reference_report(vehicle):
    """verify_chain over the payloads parsed by the database driver (json.loads), as before issue 10."""
    rows = TraceEvent.objects.filter(vehicle=vehicle).order_by("seq").values_list(
        "seq", "type", "occurred_on", "payload", "recorded_at", "recorded_by_username", "prev_hash", "hash")
    entries = [rules.ChainEntry(seq, t, day.isoformat(), payload, selectors.timestamp(at), by, prev, digest)
               for seq, t, day, payload, at, by, prev, digest in rows]
    assert all(isinstance(e.payload, dict) for e in entries)
    return rules.verify_chain(vehicle.vin, entries)


def _write_every_type(vehicle, user):
    """One event of every type through chain.write_event, payloads stored as jsonb and read back."""
    with transaction.atomic():
        locked = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
        for n, event_type in enumerate(EventType.values):
            payload = {**PLAIN_PAYLOADS[n % len(PLAIN_PAYLOADS)], **FALLBACK_PAYLOADS[n % len(FALLBACK_PAYLOADS)]}
            # jsonb keeps a whole float of 1e16 or more as an integer: its hash could never verify.
            payload.pop("big_float", None), payload.pop("max", None)
            if event_type == EventType.CORRECTION:
                payload = {"corrects_seq": 1, "reason": "笔误", "description": "更正：换胎"}
            chain.write_event(locked, event_type, payload, actor=user, occurred_on=DAY)
    vehicle.refresh_from_db()


@pytest.mark.django_db
def test_every_event_type_verifies_from_the_stored_text_as_from_the_parsed_payload(pilot_user):
    """domain-rules.md "hash": every event type, written and read back through PostgreSQL jsonb."""
    vehicle = register(pilot_user)
    _write_every_type(vehicle, pilot_user)
    entries = selectors.chain_entries(vehicle)
    assert all(isinstance(e.payload, str) for e in entries) and len(entries) == len(EventType.values)
    for entry in entries:
        assert rules.stored_event_hash(vehicle.vin, *entry[:7]) == entry.hash
    report = selectors.verify_vehicle(vehicle)
    assert report == _reference_report(vehicle) and report.valid and report.head == vehicle.head_hash


TAMPERINGS = {
    "payload": ("UPDATE traceability_traceevent SET payload = %s WHERE vehicle_id = %s AND seq = 3",
                ['{"description": "未换胎"}']),
    "type": ("UPDATE traceability_traceevent SET type = %s WHERE vehicle_id = %s AND seq = 6", ["sale"]),
    "occurred_on": ("UPDATE traceability_traceevent SET occurred_on = %s WHERE vehicle_id = %s AND seq = 8",
                    ["2026-05-31"]),
    "recorded_at": ("UPDATE traceability_traceevent SET recorded_at = %s WHERE vehicle_id = %s AND seq = 1",
                    [lambda vehicle: _recorded_at(vehicle, 1) + timedelta(microseconds=1)]),
    "link": ("UPDATE traceability_traceevent SET prev_hash = %s WHERE vehicle_id = %s AND seq = 4", ["0" * 64]),
    "hash": ("UPDATE traceability_traceevent SET hash = %s WHERE vehicle_id = %s AND seq = 5", ["f" * 64]),
    "recorded_by": ("UPDATE traceability_traceevent SET recorded_by_username = %s WHERE vehicle_id = %s AND seq = 2",
                    ["someone_else"]),
    "gap": ("UPDATE traceability_traceevent SET seq = 99 WHERE vehicle_id = %s AND seq = 6", []),
}


@pytest.mark.django_db
@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_bulk_verification_finds_what_verify_chain_finds(pilot_user, tampering):
    """domain-rules.md "hash": a changed payload or user, a broken link, a changed hash or a gap in seq
    breaks the chain, at the same seq from the stored text as from the parsed payload."""
    untouched, tampered = register(pilot_user), register(pilot_user)
    for vehicle in (untouched, tampered):
        _write_every_type(vehicle, pilot_user)
    sql, params = TAMPERINGS[tampering]
    tamper(sql, [*(p(tampered) if callable(p) else p for p in params), tampered.pk])
    report = selectors.verify_vehicle(tampered)
    assert report == _reference_report(tampered) and not report.valid
    assert report.broken_at == {"payload": 3, "type": 6, "occurred_on": 8, "recorded_at": 1, "link": 4, "hash": 5,
                                "recorded_by": 2, "gap": 7}[tampering]
    assert selectors.verify_vehicle(untouched).valid
    for block in (1, 1_000):  # a query per vehicle, one for both
        files = chain.verify_files(untouched.pk, tampered.pk, block=block)
        assert files.broken == [tampered.pk] and files.files == 2
        assert files.events == 2 * len(EventType.values)


# --- The bulk loop: rows of bytes as PostgreSQL's COPY hands them over (issue 10) ---------------------
ODD_STRINGS = ["张三_pilot", 'quote" back\\ slash', "tab\there\nnew\x01\x1f\x7f \u2028"]


MICROSECONDS = [0, 5, 120000, 999999, 100000, 10, 123456]


def _rows(vin, payload_texts, recorded_by, event_type):
    """A chain of byte rows as selectors.chain_rows gives them (recorded_at as PostgreSQL writes a UTC
    timestamp: no trailing zeros), hashed by event_hash (the one definition) of the parsed payloads."""
    rows, prev = [], rules.GENESIS_HASH
    for seq, text in enumerate(payload_texts, start=1):
        moment = datetime(2026, 6, 1, 2, 3, 4, MICROSECONDS[seq % len(MICROSECONDS)], tzinfo=UTC)
        written = moment.strftime("%Y-%m-%d %H:%M:%S") + f".{moment.microsecond:06d}".rstrip("0").rstrip(".")
        fields = {**HASH_FIELDS, "vin": vin, "seq": seq, "type": event_type, "recorded_by": recorded_by,
                  "prev_hash": prev, "recorded_at": selectors.timestamp(moment)}
        digest = rules.event_hash(**fields, payload=json.loads(text))
        rows.append((b"7", str(seq).encode(), prev.encode(), digest.encode(), fields["occurred_on"].encode(),
                     written.encode(), recorded_by.encode(), event_type.encode(), text.encode(), b"\n"))
        prev = digest
    return rows


def _entries(rows):
    """chain_entry's fields of the rows (recorded_at read back by fromisoformat, written by timestamp)."""
    return [rules.ChainEntry(int(seq), t.decode(), day.decode(), text.decode(),
                             selectors.timestamp(datetime.fromisoformat(at.decode()).replace(tzinfo=UTC)), by.decode(), prev.decode(),
                             digest.decode())
            for _, seq, prev, digest, day, at, by, t, text, _end in rows]


@pytest.mark.parametrize("payload", PLAIN_PAYLOADS + FALLBACK_PAYLOADS + SCALAR_PAYLOADS)
@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": ")])
@pytest.mark.parametrize("odd", ODD_STRINGS)
def test_the_bulk_loop_verifies_what_verify_chain_verifies(payload, separators, odd):
    """domain-rules.md "hash": verify_chain_rows (canonical bytes put together from the stored fields)
    accepts the hashes event_hash makes — every payload kind, any recorded_by or type text — and breaks
    at the seq verify_chain breaks at when the payload, the user or the link changes."""
    vin, text = HASH_FIELDS["vin"], json.dumps(payload, ensure_ascii=False, separators=separators)
    rows = _rows(vin, [text, '{"b": 1, "a": "甲"}', text, *(['{"n": 1}'] * (len(MICROSECONDS) - 3))], odd, "sale")
    events = len(rows)
    assert list(rules.verify_chain_rows(rows, {7: vin})) == [(7, events, None)]
    assert rules.verify_chain(vin, _entries(rows)).valid
    changed = json.dumps({"changed": payload}, ensure_ascii=False)
    for n, field, value in ((0, 8, changed.encode()), (1, 6, b"someone_else"), (2, 2, b"0" * 64), (1, 1, b"3")):
        tampered = [row if i != n else (*row[:field], value, *row[field + 1:]) for i, row in enumerate(rows)]
        broken_at = rules.verify_chain(vin, _entries(tampered)).broken_at
        assert list(rules.verify_chain_rows(tampered, {7: vin})) == [(7, events, broken_at)] and broken_at == int(
            tampered[n][1])


@pytest.mark.django_db
def test_copied_rows_are_the_fields_chain_entries_read(pilot_user):
    """domain-rules.md "hash": COPY's rows (recorded_at and occurred_on formatted by PostgreSQL, escapes
    undone) are the texts chain_entries hashes, microseconds of 0 and odd user names included."""
    vehicle = register(pilot_user)
    _write_every_type(vehicle, pilot_user)
    tamper("UPDATE traceability_traceevent SET recorded_by_username = %s WHERE vehicle_id = %s AND seq = 2",
            [ODD_STRINGS[1] + ODD_STRINGS[2], vehicle.pk])
    tamper("UPDATE traceability_traceevent SET recorded_at = %s WHERE vehicle_id = %s AND seq = 3",
            [_recorded_at(vehicle, 3).replace(microsecond=0), vehicle.pk])
    rows = list(selectors.chain_rows(vehicle.pk - 1, vehicle.pk))
    assert all(vehicle_id == str(vehicle.pk).encode() for vehicle_id, *_ in rows)
    assert _entries(rows) == selectors.chain_entries(vehicle)
    assert _entries(rows)[2].recorded_at.endswith(".000000+00:00")
    assert b"." not in rows[2][5]  # PostgreSQL writes no zero fraction


@pytest.mark.django_db
def test_a_chain_recorded_by_an_odd_user_name_verifies_in_bulk(pilot_user):
    """domain-rules.md "hash": a user name with quotes, backslashes, tabs and newlines (escaped by COPY
    and by JSON), recorded_at with 0 or a few microseconds (PostgreSQL drops trailing zeros) verify in
    bulk as in verify_chain."""
    odd = type(pilot_user).objects.create(username="odd\t\"\\名\n", organisation=pilot_user.organisation)
    vehicle = register(pilot_user)
    with transaction.atomic():
        locked = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
        for micro in MICROSECONDS:
            with mock.patch.object(chain.timezone, "now", return_value=datetime(2026, 6, 1, 2, 3, 4, micro, tzinfo=UTC)):
                chain.write_event(locked, EventType.REFURBISHMENT, {"description": "换胎\\\t"}, actor=odd,
                                  occurred_on=DAY)
    assert selectors.verify_vehicle(vehicle).valid
    files = chain.verify_files(vehicle.pk, vehicle.pk)
    assert (files.files, files.events, files.broken) == (1, len(MICROSECONDS), [])


@pytest.mark.django_db(transaction=True)
def test_verification_in_two_processes_adds_up(pilot_user):
    """domain-rules.md "hash": the files cut into id ranges, one process each, give one report."""
    vehicles = [register(pilot_user) for _ in range(4)]
    for vehicle in vehicles:
        _append(vehicle, pilot_user)
    tamper("UPDATE traceability_traceevent SET payload = %s WHERE vehicle_id = %s AND seq = 1",
            ['{"description": "未换胎"}', vehicles[2].pk])
    ids = sorted(v.pk for v in vehicles)
    report = chain.verify_files_in_parallel(ids, 2)
    assert (report.files, report.events, report.broken) == (4, 4, [vehicles[2].pk])
    assert chain.verify_files_in_parallel(ids, 1).broken == [vehicles[2].pk]


@pytest.mark.django_db(transaction=True)
def test_verifying_processes_never_touch_the_connection_the_caller_holds(pilot_user, monkeypatch):
    """domain-rules.md "hash", the files checked in forked processes while the caller keeps its connection open.
    Under Playwright the caller runs with an event loop in its thread, where Django keeps the connections apart
    from the thread's own; a forked child (no loop there) found the thread's open connection: both children
    spoke on the caller's socket (PGRES_COPY_OUT) and, closing it, ended the caller's session."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    vehicles = [register(pilot_user) for _ in range(4)]
    for vehicle in vehicles:
        _append(vehicle, pilot_user)
    tamper("UPDATE traceability_traceevent SET payload = %s WHERE vehicle_id = %s AND seq = 1",
            ['{"description": "未换胎"}', vehicles[1].pk])
    held = connection.connection  # this thread's connection, open
    report = with_a_running_loop(lambda: chain.verify_files_in_parallel(sorted(v.pk for v in vehicles), 2))
    assert (report.files, report.broken) == (4, [vehicles[1].pk])
    assert connection.connection is held
    with connection.cursor() as cursor:  # the caller's session is still alive
        cursor.execute("SELECT count(*) FROM traceability_vehicle")
        assert cursor.fetchone() == (4,)


@pytest.mark.parametrize("moment", [
    datetime(2026, 6, 1, 2, 3, 4, 5, tzinfo=UTC), datetime(2026, 6, 1, 2, 3, 4, tzinfo=UTC),
    datetime(2026, 6, 1, 10, 3, 4, 120000, tzinfo=ZoneInfo("Asia/Shanghai")),
])
def test_recorded_at_is_hashed_as_utc_iso_8601_with_microseconds(moment):
    """domain-rules.md "hash": recorded_at in UTC with six digits of microseconds, even when they are 0."""
    text = selectors.timestamp(moment)
    assert text == moment.astimezone(UTC).isoformat(timespec="microseconds") and len(text) == 32
    assert text.endswith("+00:00") and datetime.fromisoformat(text) == moment


@pytest.mark.django_db(transaction=True)
def test_a_vehicle_committed_while_a_block_is_read_is_verified_in_neither_or_both_reads(pilot_user):
    """domain-rules.md "hash", the nightly check on a live portal: a registration whose id was taken
    before the block's vehicles were listed but committed before its events were read must not break
    the check (one snapshot for both reads)."""
    started, commit = threading.Event(), threading.Event()

    def slow_registration():
        with transaction.atomic():
            late = register(pilot_user)
            _append(late, pilot_user)
            started.set()
            commit.wait(10)
        connection.close()

    thread = threading.Thread(target=slow_registration)
    thread.start()
    assert started.wait(10)
    later = register(pilot_user)
    _append(later, pilot_user)
    original = selectors.chain_rows

    def rows_after_the_commit(*args):
        commit.set()
        thread.join(10)
        return original(*args)

    with mock.patch.object(selectors, "chain_rows", side_effect=rows_after_the_commit):
        report = chain.verify_files(later.pk - 5, later.pk)
    assert (report.files, report.broken) == (1, [])
    assert chain.verify_files(later.pk - 5, later.pk).files == 2
