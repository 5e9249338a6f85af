"""Issue 20 point 3 in the browser: a form posted after the session ended keeps what was typed through the
login (static/js/session.js fills it back in); the login page says why; error pages are the portal's own."""

import pytest
from django.contrib.sessions.models import Session

from .conftest import screenshot
from .journeys import PASSWORD, arrive, goto, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_form_sent_after_the_session_ended_is_kept_through_the_login(page, pilot_user):
    pilot_user.email_notifications = False
    pilot_user.save(update_fields=["email_notifications"])
    sign_in(page, pilot_user, shot="home-pilot-enterprise")
    goto(page, "/inbox/")
    Session.objects.all().delete()  # the session ends while the page is open

    page.get_by_label("同时通过电子邮件通知我").check()
    with page.expect_navigation():
        page.get_by_role("button", name="保存设置").click()
    arrive(page, "session-expired-login")
    assert "/accounts/login/" in page.url
    assert "登录已超时，请重新登录" in page.locator("main").inner_text()

    page.get_by_label("用户名").fill(pilot_user.username)
    page.get_by_label("密码").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    arrive(page, "session-expired-form-kept")
    assert page.url.endswith("/inbox/")
    assert page.get_by_label("同时通过电子邮件通知我").is_checked(), "what was typed is back"
    assert "已恢复您登录超时前填写的内容" in page.locator("main").inner_text()


def test_a_missing_page_is_the_portals_404(page, settings):
    settings.DEBUG = False
    page.goto("/no-such-page/")
    arrive(page, "error-404")
    assert "页面不存在" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="返回首页").is_visible()


def test_the_page_warns_before_the_session_ends(page, settings, pilot_user):
    settings.SESSION_COOKIE_AGE = 5 * 60 + 3  # the warning comes 5 minutes before the end: after 3 s
    sign_in(page, pilot_user)
    notice = page.locator(".session-notice")
    notice.wait_for(state="visible", timeout=15_000)
    assert "登录将在5分钟后超时" in notice.inner_text()
    screenshot(page, "session-warning")
