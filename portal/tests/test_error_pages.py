"""Issue 20 point 3: error pages in the portal's layout and language, each with a way on; a CSRF
failure is the portal's page, never Django's "CSRF验证失败 … DEBUG=True"."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import path

from portal import error_pages
from portal.urls import urlpatterns as portal_urlpatterns

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("a fault")


def _suspicious(request):
    raise SuspiciousOperation("a bad request")


urlpatterns = [path("boom/", _boom), path("suspicious/", _suspicious), *portal_urlpatterns]
handler400 = "portal.error_pages.bad_request"
handler403 = "portal.error_pages.permission_denied"
handler404 = "portal.error_pages.page_not_found"
handler500 = "portal.error_pages.server_error"


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def _portal_page(response) -> str:
    html = response.content.decode()
    assert 'class="site-header"' in html, "rendered in the portal's layout"
    assert "太原市二手车出口业务管理平台" in html
    assert "DEBUG" not in html and "Not Found" not in html and "Forbidden" not in html
    return html


def test_a_page_that_does_not_exist_is_the_portals_404_with_a_way_home(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = _portal_page(response)
    assert "页面不存在" in html and "返回首页" in html and "登录平台" in html


def test_a_missing_api_path_still_answers_json(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}


def test_a_signed_in_user_is_offered_the_way_back_to_the_workbench(client, enterprise_user):
    client.force_login(enterprise_user)
    response = client.get("/audit/", HTTP_REFERER="http://testserver/home/")
    assert response.status_code == 403
    html = _portal_page(response)
    assert "无权访问" in html and "返回工作台" in html
    assert 'href="http://testserver/home/"' in html, "the way back to the page the user came from"


def test_a_bad_request_is_the_portals_400(client):
    response = client.get("/suspicious/")
    assert response.status_code == 400
    assert "请求无效" in _portal_page(response)


def test_a_server_error_is_the_portals_500(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = _portal_page(response)
    assert "系统暂时无法处理您的请求" in html and "返回首页" in html


def test_the_500_page_needs_neither_the_database_nor_a_context_processor(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = error_pages.server_error(rf.get("/somewhere/"))
    assert response.status_code == 500
    assert "系统暂时无法处理您的请求" in response.content.decode()


def test_a_csrf_failure_from_elsewhere_is_the_portals_page(client, enterprise_user):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(enterprise_user)
    response = csrf_client.post("/inbox/settings/", {"email_notifications": "on"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    html = _portal_page(response)
    assert "页面已过期" in html and "CSRF" not in html
    assert "portal_kept_form" not in csrf_client.session, "another site's post is not kept"


def test_a_stale_form_of_this_site_goes_back_to_its_page_with_what_was_typed(enterprise_user):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(enterprise_user)
    response = csrf_client.post("/inbox/settings/", {"email_notifications": "on", "csrfmiddlewaretoken": "stale"},
                                HTTP_ORIGIN="http://testserver", HTTP_REFERER="http://testserver/inbox/")
    assert response.status_code == 302 and response["Location"] == "/inbox/"
    page = csrf_client.get("/inbox/")
    html = page.content.decode()
    assert "页面已过期，未能提交" in html
    assert 'data-kept-form="{&quot;email_notifications&quot;: [&quot;on&quot;]}"' in html
    assert "stale" not in html, "the CSRF token is never kept"


def test_a_login_form_left_open_too_long_goes_back_to_the_login_with_a_word(client):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/accounts/login/?next=/home/", {"username": "someone", "password": "x"},
                                HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/home/"
    html = csrf_client.get(response["Location"]).content.decode()
    assert "页面已过期，请重新登录" in html
