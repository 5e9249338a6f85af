"""办法第一条, 第六条 (issue 24): `run_compliance --as-of D` judges by the policy version in force on D, each
obligation records the version that dated it, and publishing a version never moves an existing due date."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from compliance.models import ComplianceRun, Obligation, RuleCode
from compliance.obligations import start_deregistration
from compliance.tests.factories import exported
from tests.policy import publish_version

pytestmark = pytest.mark.django_db

EFFECTIVE = date(2026, 3, 1)  # version 2: deregistration within 3 months instead of 2


def _run(as_of: date, *extra) -> str:
    out = io.StringIO()
    call_command("run_compliance", "--as-of", as_of.isoformat(), *extra, stdout=out)
    return out.getvalue()


def test_as_of_before_and_after_the_effective_date_gives_each_versions_result_办法第六条(
        pilot, bureau_officer, bureau_head):
    publish_version(bureau_officer, bureau_head, today=date(2026, 1, 5), effective_from=EFFECTIVE,
                    deregistration_months=3)
    vehicle = exported(pilot, date(2026, 1, 10))  # its obligation was never created at the act

    before = _run(date(2026, 2, 20), "--dry-run")
    assert f"deregistration_2m {vehicle.vin} due 2026-03-10: would be new" in before  # version 1: 2 months
    after = _run(date(2026, 3, 2), "--dry-run")
    assert f"deregistration_2m {vehicle.vin} due 2026-04-10: would be new" in after  # version 2: 3 months

    _run(date(2026, 3, 2))
    obligation = Obligation.objects.get(rule=RuleCode.DEREGISTRATION_2M, vehicle=vehicle)
    assert (obligation.due_on, obligation.policy_version_id) == (date(2026, 4, 10), 2)
    assert ComplianceRun.objects.filter(dry_run=False).latest("id").policy_version_id == 2


def test_an_obligation_keeps_the_version_of_its_day_when_a_later_one_is_published_办法第六条(
        pilot, bureau_officer, bureau_head):
    vehicle = exported(pilot, date(2026, 1, 10))
    start_deregistration(vehicle, date(2026, 1, 10))  # the act: version 1 in force on the clearance day
    publish_version(bureau_officer, bureau_head, today=date(2026, 1, 12), effective_from=EFFECTIVE,
                    deregistration_months=3)
    _run(date(2026, 3, 11))
    obligation = Obligation.objects.get(rule=RuleCode.DEREGISTRATION_2M, vehicle=vehicle)
    assert (obligation.due_on, obligation.policy_version_id, obligation.status) == (date(2026, 3, 10), 1, "overdue")

    later = exported(pilot, date(2026, 3, 2))
    start_deregistration(later, date(2026, 3, 2))  # cleared under version 2
    assert Obligation.objects.get(vehicle=later).due_on == date(2026, 6, 2)
