"""Brute-force protection (issue 9): django-axes counts failed logins per account.

The login page, the 2FA step and the token endpoint all report failures through Django's
`user_login_failed` signal; axes locks the account after AXES_FAILURE_LIMIT failures for
AXES_COOLOFF_TIME. A successful login resets the count (api.md: successes are never throttled).
"""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.contrib.auth.signals import user_login_failed
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out account; a call without a request (shell, test client login) is not a login attempt."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(getattr(request, "_request", request), username, password, **kwargs)


def lock_message(request=None) -> str:
    minutes = int(get_cool_off(request).total_seconds() // 60) if get_cool_off(request) else 0
    return _("登录失败次数过多，该账户已被临时锁定，请 %(minutes)d 分钟后再试，或联系管理员解锁。") % {
        "minutes": minutes
    }


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: JSON for the API, the login page with the message for browsers."""
    message = lock_message(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    from django.contrib.auth.forms import AuthenticationForm

    form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username", "")})
    return render(request, "registration/login.html", {"form": form, "locked_message": message}, status=429)


def report_failure(request, username: str) -> None:
    """Count a failed second step (a wrong one-time code) against the account, like a wrong password."""
    http_request = getattr(request, "_request", request)
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=http_request)
