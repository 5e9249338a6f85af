"""Issue 9 point 2: TOTP two-factor login for officials, optional for enterprises, recovery codes."""

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import ActivityLog
from portal.roles import Role
from portal.twofactor import TwoFactorStep, next_login_step, token_login_step

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-Horse-2026"


def code_for(device: TOTPDevice) -> str:
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()).zfill(device.digits)


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def password_login(client, user, next_url="/home/"):
    return client.post(f"/accounts/login/?next={next_url}", {"username": user.username, "password": PASSWORD})


# --- the rule ------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.BUREAU_OFFICER, Role.BUREAU_HEAD, Role.POLICE_OFFICER,
                                  Role.CUSTOMS_OFFICER, Role.EXPERT, Role.AUDITOR])
def test_issue_9_officials_without_a_device_must_set_one_up(role):
    assert next_login_step(roles={role}, has_confirmed_device=False, verified=False) == TwoFactorStep.SETUP


@pytest.mark.parametrize("role", [Role.ENTERPRISE_USER, Role.INSPECTOR])
def test_issue_9_two_factor_is_optional_for_enterprises(role):
    assert next_login_step(roles={role}, has_confirmed_device=False, verified=False) == TwoFactorStep.NONE
    assert next_login_step(roles={role}, has_confirmed_device=True, verified=False) == TwoFactorStep.VERIFY


def test_issue_9_a_verified_session_owes_nothing():
    assert next_login_step(roles={Role.AUDITOR}, has_confirmed_device=True, verified=True) == TwoFactorStep.NONE


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ENTERPRISE_USER])
def test_api_md_v1_1_every_official_needs_a_confirmed_device_and_an_otp_for_a_token(role):
    assert token_login_step(roles={role}, has_confirmed_device=False) == TwoFactorStep.SETUP
    assert token_login_step(roles={role}, has_confirmed_device=True) == TwoFactorStep.VERIFY


def test_api_md_v1_1_an_enterprise_user_sends_otp_only_after_opting_in():
    assert token_login_step(roles={Role.ENTERPRISE_USER}, has_confirmed_device=False) == TwoFactorStep.NONE
    assert token_login_step(roles={Role.ENTERPRISE_USER}, has_confirmed_device=True) == TwoFactorStep.VERIFY


# --- the browser flow ----------------------------------------------------------------------------

def test_an_official_without_a_device_is_sent_to_set_one_up_after_the_password(client, bureau_officer, require_two_factor):
    response = password_login(client, bureau_officer)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/setup/")
    assert "next=%2Fhome%2F" in response["Location"]


def test_until_verified_an_official_is_kept_out_of_every_page_but_public_ones(client, bureau_officer, require_two_factor):
    password_login(client, bureau_officer)
    home = client.get("/home/")
    assert home.status_code == 302 and home["Location"].startswith("/accounts/login/")
    assert client.get(home["Location"])["Location"].startswith("/accounts/2fa/setup/")
    assert client.get("/audit/").status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me/").status_code in (401, 403)


def test_the_setup_page_shows_a_locally_rendered_qr_code(client, police_officer, require_two_factor):
    password_login(client, police_officer)
    page = client.get("/accounts/2fa/setup/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    assert "http://" not in html.split("data:image", 1)[1].split('"', 1)[0]
    assert TOTPDevice.objects.filter(user=police_officer, confirmed=False).count() == 1


def test_a_correct_code_confirms_the_device_shows_recovery_codes_once_and_lets_the_official_in(
    client, customs_officer, require_two_factor
):
    password_login(client, customs_officer)
    client.get("/accounts/2fa/setup/?next=/home/")
    device = TOTPDevice.objects.get(user=customs_officer)
    response = client.post("/accounts/2fa/setup/", {"otp": code_for(device), "next": "/home/"})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=customs_officer).values_list("token", flat=True)) == set(codes)
    device.refresh_from_db()
    assert device.confirmed
    assert ActivityLog.objects.filter(action="account.two_factor_enabled", object_id=str(customs_officer.pk)).exists()
    assert client.get("/home/").status_code == 200
    # Shown once: the setup page is not offered again to a user with a confirmed device.
    assert client.get("/accounts/2fa/setup/").status_code == 302


def test_a_wrong_code_at_setup_is_shown_next_to_the_field_and_confirms_nothing(client, expert, require_two_factor):
    password_login(client, expert)
    client.get("/accounts/2fa/setup/")
    response = client.post("/accounts/2fa/setup/", {"otp": "000000"})
    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert 'class="field has-error"' in response.content.decode()
    assert not TOTPDevice.objects.filter(user=expert, confirmed=True).exists()
    assert client.get("/home/").status_code == 302


