"""The event log at the generated size (issues 21 and 25): publishing the signed tree head over every event of
the benchmark database from nothing, the next head after 1,000 more events, 50 inclusion proofs and a
consistency proof, each checked with traceability.merkle. Everything happens in one transaction that is
rolled back at the end, so every run starts from the same database (no head, no block) and the generated
chains stay as generate.py wrote them. bench/bench_event_log.py measures the log alone at any N.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report, setup_django, vehicle_count  # noqa: E402


class _RolledBack(Exception):
    pass


def add_events(vehicles: int) -> None:
    """`vehicles` more vehicles of 10 events each (hashes as bench_event_log's: the log reads only ids and
    hashes), recorded by the newest vehicle's enterprise and user; plain SQL, inside the run's transaction."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT enterprise_id, created_by_id, (SELECT max(id) FROM traceability_vehicle)"
                       " FROM traceability_vehicle ORDER BY id DESC LIMIT 1")
        org, user, start = cursor.fetchone()
        cursor.execute(
            "INSERT INTO traceability_vehicle (vin, enterprise_id, plate_number, brand, model, vehicle_type, "
            "previous_use, commercial_vehicle_type, registration_date, mileage_km, has_aftersales_confirmation, "
            "created_by_id, created_at, last_seq, head_hash, destination_country, stolen, assembled, scrapped, "
            "inspection_conclusion, open_traffic_matters) "
            "SELECT 'T' || lpad(g::text, 16, '0'), %s, '', 'b', 'b', 'truck_other', 'noncommercial', '', "
            "'2020-01-01', 1, false, %s, now(), 10, '', '', false, false, false, '', 0 "
            "FROM generate_series(%s, %s) g", [org, user, start + 1, start + vehicles])
        cursor.execute(
            "INSERT INTO traceability_traceevent (vehicle_id, seq, type, occurred_on, payload, recorded_at, "
            "recorded_by_id, recorded_by_username, prev_hash, hash) "
            "SELECT v.id, s, 'refurbishment', '2026-01-01', '{}'::jsonb, now(), %s, 'bench', '', "
            "encode(sha256((v.id * 16 + s)::text::bytea), 'hex') "
            "FROM traceability_vehicle v CROSS JOIN generate_series(1, 10) s WHERE v.id > %s ORDER BY v.id, s",
            [user, start])


def main() -> None:
    setup_django()
    from django.db import connection, transaction

    from bench.bench_event_log import timed
    from traceability import eventlog, merkle
    from traceability.models import LogBlock, TraceEvent, TreeHead

    vehicles = vehicle_count()
    results = {}
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM traceability_treehead")
                cursor.execute("DELETE FROM traceability_logblock")
            eventlog._cached = eventlog._Blocks([], [])  # this process has read no block yet
            events = TraceEvent.objects.count()
            first, results["first"] = timed(eventlog.publish_tree_head)
            blocks = LogBlock.objects.count()
            add_events(100)  # 1,000 more events (rolled back with the rest)
            later, results["next"] = timed(eventlog.publish_tree_head)
            ids = list(TraceEvent.objects.filter(id__lte=later.last_event_id).order_by("?")
                       .values_list("id", flat=True)[:50])
            times, sizes = [], []
            for event in TraceEvent.objects.filter(id__in=ids):
                proof, seconds = timed(eventlog.inclusion_proof, event, later)
                assert merkle.verify_inclusion(
                    proof["leaf_index"], later.tree_size, bytes.fromhex(proof["leaf"]),
                    [bytes.fromhex(p) for p in proof["audit_path"]], bytes.fromhex(later.root_hash))
                times.append(seconds)
                sizes.append(len(proof["audit_path"]))
            consistency, results["consistency"] = timed(eventlog.consistency_proof, first, later)
            assert TreeHead.objects.count() == 2
            raise _RolledBack
    except _RolledBack:
        pass
    eventlog._cached = eventlog._Blocks([], [])
    common = {"vehicles": vehicles, "events": events}
    report("tree head, first publication (from nothing)", results["first"], "s", "(measured)", True,
           blocks=blocks, tree_size=first.tree_size, **common)
    report("tree head, next publication (+1,000 events)", results["next"], "s", "(measured)", True,
           tree_size=later.tree_size, **common)
    report("inclusion proof (median of 50, checked)", statistics.median(times) * 1000, "ms", "(measured)", True,
           max_ms=round(max(times) * 1000, 1), hashes=max(sizes), **common)
    report("consistency proof (checked)", results["consistency"] * 1000, "ms", "(measured)", True,
           hashes=len(consistency["proof"]), **common)


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"bench_tree_head: {time.perf_counter() - start:.1f} s")
