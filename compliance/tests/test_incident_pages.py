"""实施方案三(四): the incident pages answer bad input with a 400 naming the field, show states in words,
and the statistics export is a real XLSX."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from compliance.incidents import services
from compliance.tests.incident_helpers import car, opened

pytestmark = pytest.mark.django_db


def test_scheme_3_4_the_bureau_opens_an_incident_and_a_bad_form_is_a_400_naming_the_field(client, bureau_officer, pilot):
    client.force_login(bureau_officer)
    bad = client.post("/compliance/incidents/new/", {"enterprise": pilot.pk, "title": "", "category": "nope"})
    assert bad.status_code == 400
    assert set(bad.context["form"].errors) >= {"title", "category", "description"}
    ok = client.post("/compliance/incidents/new/", {
        "enterprise": pilot.pk, "title": "批量售后失效", "category": "mass_aftersales", "severity": "major",
        "source": "customs", "source_reference": "HG-2026-3", "description": "海关通报。"})
    assert ok.status_code == 302
    page = client.get(ok["Location"]).content.decode()
    assert "批量售后服务失效" in page and "已立案" in page and "mass_aftersales" not in page


def test_scheme_3_4_a_query_with_a_bad_country_is_a_400_on_that_field(client, bureau_officer, pilot):
    incident = opened(pilot, bureau_officer, today=date(2026, 3, 2))
    client.force_login(bureau_officer)
    response = client.post(f"/compliance/incidents/{incident.pk}/", {"action": "identify", "destination_country": "XX"})
    assert response.status_code == 400
    assert "destination_country" in response.context["forms"]["identify"].errors


def test_scheme_3_4_the_enterprise_does_not_see_an_incident_before_the_order_is_signed(client, pilot, bureau_officer):
    incident = opened(pilot, bureau_officer, today=date(2026, 3, 2))
    client.force_login(pilot.user)
    assert client.get(f"/compliance/incidents/{incident.pk}/").status_code == 404


def test_scheme_3_4_the_statistics_export_counts_incidents_and_vehicles_by_category(client, bureau_officer, pilot):
    from compliance.incidents.query import VehicleQuery

    car(pilot, 1, brand="大众", model="速腾")
    incident = opened(pilot, bureau_officer, category="fraud", today=date(2026, 3, 2))
    services.identify_vehicles(incident, VehicleQuery(brand="大众"), actor=bureau_officer, today=date(2026, 3, 2))
    client.force_login(bureau_officer)
    response = client.get("/compliance/incidents/statistics.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert ("事件类别", "欺诈", 1, 0, 1, None) in rows
    assert any(r[0] == "企业" and r[1] == pilot.name and r[4] == 1 for r in rows)
