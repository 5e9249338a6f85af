"""The compliance sweep for one day vs one hand-written SQL statement per rule (bench/baseline.py).

- daily: run_compliance(AS_OF) on the generated data (yesterday's obligations, clocks and
  discrepancies in place), as a dry run (the same work, rolled back), so the benchmark can be
  repeated; once with every receiver of run_evaluated (casework's clocks and consistency checks),
  once with the compliance steps alone; then casework's reminder job (clocks brought up to date,
  deemed withdrawals, 7/3/1-working-day reminders) after a run, rolled back as well.
  Each prints its time per step.
- cold: the eight rule steps on an empty obligation table (every obligation computed from
  nothing) against the eight baseline statements writing the same rows into the same empty table
  (compliance_obligation after TRUNCATE: the same indexes, constraints and foreign keys), inside
  one transaction that is rolled back; the two results are checked row for row (rule, enterprise,
  vehicle, licence, order, period, due date, status, met_on, overdue_since, target). Each side is
  timed --rounds times, alternating, and its best round is reported.
Targets: ≤ 60 s, and the cold sweep within 1.5× of the baseline.

    .venv/bin/python bench/bench_compliance.py [--explain MS] [--rounds N] [--skip-daily]

--explain MS prints the plan (EXPLAIN ANALYZE, BUFFERS, through auto_explain) of every statement
that took MS milliseconds or more, step by step.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import AS_OF, report, setup_django, vehicle_count  # noqa: E402

TARGET_S = 60
RATIO = 1.5
COMPARED = ("rule, enterprise_id, vehicle_id, licence_id, rectification_order_id, period_key, period_start, due_on,"
            " status, met_on, overdue_since, target")
RULE_STEPS = 8  # sweep.STEPS[:8] are the rules; then violations and their follow-up


class Plans:
    """auto_explain's plans arrive as notices on the connection: print those of each phase."""

    def __init__(self, min_ms: int | None):
        self.min_ms = min_ms

    def start(self) -> None:
        if self.min_ms is None:
            return
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("LOAD 'auto_explain'")
            for setting, value in (("log_min_duration", self.min_ms), ("log_analyze", "on"), ("log_buffers", "on"),
                                   ("log_nested_statements", "on"), ("log_timing", "on")):
                cursor.execute(f"SET auto_explain.{setting} = {value}")
            cursor.execute("SET client_min_messages = log")
        connection.connection.notices = []

    def flush(self, phase: str) -> None:
        if self.min_ms is None:
            return
        from django.db import connection

        notices = connection.connection.notices
        for notice in notices:
            print(f"--- {phase}\n{notice.strip()}\n", flush=True)
        notices.clear()


def _print_timings(label: str, timings: dict) -> None:
    parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in timings.items())
    print(f"    {label}: {parts}", flush=True)


def _instrument_casework(timings: dict):
    """Time casework's receiver piece by piece (module attributes wrapped; answers an undo)."""
    from casework import clocks, consistency

    def wrap(fn):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                timings[fn.__name__] = timings.get(fn.__name__, 0.0) + time.perf_counter() - started
        return timed

    saved = {name: getattr(clocks, name) for name in
             ("_sync_obligations", "_sync_applications", "_sync_licences", "_sync_complaints")}
    checks = list(consistency.CHECKS)
    for name, fn in saved.items():
        setattr(clocks, name, wrap(fn))
    consistency.CHECKS[:] = [wrap(fn) for fn in checks]

    def undo():
        for name, fn in saved.items():
            setattr(clocks, name, fn)
        consistency.CHECKS[:] = checks
    return undo


def _daily(total: int, plans: Plans) -> None:
    from django.db import transaction

    from casework.tasks import send_clock_reminders
    from compliance import sweep
    from compliance.services import run_compliance

    casework = {}
    undo = _instrument_casework(casework)
    try:
        start = time.perf_counter()
        result = run_compliance(AS_OF, dry_run=True, trigger="bench")
        seconds = time.perf_counter() - start
    finally:
        undo()
    plans.flush("daily, all receivers")
    report("compliance sweep, daily (dry run)", seconds, "s", f"<= {TARGET_S} s", seconds <= TARGET_S,
           vehicles=total, summary=result.summary())
    _print_timings("steps", result.timings)
    _print_timings("casework receiver", casework)

    # The same without the casework receiver of run_evaluated (its clocks and consistency checks).
    receivers = sweep.run_evaluated.receivers
    sweep.run_evaluated.receivers = []
    sweep.run_evaluated.sender_receivers_cache.clear()
    try:
        start = time.perf_counter()
        result = run_compliance(AS_OF, dry_run=True, trigger="bench")
        seconds = time.perf_counter() - start
    finally:
        sweep.run_evaluated.receivers = receivers
        sweep.run_evaluated.sender_receivers_cache.clear()
    plans.flush("daily, rules only")
    report("compliance sweep, daily, rules only", seconds, "s", f"<= {TARGET_S} s", seconds <= TARGET_S,
           vehicles=total, summary=result.summary())
    _print_timings("steps", result.timings)

    # casework's 07:00 job on the day's clocks: after the day's run, both rolled back.
    with transaction.atomic():
        run_compliance(AS_OF, trigger="bench")
        plans.flush("daily run before the reminders")
        start = time.perf_counter()
        outcome = send_clock_reminders(AS_OF.isoformat())
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    plans.flush("reminder job")
    report("casework reminder job, daily (rolled back)", seconds, "s", f"<= {TARGET_S} s", seconds <= TARGET_S,
           vehicles=total, **{k: v for k, v in outcome.items() if k != "as_of"})


