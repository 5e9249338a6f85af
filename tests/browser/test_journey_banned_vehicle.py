"""Journey 15 (办法第七条, within_1y_of_scrap 含1年): a vehicle within a year of its scrap date is refused when the
enterprise applies for a licence, and the page names the rule and its article."""


import pytest

from portal.dates import add_years
from traceability.models import Licence, VehicleType

from .journeys import (
    click_to,
    field,
    find_vehicle,
    flash,
    menu,
    pilot_vehicle,
    sign_in,
    today,
    transferred_and_inspected,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_vehicle_within_one_year_of_scrap_is_refused_with_its_article(page, pilot_user, police_officer, inspector):
    # A small taxi lives 8 years (报废规定第五条): registered 7 years ago today, it is banned from today on (含1年).
    registered = add_years(today(), -7)
    vehicle = transferred_and_inspected(
        pilot_vehicle(pilot_user, vehicle_type=VehicleType.TAXI_SMALL, registration_date=registered,
                      previous_use="commercial"),
        police_officer, inspector)

    sign_in(page, pilot_user)
    find_vehicle(page, vehicle.vin, shot="journey-15-banned-vehicle-file")
    reasons = page.locator("ul.checklist").inner_text()
    assert "距强制报废使用年限1年以内" in reasons and "办法第七条" in reasons
    assert "within_1y_of_scrap" not in reasons  # words, never the rule's code (issue 20)

    menu(page, "出口许可证")
    click_to(page, "申领许可证", role="link")
    page.get_by_label(f"{vehicle.vin} · {vehicle.brand} {vehicle.model}").check()
    field(page, "目的国").select_option("KZ")  # the country picker (ISO 3166, Chinese names)
    click_to(page, "提交申请", shot="journey-15-licence-refused")
    refusal = flash(page)
    assert "距强制报废使用年限1年以内（含1年），按报废车辆管理，不得出口" in refusal
    assert "办法第七条" in refusal and "within_1y_of_scrap" not in refusal
    assert not Licence.objects.filter(enterprise=pilot_user.organisation).exists()
