"""Journey 11 (issue 6: public verification): anyone who scans the licence's QR code lands on the public
check of that licence, without signing in, and can follow it to the vehicle."""

import re

import pytest

from portal.pdf import pdf_text

from .journeys import (
    arrive,
    click_to,
    fetch_pdf,
    issued_licence,
    pilot_vehicle,
    sign_in,
    sign_out,
    transferred_and_inspected,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_public_verifies_the_licence_by_the_url_its_qr_code_carries(
        page, pilot_user, police_officer, inspector, bureau_officer, bureau_head):
    vehicle = transferred_and_inspected(pilot_vehicle(pilot_user), police_officer, inspector)
    licence = issued_licence(vehicle, pilot_user, bureau_officer, bureau_head)

    sign_in(page, pilot_user)
    text = pdf_text(fetch_pdf(page, f"/vehicles/licences/{licence.pk}/licence.pdf"))
    sign_out(page)
    compact = re.sub(r"\s+", "", text)
    # api.md v1.1: the QR code's URL carries the licence's check code, which opens the whole check
    target = re.search(r"https?://\S+?/verify/licence/" + licence.number + r"/\?code=[0-9A-Z]{8}", compact).group(0)

    page.goto(target)  # what a phone opens after scanning the code
    arrive(page, shot="journey-11-public-licence-check")
    main = page.locator("main").inner_text()
    assert licence.number in main and "已签发" in main and pilot_user.organisation.name in main
    assert page.get_by_role("link", name="登录").is_visible()  # nobody is signed in
    click_to(page, vehicle.vin, role="link", shot="journey-11-public-vehicle-check")
    assert vehicle.vin in page.locator("h1").inner_text()
