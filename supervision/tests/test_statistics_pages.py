"""Issue 8 point 1: the bureau opens the statistics page, exports tables and downloads the quarterly
evaluation report (实施方案五(三)); nobody else may."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from portal.pdf import pdf_text
from supervision import services
from supervision.models import Severity

from .helpers import make_vehicle

pytestmark = pytest.mark.django_db


@pytest.fixture
def exports(pilot, pilot_staff):
    make_vehicle(pilot, pilot_staff, brand="丰田", cleared_on=date(2026, 7, 10), deregistered_on=date(2026, 8, 1),
                 destination_country="KZ", price="120000")
    make_vehicle(pilot, pilot_staff, brand="本田", cleared_on=date(2026, 8, 3), destination_country="UZ", price="80000")


def test_the_statistics_page_shows_tables_and_charts_served_locally(client, bureau_officer, exports):
    client.force_login(bureau_officer)
    response = client.get("/supervision/statistics/?quarter=2026-Q3")
    html = response.content.decode()
    assert response.status_code == 200
    assert "按月出口" in html and "2026-07" in html and "哈萨克斯坦" in html and "200000.00" in html
    assert "/static/vendor/chartjs/chart.umd.js" in html and "data-chart=" in html
    assert "cdn" not in html.lower() and "<script>" not in html


def test_only_the_bureau_sees_statistics(client, pilot_staff):
    client.force_login(pilot_staff)
    assert client.get("/supervision/statistics/").status_code == 403
    assert client.get("/supervision/statistics/quarterly-report/").status_code == 403


def test_a_table_exports_as_xlsx_and_csv_with_the_same_figures(client, bureau_officer, exports):
    client.force_login(bureau_officer)
    xlsx = client.get("/supervision/statistics/export/?table=country&format=xlsx&quarter=2026-Q3")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("目的国", "出口车辆数", "出口金额（元）")
    assert ("哈萨克斯坦", 1, 120000) in rows and ("乌兹别克斯坦", 1, 80000) in rows  # amounts are numbers (issue 20)
    csv = client.get("/supervision/statistics/export/?table=country&format=csv&quarter=2026-Q3").content.decode("utf-8-sig")
    assert "哈萨克斯坦,1,120000.00" in csv


def test_the_quarterly_report_is_a_chinese_pdf_with_the_figures(client, bureau_officer, exports, pilot):
    complaint = services.lodge_complaint(enterprise=pilot.uscc, category="quality", description="x",
                                         contact_name="王五", contact_phone="13800000000", today=date(2026, 8, 5))
    services.triage_complaint(complaint, Severity.MINOR, actor=bureau_officer, today=date(2026, 8, 5))
    client.force_login(bureau_officer)
    response = client.get("/supervision/statistics/quarterly-report/?quarter=2026-Q3")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "太原市二手车出口业务季度评估报告" in text
    assert "2026-Q3" in text and "200000.00" in text
    assert "注销登记及时性" in text and "王五" not in text


def test_the_complaint_list_page_masks_contact_details_and_uses_few_queries(client, bureau_officer, pilot,
                                                                            django_assert_max_num_queries):
    for _ in range(15):
        services.lodge_complaint(enterprise=pilot.uscc, category="quality", description="x", contact_name="张三丰",
                                 contact_phone="13812345678", today=date(2026, 8, 5))
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(12):
        html = client.get("/supervision/complaints/?category=quality").content.decode()
    assert "张**" in html and "138****5678" in html
    assert "张三丰" not in html and "13812345678" not in html


def test_the_statistics_page_uses_a_bounded_number_of_queries(client, bureau_officer, exports,
                                                             django_assert_max_num_queries):
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(40):
        assert client.get("/supervision/statistics/?start=2026-01-01&end=2026-12-31").status_code == 200