def _empty_obligations(cursor) -> None:
    cursor.execute("TRUNCATE compliance_obligation, compliance_violation")


def _baseline_round(cursor) -> tuple[float, dict]:
    from bench import baseline

    _empty_obligations(cursor)
    rows = {}
    start = time.perf_counter()
    for rule in baseline.INNER:
        rows[rule] = baseline.insert_obligations(rule, AS_OF)
    return time.perf_counter() - start, rows


def _portal_round(cursor) -> tuple[float, dict]:
    from django.db import transaction
    from django.utils import timezone

    from compliance import sweep
    from compliance.models import ComplianceRun

    _empty_obligations(cursor)
    run = ComplianceRun.objects.create(as_of=AS_OF, dry_run=True, trigger="bench-cold")
    result = sweep.RunResult(as_of=AS_OF, dry_run=True)
    # the policy version in force on the day judges the rules, as in run_compliance (issue 24)
    ctx = sweep.Context(as_of=AS_OF, run=run, now=timezone.now(), counts=result.counts,
                        policy=sweep.policy_in_force(AS_OF))
    start = time.perf_counter()
    for step in sweep.STEPS[:RULE_STEPS]:
        with sweep._timed(result, step.__name__), transaction.atomic():
            step(ctx)
    return time.perf_counter() - start, result.timings


def _differences(cursor) -> dict:
    """Rows of the portal's table (as it stands) not in the baseline's result, and the reverse, per rule."""
    cursor.execute(
        f"SELECT rule, count(*) FROM ((SELECT {COMPARED} FROM baseline_result EXCEPT SELECT {COMPARED}"
        f" FROM compliance_obligation) UNION ALL (SELECT {COMPARED} FROM compliance_obligation"
        f" EXCEPT SELECT {COMPARED} FROM baseline_result)) d GROUP BY rule")
    return dict(cursor.fetchall())


def _checkpoint(cursor) -> None:
    """Each side starts from a clean checkpoint: neither pays for the other's dirty pages and WAL."""
    cursor.execute("CHECKPOINT")


def _cold(total: int, rounds: int, plans: Plans) -> None:
    from django.db import connection, transaction

    base_times, portal_times = [], []
    with transaction.atomic(), connection.cursor() as cursor:
        # Foreign keys checked at the end of each statement, as a committed step would: both sides
        # pay for their checks inside their time, and TRUNCATE finds no pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for n in range(rounds):
            # Odd rounds start with the portal, so neither side always runs on the other's leftovers.
            for side in (("baseline", "portal") if n % 2 == 0 else ("portal", "baseline")):
                _checkpoint(cursor)
                if side == "baseline":
                    base_s, rows = _baseline_round(cursor)
                    base_times.append(base_s)
                    if n == 0:
                        cursor.execute(f"CREATE TEMP TABLE baseline_result AS SELECT {COMPARED} FROM compliance_obligation")
                else:
                    portal_s, timings = _portal_round(cursor)
                    portal_times.append(portal_s)
                plans.flush(f"cold {side}, round {n + 1}")
            print(f"    round {n + 1}: baseline {base_s:.2f} s, portal {portal_s:.2f} s", flush=True)
            _print_timings("portal steps", timings)
        if rounds % 2 == 0:  # the baseline wrote last: the portal's rows once more for the comparison
            _portal_round(cursor)
        diffs = _differences(cursor)
        transaction.set_rollback(True)
    cold_s, base_s = min(portal_times), min(base_times)
    same = not diffs
    report("compliance rules, cold (every obligation)", cold_s, "s", f"<= {TARGET_S} s", cold_s <= TARGET_S,
           vehicles=total, obligations=sum(rows.values()))
    report("compliance rules cold / SQL baseline", cold_s / base_s, "x", f"<= {RATIO}x",
           cold_s / base_s <= RATIO and same, baseline_s=round(base_s, 2),
           compared="both INSERT into the empty compliance_obligation", same_result=same, differing_rows=diffs)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--explain", type=int, metavar="MS", help="print plans of statements taking MS ms or more")
    parser.add_argument("--rounds", type=int, default=2, help="cold rounds per side (the best is reported)")
    parser.add_argument("--skip-daily", action="store_true")
    parser.add_argument("--skip-cold", action="store_true")
    args = parser.parse_args(argv)
    setup_django()
    plans = Plans(args.explain)
    plans.start()
    total = vehicle_count()
    if not args.skip_daily:
        _daily(total, plans)
    if not args.skip_cold:
        _cold(total, max(1, args.rounds), plans)


if __name__ == "__main__":
    main()
