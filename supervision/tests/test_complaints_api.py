"""api.md "Complaints": public lodging and status, the list for the bureau and the enterprise."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from supervision import services
from supervision.models import Complaint, Severity

from .helpers import make_vehicle

pytestmark = pytest.mark.django_db



def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def _body(**extra):
    return {"category": "aftersales", "description": "配件三个月未到。", "contact_name": "Aibek Nurlan",
            "contact_email": "aibek@example.kz", **extra}


def test_anyone_can_lodge_a_complaint_about_a_vehicle_and_gets_a_number(api, pilot, pilot_staff):
    vehicle = make_vehicle(pilot, pilot_staff, vin="LSVAPITEST0000001")
    response = api(None).post("/api/v1/public/complaints/", _body(vin=vehicle.vin), format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "received"
    assert set(response.json()) == {"number", "status"}
    assert Complaint.objects.get(number=response.json()["number"]).enterprise == pilot


def test_a_complaint_about_an_enterprise_may_name_it_by_uscc_or_name_with_attachments(api, pilot):
    upload = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    response = api(None).post("/api/v1/public/complaints/", {**_body(enterprise=pilot.uscc), "attachments": [upload]},
                              format="multipart")
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get(number=response.json()["number"])
    assert complaint.attachments.count() == 1
    by_name = api(None).post("/api/v1/public/complaints/", _body(enterprise=pilot.name), format="json")
    assert by_name.status_code == 201


def test_a_vin_not_on_file_and_an_unknown_enterprise_are_400s(api, pilot):
    unknown_vin = api(None).post("/api/v1/public/complaints/", _body(vin="LSVNOTONFILE00001"), format="json")
    assert unknown_vin.status_code == 400 and "vin" in unknown_vin.json()
    unknown_org = api(None).post("/api/v1/public/complaints/", _body(enterprise="不存在的公司"), format="json")
    assert unknown_org.status_code == 400 and "enterprise" in unknown_org.json()
    no_contact = api(None).post("/api/v1/public/complaints/", _body(enterprise=pilot.uscc, contact_email=""),
                                format="json")
    assert no_contact.status_code == 400 and "contact_email" in no_contact.json()


def test_an_attachment_that_is_not_a_pdf_or_image_is_refused(api, pilot):
    fake = SimpleUploadedFile("x.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    response = api(None).post("/api/v1/public/complaints/", {**_body(enterprise=pilot.uscc), "attachments": [fake]},
                              format="multipart")
    assert response.status_code == 400 and "attachments" in response.json()
    assert not Complaint.objects.exists()


def test_lodging_is_not_throttled_below_30_a_minute_per_address(api, pilot):
    client = api(None)
    statuses = [client.post("/api/v1/public/complaints/", _body(enterprise=pilot.uscc), format="json",
                            REMOTE_ADDR="203.0.113.9").status_code for _ in range(30)]
    assert statuses == [201] * 30


def test_the_public_status_shows_nothing_of_the_complainant(api, pilot):
    number = api(None).post("/api/v1/public/complaints/", _body(enterprise=pilot.uscc), format="json").json()["number"]
    response = api(None).get(f"/api/v1/public/complaints/{number}/")
    assert response.status_code == 200
    assert set(response.json()) == {"number", "status", "received_on", "answered_on"}
    assert "Aibek" not in response.content.decode() and "example.kz" not in response.content.decode()
    assert api(None).get("/api/v1/public/complaints/TS00000000XXXXXX/").status_code == 404


def test_the_bureau_sees_contact_details_and_the_assigned_enterprise_sees_them_masked(
    api, pilot, pilot_staff, bureau_officer, other_enterprise_user
):
    complaint = services.lodge_complaint(enterprise=pilot.uscc, today=date(2026, 11, 2), **_body())
    bureau = api(bureau_officer).get("/api/v1/complaints/").json()
    assert bureau["count"] == 1 and bureau["results"][0]["contact_email"] == "aibek@example.kz"
    assert api(pilot_staff).get("/api/v1/complaints/").json()["count"] == 0  # not assigned yet
    services.triage_complaint(complaint, Severity.MINOR, actor=bureau_officer, today=date(2026, 11, 2))
    services.assign_complaint(complaint, actor=bureau_officer, today=date(2026, 11, 2))
    mine = api(pilot_staff).get("/api/v1/complaints/").json()
    assert mine["count"] == 1
    listed = mine["results"][0]  # api.md v1.1 "Personal data": masked for all but the bureau
    assert (listed["contact_name"], listed["contact_email"]) == ("A**** N*****", "a****@example.kz")
    assert api(other_enterprise_user).get("/api/v1/complaints/").json()["count"] == 0
    assert api(other_enterprise_user).get(f"/api/v1/complaints/{complaint.pk}/").status_code == 404
    assert api(None).get("/api/v1/complaints/").status_code in (401, 403)


def test_the_workflow_runs_through_the_api_actions(api, pilot, pilot_staff, bureau_officer):
    complaint = services.lodge_complaint(enterprise=pilot.uscc, today=date(2026, 11, 2), **_body())
    base = f"/api/v1/complaints/{complaint.pk}"
    assert api(bureau_officer).post(f"{base}/assign/", {}, format="json").status_code == 409
    assert api(bureau_officer).post(f"{base}/triage/", {"severity": "major"}, format="json").status_code == 200
    assigned = api(bureau_officer).post(f"{base}/assign/", {"working_days": 10}, format="json")
    assert assigned.status_code == 200 and assigned.json()["status"] == "assigned"
    assert api(pilot_staff).post(f"{base}/triage/", {"severity": "minor"}, format="json").status_code == 403
    answered = api(pilot_staff).post(f"{base}/answer/", {"answer": "已处理"}, format="json")
    assert answered.status_code == 200 and answered.json()["answered_on"]
    closed = api(bureau_officer).post(f"{base}/close/", {"outcome": "办结"}, format="json")
    assert closed.json()["status"] == "closed"


def test_the_complaint_list_api_uses_a_bounded_number_of_queries(api, pilot, bureau_officer,
                                                                  django_assert_max_num_queries):
    for _ in range(12):
        services.lodge_complaint(enterprise=pilot.uscc, today=date(2026, 11, 2), **_body())
    client = api(bureau_officer)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/complaints/").json()["count"] == 12
