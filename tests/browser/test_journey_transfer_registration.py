"""Journey 8 (办法第六条): traffic police find the enterprise's vehicle and record its transfer registration
into the enterprise's name; the vehicle's file shows the date."""

import pytest

from .journeys import find_vehicle, flash, pilot_vehicle, record_event, sign_in, today

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_police_record_the_transfer_registration_into_the_enterprise_name(page, pilot_user, police_officer):
    vehicle = pilot_vehicle(pilot_user)
    sign_in(page, police_officer)
    find_vehicle(page, vehicle.vin, shot="journey-08-police-vehicle-file")
    assert "车辆尚未办理转移登记至出口企业名下" in page.locator("main").inner_text()

    record_event(page, "交易/转移登记", {"登记证书编号": "晋A-ZY-2026-0318"}, shot="journey-08-transfer-recorded")
    assert "交易/转移登记" in flash(page)
    vehicle.refresh_from_db()
    assert vehicle.registered_to_enterprise_on == today()
    assert "车辆尚未办理转移登记至出口企业名下" not in page.locator("main").inner_text()
