"""api.md v1.1 "Authentication": tokens are hashed, new per login, end after 8 hours, at logout,
at a password change and at a 2FA reset (issue 22 point 1)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from portal.demo import ACCOUNTS
from portal.roles import Role
from portal.twofactor import reset_two_factor

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-Horse-2026"
DEMO_SECRET = "JBSWY3DPEHPK3PXPNEWCOMERCHECKAAA"


def code_for(device: TOTPDevice) -> str:
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()).zfill(device.digits)


def token_for(api, user, device=None) -> str:
    body = {"username": user.username, "password": PASSWORD}
    if device is not None:
        body["otp"] = code_for(device)
    response = api(None).post("/api/v1/auth/token/", body, format="json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def me(api, token):
    client = api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get("/api/v1/me/")


def test_every_login_gets_a_new_token_and_the_earlier_one_keeps_working(api, enterprise_user):
    first, second = token_for(api, enterprise_user), token_for(api, enterprise_user)
    assert first != second
    assert me(api, first).status_code == 200
    assert me(api, second).status_code == 200


def test_a_token_is_stored_only_as_a_digest(api, enterprise_user):
    token = token_for(api, enterprise_user)
    stored = AuthToken.objects.get(user=enterprise_user)
    assert token not in (stored.digest, stored.token_key)
    assert len(stored.digest) == 128  # SHA-512, hex


def test_the_answer_says_when_the_token_ends_eight_hours_from_now(api, enterprise_user):
    response = api(None).post("/api/v1/auth/token/", {"username": enterprise_user.username, "password": PASSWORD},
                              format="json")
    expires_at = timezone.datetime.fromisoformat(response.json()["expires_at"])
    assert abs(expires_at - (timezone.now() + timedelta(hours=8))) < timedelta(minutes=1)


def test_a_token_past_eight_hours_is_a_401(api, enterprise_user):
    token = token_for(api, enterprise_user)
    AuthToken.objects.filter(user=enterprise_user).update(expiry=timezone.now() - timedelta(seconds=1))
    assert me(api, token).status_code == 401


def test_logout_ends_the_token_it_is_sent_with_and_no_other(api, enterprise_user):
    ended, kept = token_for(api, enterprise_user), token_for(api, enterprise_user)
    client = api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {ended}")
    assert client.post("/api/v1/auth/logout/").status_code == 204
    assert me(api, ended).status_code == 401
    assert me(api, kept).status_code == 200


def test_a_password_change_ends_every_token_of_the_user(api, enterprise_user):
    token = token_for(api, enterprise_user)
    enterprise_user.set_password("Another-Horse-2027")
    enterprise_user.save()
    assert me(api, token).status_code == 401


def test_a_two_factor_reset_ends_every_token_of_the_official(api, bureau_officer, bureau_head):
    device = TOTPDevice.objects.create(user=bureau_officer, name="authenticator", confirmed=True)
    token = token_for(api, bureau_officer, device)
    reset_two_factor(bureau_officer, by=bureau_head)
    assert me(api, token).status_code == 401
    assert not TOTPDevice.objects.filter(user=bureau_officer).exists()


def test_a_malformed_authorization_header_is_a_401_not_a_500(api):
    client = api(None)
    client.credentials(HTTP_AUTHORIZATION="Token \u00e9\u00e9")
    assert client.get("/api/v1/me/").status_code == 401


def test_with_demo_totp_secret_every_official_demo_account_gets_a_token_with_otp_and_enterprises_without(
    api, settings
):
    settings.DEMO_TOTP_SECRET = DEMO_SECRET
    call_command("seed_demo", verbosity=0)
    for username, role, *_ in ACCOUNTS:
        body = {"username": username, "password": settings.DEMO_PASSWORD}
        first = api(None).post("/api/v1/auth/token/", body, format="json")
        if role == Role.ENTERPRISE_USER:
            assert first.status_code == 200, (username, first.content)
            continue
        assert first.status_code == 400 and "otp" in first.json(), (username, first.content)
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        assert device.bin_key.hex() == device.key
        response = api(None).post("/api/v1/auth/token/", {**body, "otp": code_for(device)}, format="json")
        assert response.status_code == 200, (username, response.content)
        assert me(api, response.json()["token"]).json()["username"] == username


def test_a_token_issued_before_two_factor_setup_ends_when_the_device_is_confirmed(api, enterprise_user):
    from portal.twofactor import confirm_device, pending_device

    token = token_for(api, enterprise_user)
    device = pending_device(enterprise_user)
    assert confirm_device(enterprise_user, code_for(device)) is not None
    assert me(api, token).status_code == 401
