"""Milestones per pilot enterprise (办法第八条、第十二条第2项) in the statistics: exactly what the
compliance sweep decided, read from its Obligation rows — never recomputed by supervision.

Hand-computed fixture, sweeps on 2025-10-01 and 2026-04-20:
甲 designated 2025-03-01: first export due 2025-09-01, exported that very day (met); networks due
2025-12-01, none accepted (overdue from 2025-12-02); 12-month periods from 2025-09-01, then from the
export of 2026-01-10 (due 2027-01-10, open); scale target 3 by 2028-03-01, 2 exported.
乙 designated 2025-06-01: first export due 2025-12-01, first export 2026-02-20 (overdue from
2025-12-02); networks due 2026-03-01, all three accepted 2026-02-01 (met); 12-month period from the
export of 2026-02-20 (due 2027-02-20); scale target 5 by 2028-06-01, 1 exported.
"""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from compliance import workflows
from compliance.models import NetworkKind, ObligationStatus, RuleCode
from compliance.services import run_compliance, set_scale_target
from compliance.tests.factories import exported, pdf_upload
from portal.pdf import pdf_text
from portal.roles import Role
from supervision.statistics import milestones
from tests.factories import PilotEnterpriseFactory, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 20)


def _accept_all_networks(enterprise, bureau_officer, on):
    user = make_user(Role.ENTERPRISE_USER, organisation=enterprise)
    for kind in NetworkKind:
        report = workflows.submit_network_report(enterprise, actor=user, today=on, kind=kind, countries="KZ",
                                                 partners="Astana Motors", addresses="Astana",
                                                 evidence=[pdf_upload()])
        workflows.decide_network_report(report, actor=bureau_officer, today=on, accept=True)


@pytest.fixture
def swept(bureau_officer):
    a = PilotEnterpriseFactory(name="甲公司", designated_on=date(2025, 3, 1))
    b = PilotEnterpriseFactory(name="乙公司", designated_on=date(2025, 6, 1))
    exported(a, date(2025, 9, 1))
    exported(a, date(2026, 1, 10))
    exported(b, date(2026, 2, 20))
    exported(b, date(2028, 7, 1))  # after 乙's 3-year window, and after today
    _accept_all_networks(b, bureau_officer, date(2026, 2, 1))
    set_scale_target(a, 3, actor=bureau_officer, today=date(2025, 3, 1))
    set_scale_target(b, 5, actor=bureau_officer, today=date(2025, 6, 1))
    run_compliance(date(2025, 10, 1))
    run_compliance(TODAY)
    return {m["enterprise"].name: m for m in milestones(TODAY)}


def _decided(obligation):
    return obligation.due_on, obligation.status, obligation.met_on, obligation.overdue_since


def test_article_8_first_export_on_the_due_day_is_met_and_a_later_one_stays_overdue(swept):
    assert _decided(swept["甲公司"][RuleCode.FIRST_EXPORT_6M]) == (
        date(2025, 9, 1), ObligationStatus.MET, date(2025, 9, 1), None)
    assert _decided(swept["乙公司"][RuleCode.FIRST_EXPORT_6M]) == (
        date(2025, 12, 1), ObligationStatus.OVERDUE, None, date(2025, 12, 2))
    assert (swept["甲公司"]["first_export"], swept["乙公司"]["first_export"]) == (date(2025, 9, 1), date(2026, 2, 20))


def test_article_8_networks_show_the_sweeps_status_not_only_a_due_date(swept):
    assert _decided(swept["甲公司"][RuleCode.NETWORKS_9M]) == (
        date(2025, 12, 1), ObligationStatus.OVERDUE, None, date(2025, 12, 2))
    assert _decided(swept["乙公司"][RuleCode.NETWORKS_9M]) == (
        date(2026, 3, 1), ObligationStatus.MET, date(2026, 2, 1), None)


def test_article_12_2_the_rolling_12_months_show_only_the_latest_period(swept):
    assert _decided(swept["甲公司"][RuleCode.NO_EXPORT_12M]) == (date(2027, 1, 10), ObligationStatus.OPEN, None, None)
    assert _decided(swept["乙公司"][RuleCode.NO_EXPORT_12M]) == (date(2027, 2, 20), ObligationStatus.OPEN, None, None)


def test_article_8_scale_counts_exports_in_the_3_year_window_against_the_bureaus_target(swept):
    a, b = swept["甲公司"][RuleCode.SCALE_3Y], swept["乙公司"][RuleCode.SCALE_3Y]
    assert (a.due_on, a.target, a.exported, a.status) == (date(2028, 3, 1), 3, 2, ObligationStatus.OPEN)
    assert (b.due_on, b.target, b.exported, b.status) == (date(2028, 6, 1), 5, 1, ObligationStatus.OPEN)


def test_an_enterprise_designated_after_the_last_sweep_is_shown_as_not_evaluated(swept):
    PilotEnterpriseFactory(name="丙公司", designated_on=date(2026, 4, 10))
    row = {m["enterprise"].name: m for m in milestones(TODAY)}["丙公司"]
    assert all(row[rule] is None for rule in (RuleCode.FIRST_EXPORT_6M, RuleCode.NETWORKS_9M,
                                               RuleCode.NO_EXPORT_12M, RuleCode.SCALE_3Y))


def test_milestones_are_read_in_two_queries_whatever_the_number_of_enterprises(swept, django_assert_num_queries):
    for n in range(5):
        PilotEnterpriseFactory(designated_on=date(2025, 1, 1 + n))
    run_compliance(TODAY)
    with django_assert_num_queries(2):
        rows = milestones(TODAY)
    assert len(rows) == 7 and all(row[RuleCode.SCALE_3Y] is not None for row in rows)


def test_the_milestone_table_exports_the_sweeps_status_with_its_date(client, bureau_officer, swept):
    client.force_login(bureau_officer)
    xlsx = client.get("/supervision/statistics/export/?table=milestones&format=xlsx&quarter=2026-Q1")
    rows = {row[0]: row for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)}
    assert rows["甲公司"][3:] == (
        "2025-09-01", "已履行（2025-09-01）", "2025-12-01", "已逾期（2025-12-02起）", "2027-01-10", "未到期",
        "2028-03-01", "2/3", "未到期",
    )
    assert rows["乙公司"][6] == "已履行（2026-02-01）"


def test_the_quarterly_report_carries_the_milestone_status(client, bureau_officer, swept):
    client.force_login(bureau_officer)
    text = pdf_text(client.get("/supervision/statistics/quarterly-report/?quarter=2026-Q1").content)
    assert "试点企业节点完成情况" in text and "已逾期（2025-12-02起）" in text.replace("\n", "")
