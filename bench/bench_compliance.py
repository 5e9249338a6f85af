"""The compliance sweep for one day vs one hand-written SQL statement per rule (bench/baseline.py).

- daily: run_compliance(AS_OF) on the generated data (yesterday's obligations in place), as a dry
  run (the same work, rolled back), so the benchmark can be repeated; once with every receiver of
  run_evaluated (casework's clocks and consistency checks), once with the compliance steps alone;
- cold: the eight rule steps on an empty obligation table (every obligation computed from nothing),
  inside a transaction that is rolled back, timed against the baseline statements, and checked row
  for row against them (rule, enterprise, vehicle, licence, order, period, due date, status, dates).
Targets: ≤ 60 s, and the cold sweep within 1.5× of the baseline.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import AS_OF, report, setup_django, vehicle_count  # noqa: E402

TARGET_S = 60
RATIO = 1.5
COMPARED = "rule, enterprise_id, vehicle_id, licence_id, rectification_order_id, period_key, due_on, status, met_on"


def _baseline(cursor) -> tuple[float, dict]:
    from bench import baseline

    seconds, rows = 0.0, {}
    for rule in baseline.INNER:
        start = time.perf_counter()
        rows[rule] = baseline.materialise(rule, AS_OF, f"baseline_{rule}")
        seconds += time.perf_counter() - start
    return seconds, rows


def _differences(cursor, rule: str) -> int:
    cursor.execute(
        f"SELECT count(*) FROM ((SELECT {COMPARED} FROM baseline_{rule} EXCEPT SELECT {COMPARED}"
        f" FROM compliance_obligation WHERE rule = %s) UNION ALL (SELECT {COMPARED} FROM compliance_obligation"
        f" WHERE rule = %s EXCEPT SELECT {COMPARED} FROM baseline_{rule})) d", [rule, rule])
    return cursor.fetchone()[0]


RULE_STEPS = 8  # sweep.STEPS[:8] are the rules; then violations and their follow-up


def _daily(run_compliance, total: int, label: str) -> None:
    start = time.perf_counter()
    result = run_compliance(AS_OF, dry_run=True, trigger="bench")
    seconds = time.perf_counter() - start
    report(label, seconds, "s", f"<= {TARGET_S} s", seconds <= TARGET_S, vehicles=total, summary=result.summary())


def main() -> None:
    setup_django()
    from django.db import connection, transaction
    from django.utils import timezone

    from compliance import sweep
    from compliance.models import ComplianceRun
    from compliance.services import run_compliance

    total = vehicle_count()
    _daily(run_compliance, total, "compliance sweep, daily (dry run)")
    # The same without the casework receiver of run_evaluated (its clocks and consistency checks).
    receivers = sweep.run_evaluated.receivers
    sweep.run_evaluated.receivers = []
    sweep.run_evaluated.sender_receivers_cache.clear()
    try:
        _daily(run_compliance, total, "compliance sweep, daily, rules only")
    finally:
        sweep.run_evaluated.receivers = receivers
        sweep.run_evaluated.sender_receivers_cache.clear()

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM compliance_violation")
        cursor.execute("DELETE FROM compliance_obligation")
        run = ComplianceRun.objects.create(as_of=AS_OF, dry_run=True, trigger="bench-cold")
        ctx = sweep.Context(as_of=AS_OF, run=run, now=timezone.now(), counts={})
        start = time.perf_counter()
        for step in sweep.STEPS[:RULE_STEPS]:
            with transaction.atomic():
                step(ctx)
        cold_s = time.perf_counter() - start
        base_s, rows = _baseline(cursor)
        diffs = {rule: _differences(cursor, rule) for rule in rows}
        transaction.set_rollback(True)
    same = not any(diffs.values())
    report("compliance rules, cold (every obligation)", cold_s, "s", f"<= {TARGET_S} s", cold_s <= TARGET_S,
           vehicles=total, obligations=sum(rows.values()))
    report("compliance rules cold / SQL baseline", cold_s / base_s, "x", f"<= {RATIO}x",
           cold_s / base_s <= RATIO and same, baseline_s=round(base_s, 2),
           same_result=same, differing_rows={k: v for k, v in diffs.items() if v})


if __name__ == "__main__":
    main()
