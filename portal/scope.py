"""The auditor's scope is the audit log (api.md v1.1 "Personal data"; issue 22 point 6).

An account whose only role is the auditor reaches the audit log, its own account pages and what
anyone may see without logging in; every other page and endpoint is a 403. Checked once, here:
for browser sessions in a middleware, for the API in its permission classes (a token user is
known only there: DEFAULT_PERMISSION_CLASSES and portal.api_support.role_permission), so no app has
to remember it; the apps' selectors leave the auditor out as well.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import permissions

from .roles import Role, role_names

AUDITOR_URL_NAMES = frozenset({
    # the audit log and the account itself
    "audit-log", "home", "inbox", "inbox-mark-read", "inbox-settings", "login", "logout", "two-factor",
    "two-factor-setup", "two-factor-verify", "password_change", "password_change_done", "set_language",
    "api-token", "api-logout", "api-me",
    # what the public sees
    "public-home", "healthz", "api-working-days", "schema", "api-docs", "api-redoc",
    "supervision:complaint-new", "supervision:complaint-status", "supervision:pilot-enterprises",
    "supervision:policy-measures", "supervision:policy-plan", "supervision:policy-versions", "review:pilots",
})


def is_auditor_only(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and not user.is_superuser and \
        role_names(user) == frozenset({str(Role.AUDITOR)})


def auditor_may_reach(view_name: str | None) -> bool:
    """`view_name` as resolved ("supervision:complaint-new"); public names need no listing."""
    view_name = view_name or ""
    name = view_name.rsplit(":", 1)[-1]
    return view_name in AUDITOR_URL_NAMES or name.startswith(("api-public", "public-", "verify-"))


def _message() -> str:
    return _("审计管理员只能查看审计日志。")


def _outside_scope(request, user) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None or match.route == "admin/login/" or "admin" in match.namespaces:
        return False  # the Django admin admits superusers only, by its own check
    return is_auditor_only(user) and not auditor_may_reach(match.view_name)


class AuditorScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _outside_scope(request, request.user):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _message()}, status=403, json_dumps_params={"ensure_ascii": False})
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(_message())
        return None


class InAuditorScope(permissions.BasePermission):
    """In DEFAULT_PERMISSION_CLASSES and in every role_permission: the API's half of the rule."""

    message = property(lambda self: _message())

    def has_permission(self, request, view):
        return not _outside_scope(getattr(request, "_request", request), request.user)
