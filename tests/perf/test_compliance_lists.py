"""Obligation and violation lists, pages and API: a constant number of queries (issue 10 point 4)."""

from datetime import date

import pytest

from compliance.models import (
    CaseStatus,
    ExitApplication,
    NetworkKind,
    NetworkReport,
    Obligation,
    ObligationStatus,
    RectificationOrder,
    RevocationCase,
    RevocationGround,
    RuleCode,
    Violation,
)
from tests.factories import PilotEnterpriseFactory
from tests.perf.helpers import LARGE, SMALL, add_vehicles, assert_flat, assert_list_flat, client_for

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


# --- 第八条 networks, 整改, revocation cases, exits, the public revocations and the bureau dashboard ----

RECORD_LISTS = ["/compliance/networks/", "/compliance/networks/?status=submitted", "/compliance/rectifications/",
                "/compliance/cases/", "/compliance/cases/?status=notified", "/compliance/exit/"]
DASHBOARD_LISTS = ["/compliance/", "/compliance/?sort=name&q=太原"]
PUBLIC_LISTS = ["/compliance/revocations/"]
DAY = date(2026, 6, 15)


def add_records(officer, user, n: int) -> None:
    """For each of n pilot enterprises: a network report, a rectification order, an open revocation case
    and an exit application (第八条, 第十一条, 第十二条, 第十三条); `user` stands for each one's submitter."""
    for enterprise in PilotEnterpriseFactory.create_batch(n):
        NetworkReport.objects.create(enterprise=enterprise, kind=NetworkKind.SALES_NETWORK, countries="KZ",
                                     partners="阿拉木图经销商", addresses="Almaty", submitted_by=user, submitted_on=DAY)
        RectificationOrder.objects.create(enterprise=enterprise, reasons="一车一档记录不完整", deadline=DAY,
                                          prepared_by=officer, prepared_on=DAY)
        RevocationCase.objects.create(enterprise=enterprise, ground=RevocationGround.OTHER, reason="核查中",
                                      opened_on=DAY, answer_due_on=DAY, opened_by=officer)
        ExitApplication.objects.create(enterprise=enterprise, reason="调整经营方向", aftersales_arrangements="委托维修站",
                                       submitted_by=user, submitted_on=DAY)


def add_revocations(head, n: int) -> None:
    """n revocations decided and published (第十二条, 公告)."""
    RevocationCase.objects.bulk_create([
        RevocationCase(enterprise=enterprise, ground=RevocationGround.NO_EXPORT_12M, reason="连续12个月没有出口实绩",
                       opened_on=DAY, answer_due_on=DAY, status=CaseStatus.REVOKED, decided_on=DAY,
                       decided_by=head, decision_reasons="经核查属实", published_on=DAY)
        for enterprise in PilotEnterpriseFactory.create_batch(n)
    ])


def add_overseen_enterprises(user, n: int) -> None:
    for enterprise in PilotEnterpriseFactory.create_batch(n):
        add_overdue_obligations(enterprise, user, 1, start=enterprise.pk * 10)


@pytest.mark.parametrize("url", RECORD_LISTS)
def test_the_bureau_reads_thirty_compliance_records_in_as_many_queries_as_three(
        url, bureau_officer, pilot_user, django_assert_max_num_queries):
    add_records(bureau_officer, pilot_user, SMALL)
    assert_list_flat(bureau_officer, url, lambda: add_records(bureau_officer, pilot_user, LARGE),
                     django_assert_max_num_queries, 12)


@pytest.mark.parametrize("url", DASHBOARD_LISTS)
def test_the_bureau_dashboard_takes_as_many_queries_for_thirty_enterprises_as_for_three(
        url, bureau_officer, pilot_user, django_assert_max_num_queries):
    add_overseen_enterprises(pilot_user, SMALL)
    assert_list_flat(bureau_officer, url, lambda: add_overseen_enterprises(pilot_user, LARGE),
                     django_assert_max_num_queries, 12)


def test_an_enterprise_dashboard_takes_as_many_queries_for_thirty_obligations_as_for_three(
        pilot_user, django_assert_max_num_queries):
    org = pilot_user.organisation
    add_overdue_obligations(org, pilot_user, SMALL)
    assert_list_flat(pilot_user, "/compliance/", lambda: add_overdue_obligations(org, pilot_user, LARGE, start=1000),
                     django_assert_max_num_queries, 12)


@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_the_public_revocations_take_as_many_queries_for_thirty_as_for_three(
        url, bureau_head, django_assert_max_num_queries):
    add_revocations(bureau_head, SMALL)
    assert_list_flat(None, url, lambda: add_revocations(bureau_head, LARGE), django_assert_max_num_queries, 8)
