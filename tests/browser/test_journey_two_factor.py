"""Journey (issue 9 point 2): with two-factor login required, a bureau officer sets up an authenticator
through the pages, keeps the recovery codes, and signs in again with a fresh TOTP code."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import login
from .journeys import PASSWORD, arrive, click_to, field, sign_out

pytestmark = pytest.mark.django_db(transaction=True)


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """What the officer's phone shows (steps_ahead=1: the next period, within the device's tolerance)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def test_a_bureau_officer_sets_up_totp_and_signs_in_with_it(page, bureau_officer, require_two_factor):
    login(page, bureau_officer.username, PASSWORD, check=True)
    assert "/accounts/2fa/setup/" in page.url
    arrive(page, shot="journey-2fa-setup")
    # Until the second factor is set up, the portal's pages stay closed.
    page.goto("/applications/")
    assert "/accounts/" in page.url
    arrive(page)
    page.go_back()
    arrive(page)

    device = TOTPDevice.objects.get(user=bureau_officer, confirmed=False)
    shown_key = page.locator("code.secret").inner_text().replace(" ", "")
    assert shown_key and shown_key in device.config_url
    field(page, "动态验证码").fill("000000" if code_for(device) != "000000" else "111111")
    click_to(page, "验证并启用")
    assert page.locator(".field.has-error").count() == 1  # a wrong code is refused next to the field
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    time.sleep(1.2)  # django-otp throttles the device for 1 s after a failure, as a person would wait anyway
    field(page, "动态验证码").fill(code_for(device))
    click_to(page, "验证并启用", shot="journey-2fa-recovery-codes")
    assert page.locator("main li, main code").count() >= 1
    click_to(page, "我已保存，继续", role="link")
    assert page.url.endswith("/home/")
    sign_out(page)

    login(page, bureau_officer.username, PASSWORD)
    assert "/accounts/2fa/verify/" in page.url
    arrive(page, shot="journey-2fa-verify")
    device.refresh_from_db()
    field(page, "动态验证码").fill(code_for(device, steps_ahead=1))  # the setup code cannot be replayed
    click_to(page, "验证")
    assert page.url.endswith("/home/")
    assert "商务局经办人" in page.locator("main").inner_text()
