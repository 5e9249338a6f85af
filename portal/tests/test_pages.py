"""Issue 3: login, the role dashboard, the language switch."""

import pytest
from django.core.management import call_command

from portal.demo import ACCOUNTS

pytestmark = pytest.mark.django_db


def test_every_demo_account_logs_in_through_the_page_and_sees_its_dashboard(client, settings):
    call_command("seed_demo", verbosity=0)
    for username, role, *_ in ACCOUNTS:
        response = client.post("/accounts/login/", {"username": username, "password": settings.DEMO_PASSWORD})
        assert response.status_code == 302, username
        page = client.get("/home/")
        assert page.status_code == 200
        assert str(role.label) in page.content.decode()
        client.post("/accounts/logout/")


def test_a_bad_login_shows_a_clear_error_and_keeps_the_username(client, enterprise_user):
    response = client.post("/accounts/login/", {"username": enterprise_user.username, "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "请输入一个正确的" in html or "正确的用户名和密码" in html
    assert f'value="{enterprise_user.username}"' in html


def test_the_public_home_page_is_in_chinese_by_default_and_english_on_request(client):
    assert "太原市二手车出口业务" in client.get("/").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Used-car exports from Taiyuan" in english


def test_the_language_switch_sets_the_language_for_the_session(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert "Used-car exports from Taiyuan" in response.content.decode()


def test_the_api_docs_page_is_served_from_local_static_files(client):
    html = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()
