"""api.md "Compliance": `run_compliance --dry-run` lists who will breach in the next 30 days and writes nothing."""

from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from compliance.tests.factories import exported

pytestmark = pytest.mark.django_db


def _row_counts() -> dict:
    return {m._meta.label: m.objects.count() for m in apps.get_models() if not m._meta.proxy}


def test_a_dry_run_changes_zero_rows_in_any_table_第六条(pilot):
    exported(pilot, date(2026, 1, 10))  # deregistration_2m due 2026-03-10
    exported(pilot, date(2026, 1, 5), deregistered_on=date(2026, 1, 1))  # a discrepancy would be found
    before = _row_counts()
    out = StringIO()
    call_command("run_compliance", "--as-of", "2026-02-20", "--dry-run", stdout=out)
    assert _row_counts() == before


def test_the_dry_run_lists_who_will_breach_within_30_days_第六条(pilot):
    vehicle = exported(pilot, date(2026, 1, 10))
    call_command("run_compliance", "--as-of", "2026-01-20", stdout=StringIO())  # creates the obligation
    out = StringIO()
    call_command("run_compliance", "--as-of", "2026-02-20", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "will breach within 30 days of 2026-02-20" in text
    assert f"deregistration_2m {vehicle.vin} due 2026-03-10" in text
    assert pilot.name in text
