"""Issue 20 point 3: a form posted after the session ended keeps what was typed once the user signs in
again; the login page says why; pages tell the session's time left so that it warns before the end."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from portal.formkeeper import KEPT, next_of

pytestmark = pytest.mark.django_db
PASSWORD = "Correct-Horse-2026"  # tests/factories.UserFactory


def _end_the_session(client):
    Session.objects.filter(session_key=client.cookies["sessionid"].value).delete()


def test_a_post_after_the_session_ended_is_kept_through_the_login(settings, enterprise_user):
    settings.DEBUG = False
    client = Client()
    client.force_login(enterprise_user)
    _end_the_session(client)

    response = client.post("/inbox/settings/", {"email_notifications": "on", "new_password1": "Secret-1234!",
                                                "csrfmiddlewaretoken": "x"},
                           HTTP_ORIGIN="http://testserver", HTTP_REFERER="http://testserver/inbox/")
    assert response.status_code == 302
    assert next_of(response) == "/inbox/", "back to the page the form was on"
    login_page = client.get(response["Location"]).content.decode()
    assert "登录已超时，请重新登录" in login_page
    assert "您填写的内容已保留" in login_page
    assert client.session[KEPT] == {"path": "/inbox/", "data": {"email_notifications": ["on"]}}, \
        "no password and no CSRF token kept"

    signed_in = client.post(response["Location"], {"username": enterprise_user.username, "password": PASSWORD,
                                                   "next": "/inbox/"})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/inbox/"
    html = client.get("/inbox/").content.decode()
    assert 'data-kept-form="{&quot;email_notifications&quot;: [&quot;on&quot;]}"' in html
    assert "data-kept-form" not in client.get("/inbox/").content.decode(), "given back once"


def test_following_a_link_after_the_session_ended_says_why_on_the_login_page(client, enterprise_user):
    client.force_login(enterprise_user)
    _end_the_session(client)
    response = client.get("/home/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "登录已超时，请重新登录" in response.content.decode()


def test_a_visitor_who_never_signed_in_is_not_told_of_a_timeout(client):
    html = client.get("/home/", follow=True).content.decode()
    assert "登录已超时" not in html


def test_a_post_from_another_site_is_not_kept(client, enterprise_user):
    client.force_login(enterprise_user)
    _end_the_session(client)
    response = client.post("/inbox/settings/", {"email_notifications": "on"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 302
    assert KEPT not in client.session


def test_pages_tell_the_session_time_left_for_the_warning(client, settings, enterprise_user):
    settings.SESSION_COOKIE_AGE = 1800
    client.force_login(enterprise_user)
    html = client.get("/home/").content.decode()
    seconds = int(html.split('data-session-seconds="')[1].split('"')[0])
    assert 1700 < seconds <= 1800
    assert "data-session-warning=" in html
    assert "js/session.js" in html
