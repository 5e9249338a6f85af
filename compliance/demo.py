"""Demo data: run the compliance sweep for today over the other apps' demo records, so the
dashboards show real obligations (the sweep is idempotent, so seed_demo may run again)."""

from datetime import date


def seed_obligations(context: dict) -> None:
    from .services import run_compliance

    run_compliance(date.today(), trigger="seed_demo")
