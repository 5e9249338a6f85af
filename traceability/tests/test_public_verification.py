"""Issue 6 point 7: the public verifies a licence number or a VIN without login, with no personal data."""

import pytest
from django.utils import timezone

from traceability.services import append_event, apply_for_licence, issue_licence
from traceability.tests.helpers import make_ready, register, tamper

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(pilot_user, officials, bureau_officer, bureau_head):
    today = timezone.localdate()
    vehicle = make_ready(register(pilot_user, plate_number="晋A99999"), officials, on=today, today=today)
    append_event(vehicle, "procurement", {"seller_name": "李四个人", "price": "50000", "contract_number": "CG-9"},
                 actor=pilot_user, occurred_on=today)
    licence = apply_for_licence([vehicle.vin], "KZ", actor=pilot_user, today=today)
    issue_licence(licence, actor=bureau_officer, today=today)
    return issue_licence(licence, actor=bureau_head, today=today), vehicle


def test_the_public_licence_api_shows_status_validity_and_vins(api, issued):
    licence, vehicle = issued
    body = api(None).get(f"/api/v1/public/licences/{licence.number}/", {"code": licence.check_code}).json()
    assert body["status"] == "issued" and body["vins"] == [vehicle.vin]
    assert body["valid_until"] == licence.valid_until.isoformat()


def test_an_unknown_licence_number_or_vin_is_a_404(api, client):
    assert api(None).get("/api/v1/public/licences/TYCK2026000000/").status_code == 404
    assert api(None).get("/api/v1/public/vehicles/LFV2A21K0M0000000/").status_code == 404
    assert client.get("/verify/LFV2A21K0M0000000/").status_code == 404


def test_a_nul_byte_in_a_looked_up_vin_is_a_400(api, client):
    """api.md v1.1 "Bad input": NUL bytes are a 400, never a 500 (refused before any view)."""
    assert api(None).get("/api/v1/public/vehicles/LFV%00/").status_code == 400
    assert client.get("/verify/LFV%00/").status_code == 400


def test_the_public_vehicle_summary_carries_no_personal_data(api, issued):
    _licence, vehicle = issued
    response = api(None).get(f"/api/v1/public/vehicles/{vehicle.vin}/")
    body = response.json()
    assert body["chain_valid"] is True and body["inspection_conclusion"] == "pass"
    assert body["licence"]["number"] == _licence.number
    text = response.content.decode()
    assert "李四个人" not in text and "晋A99999" not in text and "seller_name" not in text


def test_the_public_pages_verify_a_vin_and_a_licence_without_login(client, issued):
    licence, vehicle = issued
    page = client.get(f"/verify/{vehicle.vin}/").content.decode()
    assert licence.number in page and "李四个人" not in page and "校验通过" in page
    licence_page = client.get(f"/verify/licence/{licence.number}/", {"code": licence.check_code}).content.decode()
    assert vehicle.vin in licence_page
    assert client.get("/verify/", {"q": licence.number}).url == f"/verify/licence/{licence.number}/"
    assert client.get("/verify/", {"q": vehicle.vin.lower()}).url == f"/verify/{vehicle.vin}/"
    assert "没有找到" in client.get("/verify/", {"q": "NOPE"}).content.decode()


def test_the_public_home_links_to_verification(client):
    assert "/verify/" in client.get("/").content.decode()


def test_the_public_vehicle_check_is_one_query_and_sees_tampering_at_once(api, client, issued,
                                                                          django_assert_num_queries):
    """Issue 10 and domain-rules.md "hash": one query per check and the chain recomputed every time, so a
    row changed behind the database's back shows on the very next request: nothing cached hides it."""
    licence, vehicle = issued
    vehicle.refresh_from_db()
    anonymous, url = api(None), f"/api/v1/public/vehicles/{vehicle.vin.lower()}/"
    body = anonymous.get(url).json()
    assert body.pop("signature")["alg"] == "Ed25519"
    assert body == {
        "vin": vehicle.vin, "brand": vehicle.brand, "model": vehicle.model, "vehicle_type": vehicle.vehicle_type,
        "enterprise": vehicle.enterprise.name, "inspection_conclusion": "pass",
        "inspected_on": vehicle.inspected_on.isoformat(),
        "licence": {"number": licence.number, "status": "issued", "issued_on": licence.issued_on.isoformat(),
                    "valid_until": licence.valid_until.isoformat()},
        "exported_on": None, "destination_country": "KZ", "deregistered_on": None,
        "chain_valid": True, "event_count": vehicle.last_seq,
    }
    with django_assert_num_queries(1):
        assert anonymous.get(url).json()["chain_valid"] is True
    tamper("UPDATE traceability_traceevent SET payload = %s WHERE vehicle_id = %s AND seq = 1",
            ['{"certificate_number": "晋A-ZY-2"}', vehicle.pk])
    with django_assert_num_queries(1):
        body = anonymous.get(url).json()
    assert body["chain_valid"] is False and body["event_count"] == vehicle.last_seq
    assert "校验未通过" in client.get(f"/verify/{vehicle.vin}/").content.decode()


def test_a_vehicle_without_events_verifies_with_no_licence(api, client, pilot_user):
    """Issue 6 point 7: a VIN on file with an empty file is found, with an empty (valid) chain."""
    vehicle = register(pilot_user)
    body = api(None).get(f"/api/v1/public/vehicles/{vehicle.vin}/").json()
    assert (body["licence"], body["chain_valid"], body["event_count"]) == (None, True, 0)
    assert "校验通过" in client.get(f"/verify/{vehicle.vin}/").content.decode()


def test_the_public_checks_keep_json_and_the_security_headers_and_the_language(api, client, issued):
    """Issue 10 trims (api.md "JSON in and out"; issue 9 point 3 headers): the public API answers JSON even
    to a browser's Accept header; the CSP built once per process is still sent, and a view's own
    csp_update still applies; base.html's cached fragments follow the visitor's language."""
    _licence, vehicle = issued
    response = api(None).get(f"/api/v1/public/vehicles/{vehicle.vin}/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json" and response.json()["vin"] == vehicle.vin
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    page = client.get(f"/verify/{vehicle.vin}/")
    assert "script-src 'self'" in page["Content-Security-Policy"] and "unsafe-inline" not in page["Content-Security-Policy"]
    assert "'unsafe-inline'" in client.get("/api/docs/")["Content-Security-Policy"]
    assert "切换" in page.content.decode() and "接口文档" in page.content.decode()
    english = client.get(f"/verify/{vehicle.vin}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Switch" in english and "API documentation" in english and "切换" not in english
    assert "切换" in client.get(f"/verify/{vehicle.vin}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
