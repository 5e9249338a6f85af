"""Journey 9 (实施方案三(二) 一车一检, 办法第九条): the inspection body looks up a VIN on file, records a
passing report under its own CMA qualification, and the vehicle then meets the export conditions."""

import pytest

from .journeys import append, click_to, fill_event_form, flash, menu, pilot_vehicle, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_inspector_records_a_passing_inspection_and_the_vehicle_becomes_eligible(
        page, pilot_user, police_officer, inspector):
    vehicle = pilot_vehicle(pilot_user)
    append(vehicle, "transfer_registration", {"certificate_number": "晋A-ZY-2026-0318"}, police_officer)

    sign_in(page, inspector)
    menu(page, "一车一档")
    page.get_by_label("VIN、号牌或品牌").fill(vehicle.vin)
    click_to(page, "筛选", shot="journey-09-inspector-finds-vin")
    click_to(page, "录入检测报告", role="link")
    assert page.get_by_label("记录类型").input_value() == "inspection"
    fields = {"检测报告编号": "JC-2026-1108", "检测结论": "合格",
              "资质证书编号（CMA/CNAS）": inspector.organisation.certificate_number, "里程（公里）": "68050"}
    fill_event_form(page, fields, shot="journey-09-inspection-recorded")
    assert "检测" in flash(page)
    vehicle.refresh_from_db()
    assert vehicle.inspection_conclusion == "pass"
    assert "符合出口条件" in page.locator("main").inner_text()
