"""Journey 12 (办法第六条; 一批一证): customs record the declaration and the clearance (放行) of a licensed
vehicle; the licence is used up and the enterprise is told by e-mail (real worker) to deregister in 2 months."""

import pytest

from portal.dates import add_months
from portal.models import Notification
from traceability.models import LicenceStatus

from .journeys import (
    declaration_number,
    find_vehicle,
    flash,
    licensed_vehicle,
    record_event,
    sign_in,
    today,
    wait_for_emails,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_customs_record_the_declaration_and_clearance_and_the_enterprise_is_told(
        page, pilot_user, police_officer, inspector, bureau_officer, bureau_head, customs_officer, celery_worker):
    vehicle, licence = licensed_vehicle(pilot_user, police_officer, inspector, bureau_officer, bureau_head)
    number = declaration_number()

    sign_in(page, customs_officer)
    find_vehicle(page, vehicle.vin)
    record_event(page, "报关", {"报关单号（18位）": number, "口岸": "太原武宿综合保税区"})
    assert "报关" in flash(page)
    record_event(page, "海关放行", {"报关单号（18位）": number, "口岸": "太原武宿综合保税区"},
                 shot="journey-12-customs-cleared")
    assert "海关放行" in flash(page)
    vehicle.refresh_from_db()
    licence.refresh_from_db()
    assert vehicle.cleared_on == today()
    assert licence.status == LicenceStatus.USED
    assert licence.number in page.locator("main").inner_text()  # the clearance names the licence used

    wait_for_emails([pilot_user])
    note = Notification.objects.filter(recipient=pilot_user, code="vehicle.cleared").get()
    assert vehicle.vin in note.title and "2个月" in note.title
    assert add_months(vehicle.cleared_on, 2) > today()
