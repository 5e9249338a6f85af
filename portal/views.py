from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import announcements, auditfilters, exports, health, policy, selectors, services, workflow
from .dashboard import deadlines_for, tiles_for
from .roles import Role, has_role


def public_home(request):
    return render(request, "portal/public_home.html",
                  {"announcements": announcements.current_for(AnonymousUser()),
                   "policy": policy.wording(policy.policy_in_force(timezone.localdate()))})


def public_guides(request):
    """办事指南 (issue 18 point 4): one page per public service, generated from its declared workflow."""
    guides = [wf for wf in workflow.all_workflows() if wf.guide is not None]
    return render(request, "portal/guides.html", {"guides": guides, "crumbs": [(_("办事指南"), None)]})


def public_guide(request, kind):
    try:
        wf = workflow.get(kind)
    except KeyError:
        raise Http404 from None
    if wf.guide is None:
        raise Http404
    values = policy.wording(policy.policy_in_force(timezone.localdate()))
    conditions = [(article, str(text) % values if "%(" in str(text) else text) for article, text in wf.guide.conditions]
    return render(request, "portal/guide.html", {"wf": wf, "guide": wf.guide, "conditions": conditions,
                                                  "rows": wf.guide_rows(),
                                                  "crumbs": [(_("办事指南"), reverse("public-guides")), (wf.guide.title, None)]})


@login_required
def home(request):
    """The role's workbench (issue 20 point 5): tiles with counts, the user's next deadlines, new notices."""
    user = request.user
    return render(request, "portal/home.html", {
        "tiles": tiles_for(user),
        "deadlines": deadlines_for(user, timezone.localdate()),
        "notices": selectors.notifications_for(user).filter(read_at__isnull=True).order_by("-id")[:5],
        "announcements": announcements.current_for(user),  # 通知公告 (issue 23 point 3)
    })


@never_cache
def healthz(request):
    healthy, state = health.report()
    return JsonResponse(state, status=200 if healthy else 503)


@login_required
def audit_log(request):
    if not has_role(request.user, Role.AUDITOR, Role.BUREAU_OFFICER, Role.BUREAU_HEAD):
        raise PermissionDenied
    entries = selectors.audit_entries_visible_to(request.user).order_by("-timestamp", "-id")
    params = request.GET.copy()
    params.setdefault("person", params.get("actor", ""))  # the earlier ?actor=<username>
    form = auditfilters.AuditFilterForm(params, entries=entries)
    if form.is_valid():
        entries = auditfilters.filter_entries(entries, form.cleaned_data)
    else:
        entries = entries.none()
    export = request.GET.get("export")
    if export in ("xlsx", "csv"):
        rows = auditfilters.export_rows(entries)
        name = f"audit-log-{timezone.localdate():%Y%m%d}.{export}"
        if export == "xlsx":
            return exports.xlsx_response(name, auditfilters.HEADERS, rows, sheet_title=_("审计日志"))
        return exports.csv_response(name, auditfilters.HEADERS, rows)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = params.copy()
    for key in ("page", "export", "actor"):
        query.pop(key, None)
    return render(request, "portal/audit_log.html", {"page": page, "form": form, "query_string": query.urlencode(),
                                                     "crumbs": [(_("审计日志"), None)]})


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

