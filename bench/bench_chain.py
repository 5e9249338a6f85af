"""Hash-chain verification throughput: every event of the first VEHICLES files, read 1,000 vehicles
per COPY (traceability.chain.verify_files → selectors.chain_rows: text as PostgreSQL writes it, the
payload as its stored JSON text) and checked by traceability.rules.verify_chain_rows, which test_hash_chain
proves to verify what rules.verify_chain (the function the portal verifies with) verifies.
BENCH_PROCESSES processes (default: one per core) each take a range of vehicle ids.
Target: ≥ 200,000 events/s."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report, setup_django  # noqa: E402

VEHICLES = 20_000
TARGET = 200_000
PROCESSES = int(os.environ.get("BENCH_PROCESSES", os.cpu_count() or 1))


def main() -> None:
    setup_django()
    from traceability.chain import verify_files_in_parallel
    from traceability.models import Vehicle

    ids = list(Vehicle.objects.order_by("id").values_list("id", flat=True)[:VEHICLES])
    start, cpu = time.perf_counter(), os.times()
    result = verify_files_in_parallel(ids, PROCESSES)
    seconds, after = time.perf_counter() - start, os.times()
    # Python CPU of this process and the finished workers: what the other engineers' load changes little.
    python_cpu = sum(after[:4]) - sum(cpu[:4])
    rate = result.events / seconds
    report("hash-chain verification", rate, "events/s", f">= {TARGET:,}", rate >= TARGET and not result.broken,
           events=result.events, files=result.files, broken_chains=len(result.broken), processes=PROCESSES,
           seconds=round(seconds, 2), python_cpu_us_per_event=round(python_cpu / result.events * 1e6, 2))


if __name__ == "__main__":
    main()
