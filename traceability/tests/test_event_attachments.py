"""Issue 6 point 3: events carry documents; their SHA-256 is in the payload, so the chain covers them."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from portal.pdf import pdf_text
from traceability.tests.helpers import register

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_document_uploaded_with_an_event_is_hashed_into_the_payload_and_listed_in_the_dossier(
        api, client, pilot_user, other_enterprise_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    vehicle = register(pilot_user)
    content = _pdf()
    response = api(pilot_user).post(f"/api/v1/vehicles/{vehicle.vin}/events/", {
        "type": "procurement", "occurred_on": "2026-06-01", "seller_name": "张三", "price": "1000",
        "contract_number": "CG-1", "attachments": [SimpleUploadedFile("合同.pdf", content)]}, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["attachments"] == [{"name": "合同.pdf", "sha256": hashlib.sha256(content).hexdigest()}]
    dossier = pdf_text(api(pilot_user).get(f"/api/v1/vehicles/{vehicle.vin}/dossier/").content)
    assert "合同.pdf" in dossier
    attachment = vehicle.attachments.get()
    client.force_login(pilot_user)
    assert client.get(f"/vehicles/{vehicle.vin}/attachments/{attachment.pk}/").status_code == 200
    client.force_login(other_enterprise_user)
    assert client.get(f"/vehicles/{vehicle.vin}/attachments/{attachment.pk}/").status_code == 404


def test_a_file_that_is_not_a_pdf_or_image_is_refused_with_a_400(api, pilot_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    vehicle = register(pilot_user)
    response = api(pilot_user).post(f"/api/v1/vehicles/{vehicle.vin}/events/", {
        "type": "refurbishment", "occurred_on": "2026-06-01", "description": "x",
        "attachments": [SimpleUploadedFile("x.pdf", b"MZ not a pdf")]}, format="multipart")
    assert response.status_code == 400 and "attachments" in response.json()
    assert vehicle.events.count() == 0
