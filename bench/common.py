"""Shared helpers of the benchmarks: Django set-up, the fixed benchmark day, timing and the result lines."""

import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# BENCH_RESULTS: another file for trial runs, so they stay out of the published table.
RESULTS = Path(os.environ.get("BENCH_RESULTS") or ROOT / "var" / "bench-results.jsonl")
# Every generated history ends before this day; the sweep benchmark evaluates it.
AS_OF = date(2026, 6, 30)


def setup_django() -> None:
    """Django on the DATABASE_URL and REDIS_URL of the environment (make bench names both)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("PORTAL_EMBEDDED", "1")
    import django

    django.setup()


def vehicle_count() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM traceability_vehicle")
        return cursor.fetchone()[0]


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def report(name: str, figure: float, unit: str, target: str, met: bool, **extra) -> None:
    """One result line on stdout and in var/bench-results.jsonl (the README table is made from it)."""
    verdict = "MET" if met else "NOT MET"
    detail = "".join(f"  {k}={v}" for k, v in extra.items())
    print(f"{name:<48} {figure:>12.3f} {unit:<10} target {target:<22} {verdict}{detail}", flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    row = {"name": name, "figure": round(figure, 4), "unit": unit, "target": target, "met": met,
           "date": date.today().isoformat(), "cpus": os.cpu_count(), **extra}
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def median(samples: list[float]) -> float:
    return statistics.median(samples)
