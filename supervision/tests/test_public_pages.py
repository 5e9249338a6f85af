"""Issue 8 point 4: the public portal — home, policy documents, pilot list, complaint form and
status — in Chinese first, and containing no personal data."""

from datetime import date

import pytest

from supervision import services

pytestmark = pytest.mark.django_db

PERSONAL = ("Aibek", "Nurlan", "aibek@example.kz", "77011234567")


def test_the_public_home_explains_the_pilot_and_links_the_policy_documents_and_the_complaint_form(client):
    html = client.get("/").content.decode()
    assert "试点怎样运作" in html
    for url in ("/supervision/policy/implementation-plan/", "/supervision/policy/management-measures/",
                "/supervision/complaints/new/", "/supervision/pilot-enterprises/"):
        assert url in html


def test_the_two_policy_documents_are_published_as_pages(client):
    plan = client.get("/supervision/policy/implementation-plan/").content.decode()
    assert "太原市开展二手车出口业务实施方案" in plan and "建立出口产品投诉和应急" in plan
    measures = client.get("/supervision/policy/management-measures/").content.decode()
    assert "第十二条" in measures and "取消试点资质" in measures and "<h2>第五章 退出机制</h2>" in measures


def test_the_complaint_form_keeps_what_was_typed_and_shows_the_error_next_to_the_field(client, pilot):
    response = client.post("/supervision/complaints/new/", {
        "vin": "LSVNOTONFILE00001", "category": "quality", "description": "刹车失灵", "contact_name": "Aibek Nurlan",
        "contact_email": "aibek@example.kz",
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="LSVNOTONFILE00001"' in html and "刹车失灵" in html
    assert 'id="id_vin_error"' in html


def test_a_complaint_lodged_through_the_page_shows_its_number_and_no_personal_data(client, pilot):
    response = client.post("/supervision/complaints/new/", {
        "enterprise": pilot.uscc, "category": "quality", "description": "刹车失灵", "contact_name": "Aibek Nurlan",
        "contact_email": "aibek@example.kz", "contact_phone": "+77011234567",
    }, follow=True)
    html = response.content.decode()
    number = pilot.complaints.get().number
    assert number in html and "已收到" in html
    assert not any(p in html for p in PERSONAL)


def test_public_pages_contain_no_personal_data(client, pilot, bureau_officer):
    complaint = services.lodge_complaint(enterprise=pilot.uscc, category="quality", description="x",
                                         contact_name="Aibek Nurlan", contact_email="aibek@example.kz",
                                         contact_phone="+77011234567", today=date(2026, 11, 2))
    pages = ["/", "/supervision/pilot-enterprises/", f"/supervision/complaints/status/?number={complaint.number}",
             "/supervision/complaints/new/", f"/api/v1/public/complaints/{complaint.number}/"]
    for url in pages:
        html = client.get(url).content.decode()
        assert not any(p in html for p in PERSONAL), url
        assert bureau_officer.username not in html


def test_the_pilot_enterprise_list_shows_designated_enterprises(client, pilot):
    html = client.get("/supervision/pilot-enterprises/").content.decode()
    assert pilot.name in html and pilot.uscc in html


def test_public_pages_are_available_in_english(client):
    assert client.get("/supervision/policy/implementation-plan/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
