"""Issue 20: the export licence in the familiar layout of 中华人民共和国出口许可证 — numbered boxes (exporter and
code, licence number, validity, trade mode, contract number, port, destination in Chinese, transport, goods 二手车
with the HS heading per vehicle class, unit 辆, quantity, value), the VIN list as an annex page, the issuing
authority's seal and date in Chinese, with its QR code and check code."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from tests.official_pdf import assert_official, flat, image_count
from traceability import services
from traceability.documents import hs_heading, licence_pdf
from traceability.models import VehicleType
from traceability.services import apply_for_licence, issue_licence

from .helpers import make_ready, register

pytestmark = pytest.mark.django_db


def test_hs_heading_follows_the_vehicle_class_and_defaults_to_8703():
    assert hs_heading(VehicleType.NONCOMMERCIAL_PASSENGER_SMALL) == "8703"
    assert hs_heading(VehicleType.BUS_PUBLIC) == "8702"
    assert hs_heading(VehicleType.MINI_TRUCK) == "8704"
    assert hs_heading(VehicleType.FULL_TRAILER) == "8716"
    assert hs_heading("unknown") == "8703"


def test_the_licence_has_the_numbered_boxes_the_annex_the_seal_and_the_date(client, pilot_user, issued):
    licence, vehicle = issued
    client.force_login(pilot_user)
    pdf = client.get(f"/vehicles/licences/{licence.pk}/licence.pdf").content
    text = assert_official(pdf, "traceability-licence", title="中华人民共和国出口许可证", number=licence.number,
                           day=licence.issued_on)
    for box in ("1.出口商", "代码", licence.enterprise.uscc, "3.出口许可证号", "4.出口许可证有效截止日期",
                "5.贸易方式", "一般贸易", "6.合同号", "7.报关口岸", "8.进口国（地区）", "哈萨克斯坦", "10.运输方式",
                "11.商品名称", "二手车", "商品编码", "8703", "13.单位", "辆", "14.数量", "16.总值", "18.总计",
                "20.发证机关签章", "21.发证日期", "查验码", licence.check_code,
                f"/verify/licence/{licence.number}/"):
        assert flat(box) in text, box
    assert "KZ" not in text.replace(licence.number, "")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 2
    annex = flat(pages[-1].extract_text())
    assert "出口车辆清单" in annex and vehicle.vin in annex
    assert image_count(pdf) >= 2, "the QR code and the seal"


def test_the_licence_groups_goods_by_hs_heading_and_totals_the_recorded_sale_prices(pilot_user, officials,
                                                                                    bureau_officer, bureau_head):
    today = timezone.localdate()
    car = make_ready(register(pilot_user), officials, on=today, today=today)
    truck = make_ready(register(pilot_user, vehicle_type=VehicleType.MINI_TRUCK, brand="五菱", model="荣光"),
                       officials, on=today, today=today)
    for vehicle, price in ((car, "120000.00"), (truck, "45000.50")):
        services.append_event(vehicle, "sale", {"buyer_name": "KazAuto LLP", "destination_country": "KZ",
                                                "price": price}, actor=pilot_user, occurred_on=today, today=today)
    licence = apply_for_licence([car.vin, truck.vin], "KZ", actor=pilot_user, today=today)
    issue_licence(licence, actor=bureau_officer, today=today)
    licence = issue_licence(licence, actor=bureau_head, today=today)
    pdf = licence_pdf(licence)
    text = assert_official(pdf, "traceability-licence-two-headings", title="中华人民共和国出口许可证",
                           number=licence.number, day=licence.issued_on)
    assert "HS8703" in text and "HS8704" in text and "165,000.50" in text
    assert car.vin in text and truck.vin in text
