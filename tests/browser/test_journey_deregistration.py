"""Journey 13 (办法第六条): traffic police record the deregistration (注销登记) of a vehicle customs cleared;
before the clearance the same act is refused with its article."""

import pytest

from .journeys import cleared, find_vehicle, flash, licensed_vehicle, record_event, sign_in, today

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_police_deregister_a_cleared_vehicle_after_being_refused_before_clearance(
        page, pilot_user, police_officer, inspector, bureau_officer, bureau_head, customs_officer):
    vehicle, _licence = licensed_vehicle(pilot_user, police_officer, inspector, bureau_officer, bureau_head)

    sign_in(page, police_officer)
    find_vehicle(page, vehicle.vin)
    record_event(page, "注销登记", {"注销证明编号": "ZX-2026-0001"}, shot="journey-13-deregistration-refused")
    assert "车辆尚未办理海关放行，不能注销登记。（办法第六条" in flash(page)
    vehicle.refresh_from_db()
    assert vehicle.deregistered_on is None

    cleared(vehicle, customs_officer)
    find_vehicle(page, vehicle.vin)
    record_event(page, "注销登记", {"注销证明编号": "ZX-2026-0001"}, shot="journey-13-deregistered")
    assert "注销登记" in flash(page)
    vehicle.refresh_from_db()
    assert vehicle.deregistered_on == today()
