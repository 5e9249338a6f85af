"""Brute-force protection (issues 9 and 22): django-axes counts failed logins.

The login page, the 2FA step and the token endpoint all report failures through Django's
`user_login_failed` signal. axes locks an account *from one address* after AXES_FAILURE_LIMIT
failures for AXES_COOLOFF_TIME (issue 22 point 7: a stranger elsewhere cannot lock an official
out); an address is locked for every account after AXES_IP_FAILURE_LIMIT failures within the
cool-off (so one address cannot try many accounts). A success resets its pair's count.
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out account; a call without a request (shell, test client login) is not a login attempt."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        http_request = getattr(request, "_request", request)
        result = super().authenticate(http_request, username, password, **kwargs)
        if settings.AXES_ENABLED and address_locked(getattr(http_request, "axes_ip_address", None)):
            http_request.axes_locked_out = True
            raise AxesBackendPermissionDenied("too many failed logins from this address")
        return result


def address_failures(ip_address: str | None) -> int:
    """Failed logins from `ip_address`, over every account, within the cool-off time."""
    from axes.models import AccessAttempt
    from django.db.models import Sum
    from django.utils import timezone

    if not ip_address:
        return 0
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start"))["n"]
    return total or 0


def address_locked(ip_address: str | None) -> bool:
    return address_failures(ip_address) >= settings.AXES_IP_FAILURE_LIMIT


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
