"""The event log's cost (issue 21): publishing a head over N events, proof size and time, the nightly check.

    DATABASE_URL=postgres://…/portal_bench .venv/bin/python bench/bench_event_log.py --events 1000000 [--reset]

The log reads only the events' ids and hashes, so the events are made set-based in SQL (INSERT … SELECT
generate_series, SHA-256 of the row number as the hash) on vehicles of 10 events each: their chains do
not verify, which the log does not look at. The database must be migrated first; --reset empties the
trace events, blocks and heads, --rebuild the blocks and heads only (as the owner: TRUNCATE of history is refused to anyone else).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup_django  # noqa: E402


def fill(total: int) -> None:
    from django.db import connection
    from django.db.models import Max

    from portal.models import Organisation, User
    from traceability.models import TraceEvent, Vehicle

    have = TraceEvent.objects.count()
    if have >= total:
        return
    org = Organisation.objects.first() or Organisation.objects.create(name="bench 出口企业")
    user = User.objects.filter(username="bench_log").first() or User.objects.create(username="bench_log",
                                                                                     organisation=org)
    start = Vehicle.objects.aggregate(last=Max("id"))["last"] or 0  # VINs B<g>, g never above an id
    vehicles = -(-(total - have) // 10)
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # no FK checks while loading (bench only)
        cursor.execute(
            "INSERT INTO traceability_vehicle (vin, enterprise_id, plate_number, brand, model, vehicle_type, "
            "previous_use, commercial_vehicle_type, registration_date, mileage_km, has_aftersales_confirmation, "
            "created_by_id, created_at, last_seq, head_hash, destination_country, stolen, assembled, scrapped, "
            "inspection_conclusion, open_traffic_matters) "
            "SELECT 'B' || lpad(g::text, 16, '0'), %s, '', 'b', 'b', 'truck_other', 'noncommercial', '', "
            "'2020-01-01', 1, false, %s, now(), 10, '', '', false, false, false, '', 0 "
            "FROM generate_series(%s, %s) g", [org.pk, user.pk, start + 1, start + vehicles])
        cursor.execute(
            "INSERT INTO traceability_traceevent (vehicle_id, seq, type, occurred_on, payload, recorded_at, "
            "recorded_by_id, recorded_by_username, prev_hash, hash) "
            "SELECT v.id, s, 'refurbishment', '2026-01-01', '{}'::jsonb, now(), %s, 'bench', '', "
            "encode(sha256((v.id * 16 + s)::text::bytea), 'hex') "
            "FROM traceability_vehicle v CROSS JOIN generate_series(1, 10) s "
            "WHERE v.vin LIKE 'B%%' AND v.id > (SELECT coalesce(max(vehicle_id), 0) FROM traceability_traceevent) "
            "ORDER BY v.id, s", [user.pk])
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("ANALYZE traceability_traceevent")


def timed(fn, *args):
    started = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--proofs-only", action="store_true", help="only the proofs, against the latest two heads")
    parser.add_argument("--rebuild", action="store_true", help="drop the heads and blocks (keep the events): "
                                                                "the first head is then computed from every event")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from traceability import eventlog, merkle
    from traceability.models import LogBlock, TraceEvent, TreeHead

    if args.reset:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE traceability_treehead, traceability_logblock, traceability_traceevent, "
                           "traceability_vehicle CASCADE")
    if args.rebuild:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE traceability_treehead, traceability_logblock")
    _, seconds = timed(fill, args.events)
    n = TraceEvent.objects.count()
    print(f"{n:,} events ({seconds:.1f} s to generate)")

    if args.proofs_only:
        later, head = TreeHead.objects.order_by("-tree_size")[:2]
    else:
        head, first = timed(eventlog.publish_tree_head)
        print(f"publish_tree_head, first over {head.tree_size:,} events: {first:.1f} s "
              f"({LogBlock.objects.count():,} blocks of {merkle.BLOCK_SIZE})")
        fill(n + 1000)
        later, incremental = timed(eventlog.publish_tree_head)
        print(f"publish_tree_head, next over +{later.tree_size - head.tree_size:,} events: {incremental:.2f} s")

    ids = list(TraceEvent.objects.filter(id__lte=later.last_event_id).order_by("?").values_list("id", flat=True)[:50])
    events = list(TraceEvent.objects.filter(id__in=ids))
    times, sizes = [], []
    if events:
        _, cold = timed(eventlog.inclusion_proof, events[0], later)
        print(f"first proof in a fresh process (reads every block hash): {cold * 1000:.0f} ms")
    for event in events:
        proof, seconds = timed(eventlog.inclusion_proof, event, later)
        times.append(seconds)
        sizes.append(len(proof["audit_path"]))
        assert merkle.verify_inclusion(proof["leaf_index"], later.tree_size, bytes.fromhex(proof["leaf"]),
                                       [bytes.fromhex(p) for p in proof["audit_path"]], bytes.fromhex(later.root_hash))
    print(f"inclusion proof at {later.tree_size:,}: {max(sizes)} hashes ({max(sizes) * 32} bytes, "
          f"{max(sizes) * 64 + 100} bytes of JSON), median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over {len(times)}")
    proof, seconds = timed(eventlog.consistency_proof, head, later)
    print(f"consistency proof {head.tree_size:,} → {later.tree_size:,}: {len(proof['proof'])} hashes, "
          f"{seconds * 1000:.0f} ms")
    if args.proofs_only:
        return
    report, seconds = timed(eventlog.check_against_heads)
    print(f"nightly log check against {report.heads} heads over {report.events:,} events: {seconds:.1f} s, ok={report.ok}")
    print(f"heads: {TreeHead.objects.count()}")


if __name__ == "__main__":
    main()
