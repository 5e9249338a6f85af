"""Journey 10 (一批一证; 实施方案: the bureau reviews and issues): the pilot enterprise applies for an export
licence for a ready vehicle, an officer prepares it and the head issues it (maker–checker); the enterprise
downloads the licence naming the vehicle."""

import pytest

from portal.pdf import pdf_text
from traceability.models import Licence, LicenceStatus

from .journeys import (
    arrive,
    click_to,
    fetch_pdf,
    field,
    flash,
    menu,
    pilot_vehicle,
    sign_in,
    sign_out,
    transferred_and_inspected,
)

pytestmark = pytest.mark.django_db(transaction=True)


def open_licence(page, licence, shot=None):
    menu(page, "出口许可证")
    with page.expect_navigation():
        page.get_by_role("link", name=str(licence)).click()
    arrive(page, shot)


def test_the_enterprise_applies_an_officer_prepares_and_the_head_issues_the_licence(
        page, pilot_user, police_officer, inspector, bureau_officer, bureau_head):
    vehicle = transferred_and_inspected(pilot_vehicle(pilot_user), police_officer, inspector)

    sign_in(page, pilot_user)
    menu(page, "出口许可证")
    click_to(page, "申领许可证", role="link")
    page.get_by_label(f"{vehicle.vin} · {vehicle.brand} {vehicle.model}").check()
    field(page, "目的国").select_option("KZ")  # the country picker (ISO 3166, Chinese names)
    click_to(page, "提交申请", shot="journey-10-licence-requested")
    assert "许可证申请已提交" in flash(page)
    licence = Licence.objects.get(enterprise=pilot_user.organisation)
    assert licence.status == LicenceStatus.REQUESTED
    sign_out(page)

    sign_in(page, bureau_officer)
    open_licence(page, licence)
    click_to(page, "拟办（经办人）")
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.PREPARED
    # issue 18: the page offers only usable actions — the preparing officer never issues, so no 签发 button.
    assert page.get_by_role("button", name="签发（负责人）").count() == 0
    assert page.get_by_role("button", name="拟办（经办人）").count() == 0
    sign_out(page)

    sign_in(page, bureau_head)
    open_licence(page, licence)
    click_to(page, "签发（负责人）", shot="journey-10-licence-issued")
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.ISSUED and licence.number
    assert licence.number in page.locator("h1").inner_text()
    sign_out(page)

    sign_in(page, pilot_user)
    open_licence(page, licence)
    text = pdf_text(fetch_pdf(page, page.get_by_role("link", name="许可证（PDF）").get_attribute("href")))
    assert licence.number in text and vehicle.vin in text
