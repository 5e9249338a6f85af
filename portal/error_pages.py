"""Error pages in the portal's layout and language, each with a way on (issue 20 point 3).

400/403/404 render with the request (base.html, the user's menu); the 500 page is rendered with an
empty context from a template that needs neither the database nor a context processor. API paths
keep api.md's JSON answers. A CSRF failure on a form of this site (a page left open past the end
of the session, a login in another tab) keeps what was typed (portal.formkeeper) and sends the user
back to the form, or to the login first when the session has ended.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import formkeeper


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _back_url(request) -> str:
    """The page the user came from, when it is a page of this site and not this one."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return ""


def _page(request, template: str, status: int, **context):
    try:
        back = _back_url(request)
    except Exception:  # noqa: BLE001 - a DisallowedHost 400 has no host to compare with
        back = ""
    return render(request, template, {"back_url": back, **context}, status=status)


def bad_request(request, exception):
    """handler400."""
    if _is_api(request):
        return JsonResponse({"detail": _("请求无效。")}, status=400)
    return _page(request, "400.html", 400)


def permission_denied(request, exception):
    """handler403."""
    if _is_api(request):
        return JsonResponse({"detail": _("您没有执行该操作的权限。")}, status=403)
    return _page(request, "403.html", 403)


def page_not_found(request, exception):
    """handler404: an API path answers api.md's JSON 404 (a URL no route matches included), a page the
    portal's own."""
    if _is_api(request):
        return JsonResponse({"detail": _("未找到。")}, status=404)
    return _page(request, "404.html", 404)


def server_error(request):
    """handler500: the API answers JSON; a page gets 500.html rendered with no context at all (no
    database, no context processor: the fault may be either)."""
    if _is_api(request):
        return JsonResponse({"detail": _("服务器内部错误。")}, status=500)
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW. A form of this site posted with a stale token is kept and the user sent back
    to it (through the login when the session has ended); anything else is refused on a portal page."""
    if _is_api(request):
        return JsonResponse({"detail": _("CSRF 校验失败。")}, status=403)
    if request.method == "POST" and request.path == resolve_url(settings.LOGIN_URL):
        # The login form itself, left open too long: nothing worth keeping but the way back to it.
        messages.warning(request, _("页面已过期，请重新登录。"))
        return redirect(request.get_full_path())
    if request.method == "POST" and formkeeper.same_origin(request):
        return_to = formkeeper.keep(request)
        if return_to:
            if not request.user.is_authenticated:
                formkeeper.say_login_needed(request, kept=True)
                return redirect_to_login(return_to)
            formkeeper.say_page_expired(request)
            return redirect(return_to)
    return _page(request, "403_csrf.html", 403)