def test_an_official_with_a_device_enters_a_code_after_the_password(client, auditor, require_two_factor):
    device = confirmed_device(auditor)
    response = password_login(client, auditor, next_url="/audit/")
    assert response["Location"].startswith("/accounts/2fa/verify/")
    right = client.post("/accounts/2fa/verify/", {"otp": code_for(device), "next": "/audit/"})
    assert right.status_code == 302 and right["Location"] == "/audit/"
    assert client.get("/audit/").status_code == 200


def test_a_wrong_code_is_refused_and_throttles_the_device_for_a_moment(client, auditor, require_two_factor):
    device = confirmed_device(auditor)
    password_login(client, auditor)
    wrong = client.post("/accounts/2fa/verify/", {"otp": "123456"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert client.get("/home/").status_code == 302


def test_a_recovery_code_lets_the_official_in_once(client, bureau_head, require_two_factor):
    confirmed_device(bureau_head)
    recovery = StaticDevice.objects.create(user=bureau_head, name="recovery", confirmed=True)
    recovery.token_set.create(token="abcd2345")
    password_login(client, bureau_head)
    assert client.post("/accounts/2fa/verify/", {"otp": "ABCD 2345"}).status_code == 302
    assert client.get("/home/").status_code == 200
    client.post("/accounts/logout/")
    password_login(client, bureau_head)
    again = client.post("/accounts/2fa/verify/", {"otp": "abcd2345"})
    assert again.status_code == 200 and "验证码不正确" in again.content.decode()


def test_the_verify_step_does_not_redirect_to_another_site(client, auditor, require_two_factor):
    device = confirmed_device(auditor)
    password_login(client, auditor)
    response = client.post("/accounts/2fa/verify/", {"otp": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/home/"


def test_an_enterprise_user_without_a_device_goes_straight_in(client, enterprise_user, require_two_factor):
    response = password_login(client, enterprise_user)
    assert response["Location"] == "/home/"
    assert client.get("/home/").status_code == 200


def test_an_enterprise_user_may_opt_in_and_is_then_asked_for_the_code(client, enterprise_user, require_two_factor):
    password_login(client, enterprise_user)
    assert "启用两步验证" in client.get("/accounts/2fa/").content.decode()
    client.get("/accounts/2fa/setup/")
    device = TOTPDevice.objects.get(user=enterprise_user)
    assert client.post("/accounts/2fa/setup/", {"otp": code_for(device)}).status_code == 200
    client.post("/accounts/logout/")
    assert password_login(client, enterprise_user)["Location"].startswith("/accounts/2fa/verify/")


def test_with_the_gate_off_force_login_sessions_of_officials_work_as_before(client, bureau_officer):
    client.force_login(bureau_officer)
    assert client.get("/home/").status_code == 200


# --- the token endpoint (api.md "Conventions") ---------------------------------------------------

def test_an_official_with_a_confirmed_device_must_send_otp_for_a_token(api, bureau_officer):
    device = confirmed_device(bureau_officer)
    client = api(None)
    body = {"username": bureau_officer.username, "password": PASSWORD}
    missing = client.post("/api/v1/auth/token/", body, format="json")
    assert missing.status_code == 400 and "otp" in missing.json()
    right = client.post("/api/v1/auth/token/", {**body, "otp": code_for(device)}, format="json")
    assert right.status_code == 200 and right.json()["token"]
    wrong = client.post("/api/v1/auth/token/", {**body, "otp": "000000"}, format="json")
    assert wrong.status_code == 400 and "otp" in wrong.json()


def test_an_official_without_a_device_gets_no_token_but_a_403_two_factor_required(api, police_officer):
    response = api(None).post(
        "/api/v1/auth/token/", {"username": police_officer.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"
    assert response.json()["reasons"][0]["code"] == "two_factor_required"


def test_an_enterprise_user_with_a_device_must_send_otp_as_api_md_v1_1_says(api, pilot_user):
    device = confirmed_device(pilot_user)
    body = {"username": pilot_user.username, "password": PASSWORD}
    missing = api(None).post("/api/v1/auth/token/", body, format="json")
    assert missing.status_code == 400 and "otp" in missing.json()
    right = api(None).post("/api/v1/auth/token/", {**body, "otp": code_for(device)}, format="json")
    assert right.status_code == 200


def test_an_enterprise_user_without_a_device_gets_a_token_with_the_password_alone(api, enterprise_user):
    response = api(None).post("/api/v1/auth/token/", {"username": enterprise_user.username, "password": PASSWORD},
                              format="json")
    assert response.status_code == 200
