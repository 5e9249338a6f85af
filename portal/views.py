from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import health, selectors, services
from .dashboard import tiles_for
from .roles import Role, has_role


def public_home(request):
    return render(request, "portal/public_home.html")


@login_required
def home(request):
    return render(request, "portal/home.html", {"tiles": tiles_for(request.user)})


@never_cache
def healthz(request):
    healthy, state = health.report()
    return JsonResponse(state, status=200 if healthy else 503)


@login_required
def audit_log(request):
    if not has_role(request.user, Role.AUDITOR, Role.BUREAU_OFFICER, Role.BUREAU_HEAD):
        raise PermissionDenied
    entries = selectors.audit_entries_visible_to(request.user).order_by("-timestamp", "-id")
    query = request.GET.get("q", "").strip()
    if query:
        entries = entries.filter(object_repr__icontains=query)
    actor = request.GET.get("actor", "").strip()
    if actor:
        entries = entries.filter(actor__username=actor)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "portal/audit_log.html", {"page": page, "q": query, "actor": actor})


@login_required
def inbox(request):
    notes = selectors.notifications_for(request.user)
    page = Paginator(notes, 25).get_page(request.GET.get("page"))
    return render(request, "portal/inbox.html", {"page": page})


@login_required
@require_POST
def inbox_mark_read(request):
    ids = request.POST.getlist("id") or None
    count = services.mark_read(request.user, [int(i) for i in ids if i.isdigit()] if ids else None)
    messages.success(request, _("已标记 %(count)d 条通知为已读。") % {"count": count})
    return redirect("inbox")


@login_required
@require_POST
def toggle_email(request):
    user = request.user
    user.email_notifications = request.POST.get("email_notifications") == "on"
    user.save(update_fields=["email_notifications"])
    messages.success(request, _("通知设置已保存。"))
    return redirect("inbox")


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    """handler404: an API path answers api.md's JSON 404 (a URL no route matches included), a page the
    portal's own."""
    if _is_api(request):
        return JsonResponse({"detail": _("未找到。")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """handler500: the API answers JSON; pages keep Django's plain 500 (it renders with no context)."""
    if _is_api(request):
        return JsonResponse({"detail": _("服务器内部错误。")}, status=500)
    return defaults.server_error(request)
