"""api.md v1.1 "Bad input": malformed input of any kind is a 400 naming the field, never a 500,
and writes nothing (issue 22 point 3: each case below was a 500 before)."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from supervision.models import Complaint
from supervision.tests.helpers import make_licence, make_vehicle
from tests.factories import PilotEnterpriseFactory, make_user
from traceability.models import Vehicle

pytestmark = pytest.mark.django_db


def _png_of_size(size: int) -> bytes:
    """A valid PNG padded with an ancillary chunk to `size` bytes (a large photo, not a bomb)."""
    import struct
    import zlib

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    png = buffer.getvalue()
    padding = size - len(png) - 12
    data = b"\0" * padding
    chunk = struct.pack(">I", padding) + b"teXt" + data + struct.pack(">I", zlib.crc32(b"teXt" + data))
    return png[:33] + chunk + png[33:]


def _complaint(**extra):
    return {"category": "aftersales", "description": "配件三个月未到。", "contact_name": "Aibek Nurlan",
            "contact_email": "aibek@example.kz", **extra}


@pytest.fixture
def pilot():
    return PilotEnterpriseFactory()


@pytest.fixture
def pilot_staff(pilot):
    from portal.roles import Role

    return make_user(Role.ENTERPRISE_USER, organisation=pilot)


def test_a_public_complaint_with_a_large_valid_attachment_under_the_limit_is_accepted(api, pilot, settings):
    upload = SimpleUploadedFile("photo.png", _png_of_size(6 * 1024 * 1024), content_type="image/png")
    response = api(None).post("/api/v1/public/complaints/", {**_complaint(enterprise=pilot.uscc),
                                                             "attachments": [upload]}, format="multipart")
    assert response.status_code == 201, response.content
    assert Complaint.objects.get(number=response.json()["number"]).attachments.count() == 1


def test_a_public_complaint_with_an_attachment_over_the_limit_is_a_400_on_attachments_and_writes_nothing(
    api, pilot, settings
):
    settings.UPLOAD_MAX_BYTES = 6 * 1024 * 1024
    upload = SimpleUploadedFile("photo.png", _png_of_size(7 * 1024 * 1024), content_type="image/png")
    response = api(None).post("/api/v1/public/complaints/", {**_complaint(enterprise=pilot.uscc),
                                                             "attachments": [upload]}, format="multipart")
    assert response.status_code == 400, response.content
    assert "attachments" in response.json()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("body", ["[]", "[1, 2]", '"text"', "42", "null", "true"])
def test_a_json_body_that_is_not_an_object_is_a_400_on_the_public_complaint_endpoint(api, body):
    response = api(None).post("/api/v1/public/complaints/", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "non_field_errors" in response.json()


def test_a_json_body_that_is_not_an_object_is_a_400_on_licence_cancel(api, pilot, pilot_staff, bureau_officer):
    licence = make_licence(pilot, pilot_staff, issued_on=date(2026, 1, 5))
    response = api(bureau_officer).post(f"/api/v1/licences/{licence.pk}/cancel/", "[1]",
                                        content_type="application/json")
    assert response.status_code == 400, response.content
    assert "non_field_errors" in response.json()


@pytest.mark.parametrize("path", ["/api/v1/auth/token/", "/api/v1/public/complaints/", "/api/v1/vehicles/"])
def test_json_nested_5000_deep_is_a_400_not_a_recursion_error(api, pilot_staff, path):
    body = '{"a":' * 5000 + "1" + "}" * 5000
    response = api(pilot_staff).post(path, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "non_field_errors" in response.json()


def test_json_nested_deeper_than_64_is_a_400_and_64_is_parsed(api):
    too_deep = '{"description":' + "[" * 64 + "]" * 64 + "}"
    assert api(None).post("/api/v1/public/complaints/", too_deep, content_type="application/json").status_code == 400
    just_enough = '{"description":' + "[" * 62 + "]" * 62 + "}"
    response = api(None).post("/api/v1/public/complaints/", just_enough, content_type="application/json")
    assert response.status_code == 400
    assert "category" in response.json()  # parsed, then refused by the serializer on its fields


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "1949-12-31", "2101-01-01"])
def test_a_working_day_period_starting_outside_1950_to_2100_is_a_400_on_start(api, start):
    response = api(None).get(f"/api/v1/calendar/working-days/?start={start}&days=5")
    assert response.status_code == 400, response.content
    assert "start" in response.json()


def test_a_nul_byte_in_a_path_is_a_400(api, bureau_officer):
    response = api(bureau_officer).get("/api/v1/vehicles/ABC%00DEF/")
    assert response.status_code == 400, response.content
    assert "path" in response.json()


def test_a_nul_byte_in_a_filter_is_a_400_naming_the_filter(api, bureau_officer):
    response = api(bureau_officer).get("/api/v1/complaints/?q=a%00b")
    assert response.status_code == 400, response.content
    assert "q" in response.json()


def test_a_nul_byte_in_a_json_text_field_is_a_400_naming_the_field_and_writes_nothing(api, pilot):
    response = api(None).post("/api/v1/public/complaints/", _complaint(enterprise=pilot.uscc, description="a\x00b"),
                              format="json")
    assert response.status_code == 400, response.content
    assert "description" in response.json()
    assert not Complaint.objects.exists()


def test_a_nul_byte_in_a_form_text_field_is_a_400_naming_the_field(api, pilot):
    response = api(None).post("/api/v1/public/complaints/", _complaint(enterprise=pilot.uscc, contact_name="a\x00b"),
                              format="multipart")
    assert response.status_code == 400, response.content
    assert "contact_name" in response.json()


def _vehicle_body(**extra):
    return {"vin": "LSVAV4187E2100001", "brand": "大众", "model": "帕萨特", "vehicle_type": "noncommercial_passenger_small",
            "registration_date": "2020-05-01", "mileage_km": 50000, **extra}


@pytest.mark.parametrize("mileage", [2**63, 2**64 + 1, 10_000_001, -1])
def test_a_mileage_outside_0_to_10_million_km_is_a_400_on_mileage_km_and_writes_nothing(api, pilot_staff, mileage):
    response = api(pilot_staff).post("/api/v1/vehicles/", _vehicle_body(mileage_km=mileage), format="json")
    assert response.status_code == 400, response.content
    assert "mileage_km" in response.json()
    assert not Vehicle.objects.exists()


@pytest.mark.parametrize("price", ["1e400", "1000000000000", "-1", "0", "NaN", "Infinity", "1.234"])
def test_a_price_that_is_not_positive_with_12_digits_and_2_decimals_is_a_400_on_price(api, pilot, pilot_staff, price):
    vehicle = make_vehicle(pilot, pilot_staff)
    response = api(pilot_staff).post(
        f"/api/v1/vehicles/{vehicle.vin}/events/",
        {"type": "procurement", "occurred_on": date(2025, 1, 2).isoformat(), "seller_name": "x", "contract_number": "HT-1", "price": price},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "price" in response.json()
    assert vehicle.events.count() == 0


@pytest.mark.parametrize("field, value", [("registration_date", "9999-12-31"), ("registration_date", "0001-01-01"),
                                          ("manufacture_date", "2101-01-01")])
def test_a_vehicle_date_outside_1950_to_2100_is_a_400_on_that_field_and_writes_nothing(api, pilot_staff, field, value):
    response = api(pilot_staff).post("/api/v1/vehicles/", _vehicle_body(**{field: value}), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Vehicle.objects.exists()


def test_an_eligibility_date_far_in_the_future_is_a_400_on_as_of(api, pilot, pilot_staff):
    vehicle = make_vehicle(pilot, pilot_staff)
    response = api(pilot_staff).get(f"/api/v1/vehicles/{vehicle.vin}/eligibility/?as_of=9999-12-31")
    assert response.status_code == 400
    assert "as_of" in response.json()
