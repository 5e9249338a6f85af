"""api.md "Conventions": POST /api/v1/auth/token/ answers {"token"}; clients send `Token <key>`."""

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from portal.demo import ACCOUNTS

pytestmark = pytest.mark.django_db


def test_every_demo_account_gets_a_token_that_authenticates_api_calls(settings):
    settings.DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPNEWCOMERCHECKAAA"
    call_command("seed_demo", verbosity=0)
    client = APIClient()
    for username, *_ in ACCOUNTS:
        body = {"username": username, "password": settings.DEMO_PASSWORD}
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is not None:  # officials: api.md v1.1 "Authentication"
            body["otp"] = str(TOTP(device.bin_key).token()).zfill(6)
        response = client.post("/api/v1/auth/token/", body, format="json")
        assert response.status_code == 200, (username, response.content)
        token = response.json()["token"]
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert client.get("/api/v1/me/").json()["username"] == username
        client.credentials()


def test_a_wrong_password_is_a_400_with_a_clear_message(enterprise_user):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": enterprise_user.username, "password": "nope"}, format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["用户名或密码不正确。"]}


def test_the_error_message_follows_the_request_language(enterprise_user):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": enterprise_user.username, "password": "nope"}, format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.json() == {"non_field_errors": ["Incorrect username or password."]}


def test_a_missing_field_is_named(db):
    response = APIClient().post("/api/v1/auth/token/", {"username": "x"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()


def test_an_api_call_without_credentials_is_a_401():
    assert APIClient().get("/api/v1/me/").status_code == 401
