"""Issues 9 and 22 point 7: lockout per account and address plus a per-address limit; successes never throttled."""

import pytest
from django.utils import translation

from portal.lockout import lock_message

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-Horse-2026"


def fail_login_page(client, user, times):
    for _ in range(times):
        client.post("/accounts/login/", {"username": user.username, "password": "wrong-password"})


def token(client, user, password=PASSWORD, **extra):
    return client.post("/api/v1/auth/token/", {"username": user.username, "password": password}, format="json", **extra)


def test_the_login_page_locks_an_account_after_five_failures_even_for_the_right_password(client, enterprise_user, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    fail_login_page(client, enterprise_user, 5)
    response = client.post("/accounts/login/", {"username": enterprise_user.username, "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "该账户已被临时锁定" in html and "15 分钟" in html
    assert '<input type="text" name="username"' in html  # the page stays a usable login page
    assert client.get("/home/").status_code == 302  # not logged in


def test_four_failures_do_not_lock_and_a_success_resets_the_count(client, enterprise_user):
    fail_login_page(client, enterprise_user, 4)
    assert client.post("/accounts/login/", {"username": enterprise_user.username, "password": PASSWORD}).status_code == 302
    client.post("/accounts/logout/")
    fail_login_page(client, enterprise_user, 4)
    assert client.post("/accounts/login/", {"username": enterprise_user.username, "password": PASSWORD}).status_code == 302


def test_failures_for_one_account_do_not_lock_another_account_from_the_same_address(
    client, enterprise_user, other_enterprise_user
):
    fail_login_page(client, enterprise_user, 5)
    response = client.post("/accounts/login/", {"username": other_enterprise_user.username, "password": PASSWORD})
    assert response.status_code == 302


def test_a_stranger_failing_five_times_elsewhere_does_not_lock_the_bureau_head_out(client, bureau_head):
    for _ in range(6):
        client.post("/accounts/login/", {"username": bureau_head.username, "password": "wrong"},
                    REMOTE_ADDR="198.51.100.66")
    locked = client.post("/accounts/login/", {"username": bureau_head.username, "password": PASSWORD},
                         REMOTE_ADDR="198.51.100.66")
    assert locked.status_code == 429
    office = client.post("/accounts/login/", {"username": bureau_head.username, "password": PASSWORD},
                         REMOTE_ADDR="10.20.30.40")
    assert office.status_code == 302


def test_one_address_trying_many_accounts_is_locked_for_all_at_the_address_limit(api, settings):
    from portal.roles import Role
    from tests.factories import make_user

    settings.AXES_IP_FAILURE_LIMIT = 8
    client = api(None)
    users = [make_user(Role.ENTERPRISE_USER) for _ in range(3)]
    for user in users:
        for _ in range(3 if user is not users[-1] else 2):
            token(client, user, password="wrong", REMOTE_ADDR="203.0.113.77")
    fresh = make_user(Role.ENTERPRISE_USER)
    assert token(client, fresh, REMOTE_ADDR="203.0.113.77").status_code == 429
    assert token(client, fresh, REMOTE_ADDR="203.0.113.78").status_code == 200


def test_the_token_endpoint_locks_the_account_with_a_json_message(api, police_officer):
    client = api(None)
    for _ in range(4):
        assert token(client, police_officer, password="wrong-password").status_code == 400
    fifth = token(client, police_officer, password="wrong-password")
    assert fifth.status_code == 429
    response = token(client, police_officer)
    assert response.status_code == 429
    assert "该账户已被临时锁定" in response.json()["detail"]


def test_failures_on_the_login_page_and_the_token_endpoint_add_up_for_the_account(client, api, customs_officer):
    fail_login_page(client, customs_officer, 3)
    api_client = api(None)
    token(api_client, customs_officer, password="wrong-password")
    token(api_client, customs_officer, password="wrong-password")
    assert token(api_client, customs_officer).status_code == 429


def test_successful_token_requests_are_never_throttled(api, enterprise_user):
    client = api(None)
    for _ in range(30):
        assert token(client, enterprise_user).status_code == 200


def test_wrong_one_time_codes_count_as_failed_logins(api, bureau_officer):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=bureau_officer, name="authenticator", confirmed=True)
    client = api(None)
    body = {"username": bureau_officer.username, "password": PASSWORD, "otp": "000000"}
    statuses = [client.post("/api/v1/auth/token/", body, format="json").status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    assert token(client, bureau_officer).status_code == 429


def test_the_lock_message_is_in_chinese_and_english(settings):
    with translation.override("zh-hans"):
        assert lock_message() == "登录失败次数过多，该账户已被临时锁定，请 15 分钟后再试，或联系管理员解锁。"
    with translation.override("en"):
        english = lock_message()
    assert english.startswith("Too many failed logins"), english
