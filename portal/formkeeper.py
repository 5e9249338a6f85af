"""What was typed survives the end of a session (issue 20 point 3) — the one place that does it.

A form posted by a user whose session has ended (a login-required page answers with the login
redirect, or the CSRF check fails: portal.error_pages.csrf_failure) is kept in the new session
without the CSRF token, passwords and files; the login page says why ("登录已超时，请重新登录"), and
after the login the form's page gets the kept values back (static/js/session.js fills them in from
<body data-kept-form>). Only posts from this site's own pages are kept (Origin/Referer), so another
site cannot plant values in a form.

The same middleware tells base.html how long the session has left (<body data-session-seconds>,
from SESSION_COOKIE_AGE and the session's last save) so that the page warns before it ends.
"""

import json
import time
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

KEPT = "portal_kept_form"
SAVED_AT = "portal_session_saved_at"
MAX_BYTES = 32_000  # what a session row should carry at most
LEFT_OUT = ("csrfmiddlewaretoken", "password", "otp", "token", "next")


def same_origin(request) -> bool:
    """The post came from a page of this site: its Origin (browsers send it on every POST) or,
    without one, its Referer names this host."""
    origin = request.headers.get("Origin")
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 - DisallowedHost
        return False
    if origin:
        return origin == f"{request.scheme}://{host}"
    referer = request.headers.get("Referer", "")
    return bool(referer) and url_has_allowed_host_and_scheme(referer, allowed_hosts={host},
                                                             require_https=request.is_secure())


def _return_path(request) -> str:
    """Where the form was: the referring page of this site, else the path it was posted to."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


def _kept_fields(post) -> dict[str, list[str]]:
    return {name: post.getlist(name) for name in post
            if not any(word in name.lower() for word in LEFT_OUT)}


def keep(request) -> str:
    """Keep the posted fields in the session; the path of the form's page, or "" when nothing is kept."""
    session_ended(request)  # asked now, while the session is as the request found it
    data = _kept_fields(request.POST)
    if not data or len(json.dumps(data, ensure_ascii=False).encode()) > MAX_BYTES:
        return ""
    path = _return_path(request)
    request.session[KEPT] = {"path": urlsplit(path).path, "data": data}
    request.form_kept = True
    return path


def say_login_needed(request, *, kept: bool) -> None:
    """The login page's word why: the session ended (or, for a visitor who never signed in, a login is
    needed), and whether what was typed is kept."""
    text = _("登录已超时，请重新登录。") if session_ended(request) else _("请先登录。")
    if kept:
        text += _("您填写的内容已保留，登录后请检查并重新提交。")
    messages.warning(request, text)


def say_page_expired(request) -> None:
    messages.warning(request, _("页面已过期，未能提交。您填写的内容已保留，请检查后重新提交。"))


def session_ended(request) -> bool:
    """The request named a session that no longer exists (expired or ended)."""
    if hasattr(request, "_portal_session_ended"):
        return request._portal_session_ended
    cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not cookie:
        return False
    if request.session.modified:
        return False  # cannot tell any more: ask before anything is written (the answer is kept)
    request.session.get(SAVED_AT)  # loads it: an expired or unknown key leaves the session without one
    request._portal_session_ended = request.session.session_key is None
    return request._portal_session_ended


def _is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303) or not response.has_header("Location"):
        return False
    return urlsplit(response["Location"]).path == resolve_url(settings.LOGIN_URL)


class FormKeeperMiddleware:
    """After MessageMiddleware and the authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):  # the API has no forms and no sessions of its own to warn of
            return self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user and user.is_authenticated)
        kept = request.session.get(KEPT) if signed_in and request.method == "GET" else None
        if kept and kept.get("path") == request.path:
            request.kept_form_json = json.dumps(kept["data"], ensure_ascii=False)
        if signed_in:
            saved_at = request.session.get(SAVED_AT) or time.time()
            request.session_seconds_left = max(0, int(settings.SESSION_COOKIE_AGE - (time.time() - saved_at)))

        response = self.get_response(request)

        if getattr(request, "kept_form_json", None) and response.status_code == 200:
            request.session.pop(KEPT, None)  # given back once
        elif not signed_in and _is_login_redirect(response):
            response = self._to_login(request, response)
        if request.session.modified and (getattr(request, "user", None) and request.user.is_authenticated):
            request.session[SAVED_AT] = time.time()  # the session's expiry counts from its last save
        return response

    def _to_login(self, request, response):
        if getattr(request, "form_kept", False) or request.path == resolve_url(settings.LOGIN_URL):
            return response  # kept by the CSRF failure view already, or the login form itself
        ended = session_ended(request)
        if request.method == "POST" and same_origin(request):
            path = keep(request)
            if path:
                say_login_needed(request, kept=True)
                return redirect_to_login(path)
        if ended:
            say_login_needed(request, kept=False)
        return response


def next_of(response) -> str:
    """The `next` a login redirect carries (tests)."""
    return parse_qs(urlsplit(response["Location"]).query).get("next", [""])[0]
