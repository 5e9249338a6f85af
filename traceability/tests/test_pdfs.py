"""Issue 6 points 6 and 8: the licence PDF (Chinese, QR code to the public check) and the dossier PDF."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from portal.pdf import pdf_text
from tests.official_pdf import assert_official
from traceability import selectors

pytestmark = pytest.mark.django_db


def test_the_licence_pdf_is_chinese_lists_the_vehicles_and_points_to_the_public_check(client, pilot_user, issued):
    licence, vehicle = issued
    client.force_login(pilot_user)
    response = client.get(f"/vehicles/licences/{licence.pk}/licence.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "出口许可证" in text and licence.number in text and vehicle.vin in text
    assert f"/verify/licence/{licence.number}/" in text.replace("\n", "")
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert list(page.images), "the QR code is embedded as an image"


def test_the_licence_pdf_qr_code_encodes_the_public_verification_url(issued):
    from traceability.documents import public_licence_url, qr_data_uri

    licence, _vehicle = issued
    url = public_licence_url(licence)
    assert url.endswith(f"/verify/licence/{licence.number}/?code={licence.check_code}")  # api.md v1.1
    assert qr_data_uri(url).startswith("data:image/png;base64,")


def test_the_dossier_pdf_lists_every_event_and_the_chain_head(api, police_officer, issued):
    licence, vehicle = issued
    response = api(police_officer).get(f"/api/v1/vehicles/{vehicle.vin}/dossier/")
    assert response.status_code == 200
    text = pdf_text(response.content).replace("\n", "")
    head = selectors.verify_vehicle(vehicle).head
    assert vehicle.vin in text and "检测" in text and "出口许可证签发" in text
    assert head[:20] in text
    assert f"许可证号：{licence.number}" in text and "目的国：哈萨克斯坦" in text  # the event's fields, in words


def test_the_dossier_is_issued_in_the_official_format_with_its_records_in_words(api, police_officer, issued):
    """Issue 20: the 一车一档 dossier carries the bureau's 版头, 发文字号, the seal over the date and the 版记."""
    licence, vehicle = issued
    today = timezone.localdate()
    pdf = api(police_officer).get(f"/api/v1/vehicles/{vehicle.vin}/dossier/").content
    text = assert_official(pdf, "traceability-dossier", title="二手车出口车辆档案（一车一档）",
                           number=f"并商务档〔{today.year}〕{vehicle.pk}号", day=today,
                           more=(f"VIN{vehicle.vin}", "一、车辆基本情况", "二、档案记录", "第1条",
                                 "附件：档案附件清单、记录哈希与事件日志证明", "印发"))
    assert "经校验，档案链完整" in text
    assert vehicle.events.first().recorded_by.display_name in text, "the recorder by name"


def test_another_enterprise_cannot_fetch_the_dossier_or_licence(api, client, other_enterprise_user, issued):
    licence, vehicle = issued
    assert api(other_enterprise_user).get(f"/api/v1/vehicles/{vehicle.vin}/dossier/").status_code == 404
    client.force_login(other_enterprise_user)
    assert client.get(f"/vehicles/licences/{licence.pk}/licence.pdf").status_code == 404
    assert client.get(f"/vehicles/{vehicle.vin}/dossier.pdf").status_code == 404
