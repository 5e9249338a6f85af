"""Hash-chain verification throughput: every event of the first VEHICLES files, read in one ordered
query and checked by traceability.rules.verify_chain (the function the portal verifies with).
Target: ≥ 200,000 events/s."""

import sys
import time
from itertools import groupby
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report, setup_django  # noqa: E402

VEHICLES = 20_000
TARGET = 200_000


def main() -> None:
    setup_django()
    from traceability import rules
    from traceability.models import TraceEvent, Vehicle
    from traceability.selectors import timestamp

    ids = list(Vehicle.objects.order_by("id").values_list("id", flat=True)[:VEHICLES])
    vins = dict(Vehicle.objects.filter(id__in=ids).values_list("id", "vin"))
    start = time.perf_counter()
    rows = (TraceEvent.objects.filter(vehicle_id__in=ids).order_by("vehicle_id", "seq")
            .values_list("vehicle_id", "seq", "type", "occurred_on", "payload", "recorded_at",
                         "recorded_by_username", "prev_hash", "hash").iterator(chunk_size=20_000))
    events, broken = 0, 0
    for vehicle_id, group in groupby(rows, key=lambda r: r[0]):
        entries = [rules.ChainEntry(seq, t, day.isoformat(), payload, timestamp(at), by, prev, digest)
                   for _, seq, t, day, payload, at, by, prev, digest in group]
        events += len(entries)
        broken += not rules.verify_chain(vins[vehicle_id], entries).valid
    seconds = time.perf_counter() - start
    rate = events / seconds
    report("hash-chain verification", rate, "events/s", f">= {TARGET:,}", rate >= TARGET and not broken,
           events=events, broken_chains=broken, seconds=round(seconds, 2))


if __name__ == "__main__":
    main()
