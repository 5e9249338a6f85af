"""Journey 7 (实施方案三(三) 一车一档): the pilot enterprise registers a vehicle through the form and records its
procurement with the contract attached; the file shows the event and an intact hash chain."""

import pytest

from traceability.models import EventType, Vehicle
from traceability.tests.helpers import new_vin

from .journeys import click_to, field, flash, menu, record_event, sign_in, write_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_pilot_enterprise_registers_a_vehicle_and_records_its_procurement(page, pilot_user, tmp_path):
    vin = new_vin()
    sign_in(page, pilot_user)
    menu(page, "一车一档")
    click_to(page, "登记车辆", role="link")
    page.get_by_label("车辆识别代号（VIN）").fill(vin.lower())
    page.get_by_label("号牌号码").fill("晋A12345")
    page.get_by_label("品牌").fill("大众")
    page.get_by_label("车型").fill("速腾")
    field(page, "车辆类型").select_option("noncommercial_passenger_small")
    page.get_by_label("初次登记日期").fill("2019-05-20")
    page.get_by_label("行驶里程（公里）").fill("68000")
    click_to(page, "建档", shot="journey-07-vehicle-registered")
    assert f"车辆 {vin} 已建档" in flash(page)

    record_event(page, "采购", {"卖方名称": "太原恒通汽车销售有限公司", "价格（元）": "86000.00",
                               "合同编号": "CG-2026-0099"},
                 files=[write_pdf(tmp_path, "采购合同.pdf")], shot="journey-07-procurement-recorded")
    assert "已记录第 1 条：采购" in flash(page)
    main = page.locator("main").inner_text()
    assert "太原恒通汽车销售有限公司" in main and "采购合同.pdf" in main
    assert "档案链完整" in main
    vehicle = Vehicle.objects.get(vin=vin)
    assert vehicle.enterprise == pilot_user.organisation
    assert list(vehicle.events.values_list("type", flat=True)) == [EventType.PROCUREMENT]
