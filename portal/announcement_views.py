"""通知公告 pages (issue 23 point 3): the list (public, and for signed-in users their audiences'), the
detail (a read receipt for enterprise users; the retraction notice in place of a retracted text), and
the bureau's writing, publishing and retracting. Thin: parse, call portal.announcements, render."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import announcements, workflow
from .announcement_models import AnnouncementStatus, Audience
from .announcements_workflow import ANNOUNCEMENT
from .roles import is_bureau
from .web import run_action


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("标题"), max_length=announcements.TITLE_MAX)
    audience = forms.ChoiceField(label=gettext_lazy("发布范围"), choices=Audience.choices)
    body = forms.CharField(label=gettext_lazy("正文"), max_length=announcements.BODY_MAX,
                           widget=forms.Textarea(attrs={"rows": 10}))


class RetractForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("撤回理由（将公开显示）"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


def _crumbs(*more):
    return [(_("通知公告"), reverse("public-announcements")), *more]


def announcement_list(request):
    items = announcements.announcements_visible_to(request.user).order_by("status", "-published_on", "-id") \
        if is_bureau(request.user) else announcements.announcements_visible_to(request.user)
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    return render(request, "portal/announcement_list.html", {
        "page": page, "may_write": is_bureau(request.user), "crumbs": [(_("通知公告"), None)],
    })


def announcement_detail(request, pk):
    announcement = announcements.get_announcement_for(request.user, pk)
    return _render_detail(request, announcement)


def _render_detail(request, announcement, *, retract_form=None, status=200):
    if request.user.is_authenticated:
        announcements.record_read(announcement, request.user)
    bureau = is_bureau(request.user)
    rows = announcements.receipts(announcement) if bureau and announcement.status != AnnouncementStatus.DRAFT else []
    return render(request, "portal/announcement_detail.html", {
        "announcement": announcement, "retract_form": retract_form or RetractForm(),
        "receipts": rows, "bureau": bureau, "read_count": sum(1 for r in rows if r["read_at"]),
        "crumbs": _crumbs((announcement.title, None)),
    }, status=status)


def _bureau(request):
    if not is_bureau(request.user):
        raise PermissionDenied


@login_required
def announcement_new(request):
    _bureau(request)
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}

        def create():
            created["a"] = announcements.create_announcement(**form.cleaned_data, actor=request.user,
                                                             today=timezone.localdate())

        if run_action(request, create, _("草稿已保存。"), form=form):
            return redirect("public-announcement", pk=created["a"].pk)
    return render(request, "portal/announcement_form.html", {
        "form": form, "crumbs": _crumbs((_("新建通知公告"), None)),
    }, status=400 if form.errors else 200)


@login_required
def announcement_edit(request, pk):
    _bureau(request)
    announcement = announcements.get_announcement_for(request.user, pk)
    if "edit" not in ANNOUNCEMENT.allowed_codes(announcement, request.user, timezone.localdate()):
        raise Http404
    initial = {"title": announcement.title, "audience": announcement.audience, "body": announcement.body}
    form = AnnouncementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_action(request, lambda: announcements.edit_announcement(
                announcement, **form.cleaned_data, actor=request.user, today=timezone.localdate()),
                _("草稿已保存。"), form=form):
            return redirect("public-announcement", pk=pk)
    return render(request, "portal/announcement_form.html", {
        "form": form, "announcement": announcement,
        "crumbs": _crumbs((announcement.title, reverse("public-announcement", args=[pk])), (_("修改草稿"), None)),
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def announcement_publish(request, pk):
    _bureau(request)
    announcement = announcements.get_announcement_for(request.user, pk)
    if not workflow.confirmed("announcement", "publish", request.POST):
        messages.error(request, _("请先勾选确认。"))
        return redirect("public-announcement", pk=pk)
    run_action(request, lambda: announcements.publish_announcement(
        announcement, actor=request.user, today=timezone.localdate()), _("已发布，已通知发布范围内的企业用户。"))
    return redirect("public-announcement", pk=pk)


@login_required
@require_POST
def announcement_retract(request, pk):
    _bureau(request)
    announcement = announcements.get_announcement_for(request.user, pk)
    form = RetractForm(request.POST)
    if not workflow.confirmed("announcement", "retract", request.POST):
        form.add_error(None, _("请先勾选确认。"))
    if form.is_valid() and run_action(request, lambda: announcements.retract_announcement(
            announcement, reason=form.cleaned_data["reason"], actor=request.user, today=timezone.localdate()),
            _("已撤回，撤回说明已公开。"), form=form):
        return redirect("public-announcement", pk=pk)
    if not form.errors:  # refused by the rules: the messages say why
        return redirect("public-announcement", pk=pk)
    return _render_detail(request, announcement, retract_form=form, status=400)

