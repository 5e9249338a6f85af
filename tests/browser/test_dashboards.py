"""Issue 3/11: every demo role logs in through the real login page and sees its dashboard."""

import pytest
from django.core.management import call_command

from portal.demo import ACCOUNTS

from .conftest import assert_accessible, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_public_home_page_is_accessible(page):
    page.goto("/")
    assert "太原市二手车出口业务" in page.locator("h1").first.inner_text()
    assert_accessible(page)
    screenshot(page, "public-home")


def test_every_demo_role_logs_in_and_sees_its_dashboard(page, settings):
    call_command("seed_demo", verbosity=0)
    for username, role, *_ in ACCOUNTS:
        login(page, username, settings.DEMO_PASSWORD)
        assert page.url.endswith("/home/"), (username, page.url)
        assert str(role.label) in page.locator("main").inner_text()
        assert_accessible(page, context=username)
        screenshot(page, f"dashboard-{username}")
        page.get_by_role("button", name="退出").click()
        page.wait_for_load_state("networkidle")


def test_a_wrong_password_shows_a_clear_error(page, enterprise_user):
    login(page, enterprise_user.username, "wrong-password")
    assert "/accounts/login/" in page.url
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("用户名").input_value() == enterprise_user.username
    assert_accessible(page)
