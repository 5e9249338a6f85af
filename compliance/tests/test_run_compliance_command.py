"""api.md: `manage.py run_compliance [--as-of] [--dry-run]`; a dry run writes nothing and forecasts."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from compliance.models import ComplianceRun, Obligation, Violation
from compliance.tests.factories import exported


def _call(*args) -> str:
    out = StringIO()
    call_command("run_compliance", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_writes_nothing_and_prints_what_would_happen_by_enterprise(pilot):
    vehicle = exported(pilot, date(2025, 12, 31))
    output = _call("--as-of", "2026-03-01", "--dry-run")
    assert not Obligation.objects.exists() and not Violation.objects.exists() and not ComplianceRun.objects.exists()
    assert pilot.name in output
    assert f"deregistration_2m {vehicle.vin} due 2026-02-28: would be overdue" in output
    assert output.strip().splitlines()[-1].startswith("as of 2026-03-01 (dry run):")


def test_a_dry_run_with_nothing_to_do_still_ends_with_a_summary_line(db):
    output = _call("--as-of", "2030-01-01", "--dry-run")
    assert output.strip() == "as of 2030-01-01 (dry run): 0 new, 0 met, 0 overdue, 0 violations, 0 notified, 0 revocation cases"


def test_a_future_as_of_forecasts_what_will_fall_due(pilot):
    exported(pilot, date(2025, 12, 31))
    output = _call("--as-of", "2026-02-28", "--dry-run")
    assert "deregistration_2m" in output and "due 2026-02-28: would be due_today" in output


def test_the_command_runs_the_same_service_and_a_second_run_changes_nothing(pilot):
    exported(pilot, date(2025, 12, 31))
    first = _call("--as-of", "2026-03-01")
    assert Violation.objects.count() > 0 and "0 violations" not in first.splitlines()[-1]
    second = _call("--as-of", "2026-03-01")
    assert second.strip().splitlines()[-1] == (
        "as of 2026-03-01: 0 new, 0 met, 0 overdue, 0 violations, 0 notified, 0 revocation cases")
