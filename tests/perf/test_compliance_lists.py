"""Obligation and violation lists, pages and API: a constant number of queries (issue 10 point 4)."""

from datetime import date

import pytest

from compliance.models import Obligation, ObligationStatus, RuleCode, Violation
from tests.perf.helpers import LARGE, SMALL, add_vehicles, assert_flat, client_for

pytestmark = pytest.mark.django_db

LISTS = [
    "/compliance/obligations/", "/compliance/obligations/?status=overdue", "/compliance/obligations/?q=LFV2A21K",
    "/compliance/violations/", "/api/v1/compliance/obligations/", "/api/v1/compliance/obligations/?rule=deregistration_2m",
    "/api/v1/compliance/violations/",
]


def add_overdue_obligations(enterprise, user, n: int, *, start: int = 0) -> None:
    """n vehicles cleared and not deregistered in time: overdue obligations with their violations (办法第六条)."""
    vehicles = add_vehicles(enterprise, user, n, start=start, cleared_on=date(2026, 1, 5))
    obligations = Obligation.objects.bulk_create([
        Obligation(rule=RuleCode.DEREGISTRATION_2M, enterprise=enterprise, vehicle=v, period_key="clearance",
                   period_start=date(2026, 1, 5), due_on=date(2026, 3, 5), status=ObligationStatus.OVERDUE,
                   overdue_since=date(2026, 3, 6))
        for v in vehicles
    ])
    Violation.objects.bulk_create([
        Violation(obligation=o, rule=o.rule, enterprise=enterprise, vehicle=o.vehicle, overdue_since=o.overdue_since)
        for o in obligations
    ])


@pytest.mark.parametrize("url", LISTS)
def test_the_bureau_reads_thirty_obligations_in_as_many_queries_as_three(
        url, bureau_officer, pilot_user, django_assert_max_num_queries):
    org = pilot_user.organisation
    add_overdue_obligations(org, pilot_user, SMALL)
    assert_flat(client_for(bureau_officer, url), url,
                lambda: add_overdue_obligations(org, pilot_user, LARGE, start=1000), django_assert_max_num_queries, 14)


@pytest.mark.parametrize("url", LISTS)
def test_an_enterprise_reads_its_obligations_in_a_constant_number_of_queries(
        url, pilot_user, django_assert_max_num_queries):
    org = pilot_user.organisation
    add_overdue_obligations(org, pilot_user, SMALL)
    assert_flat(client_for(pilot_user, url), url,
                lambda: add_overdue_obligations(org, pilot_user, LARGE, start=1000), django_assert_max_num_queries, 14)
