"""Pages of the joint meeting (实施方案四(一)): meetings with their agenda, decisions and signed minutes;
each agency's tasks. Thin: parse, call a selector or service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import workflow
from portal.activity import timeline_for
from portal.pdf import pdf_response
from portal.roles import is_bureau
from portal.selectors import get_visible_or_404
from portal.web import run_action

from . import agenda, forms, selectors, services
from .models import Agency, TaskStatus

PAGE_SIZE = 25


def _member(request):
    if not selectors.is_member(request.user):
        raise PermissionDenied


def _crumbs(*more):
    return [(_("联席会议"), reverse("supervision:meeting-list")), *more]


@login_required
def meeting_list(request):
    _member(request)
    if request.method == "POST" and not is_bureau(request.user):
        raise PermissionDenied  # the bureau convenes
    form = forms.MeetingForm(request.POST or None) if is_bureau(request.user) else None
    if form is not None and request.method == "POST" and form.is_valid():
        made = {}
        if run_action(request, lambda: made.setdefault("m", services.convene(
                **form.cleaned_data, actor=request.user, today=timezone.localdate())), _("会议已筹备，议程已生成。"),
                form=form):
            return redirect("supervision:meeting-detail", pk=made["m"].pk)
    page = Paginator(selectors.meetings_visible_to(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "supervision/meetings/meeting_list.html", {
        "page": page, "form": form, "crumbs": [(_("联席会议"), None)],
    }, status=400 if form is not None and form.errors else 200)


@login_required
def meeting_detail(request, pk):
    _member(request)
    meeting = get_visible_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    if request.method == "POST" and not is_bureau(request.user):
        raise PermissionDenied  # the meeting's record is the bureau's; police and customs answer their tasks
    today = timezone.localdate()
    action = request.POST.get("action", "") if request.method == "POST" else ""
    hold_form = forms.HoldForm(request.POST if action == "hold" else None)
    decision_form = forms.DecisionForm(request.POST if action == "add_decision" else None, meeting=meeting)
    if action == "refresh_agenda":
        run_action(request, lambda: services.refresh_agenda(meeting, actor=request.user, today=today), _("议程已更新。"))
        return redirect("supervision:meeting-detail", pk=pk)
    if action == "hold" and hold_form.is_valid():
        if run_action(request, lambda: services.hold(meeting, actor=request.user, today=today,
                                                     **hold_form.cleaned_data), _("已记录会议召开。"), form=hold_form):
            return redirect("supervision:meeting-detail", pk=pk)
    if action == "add_decision" and decision_form.is_valid():
        if run_action(request, lambda: services.add_decision(meeting, actor=request.user, today=today,
                                                             **decision_form.cleaned_data),
                      _("议定事项已记录并交办牵头部门。"), form=decision_form):
            return redirect("supervision:meeting-detail", pk=pk)
    if action == "sign_minutes":
        if not workflow.confirmed("joint_meeting", action, request.POST):
            messages.error(request, _("请先勾选确认。"))
        else:
            run_action(request, lambda: services.sign_minutes(meeting, actor=request.user, today=today),
                       _("会议纪要已签发。"))
        return redirect("supervision:meeting-detail", pk=pk)
    agenda_items = [(item, agenda.source_label(item.source)) for item in meeting.agenda.all()]
    return render(request, "supervision/meetings/meeting_detail.html", {
        "meeting": meeting, "agenda_items": agenda_items,
        "tasks": meeting.tasks.select_related("agenda_item", "done_by").order_by("id"),
        "hold_form": hold_form, "decision_form": decision_form, "today": today,
        "timeline": timeline_for(meeting, include_internal=True),
        "crumbs": _crumbs((meeting.number, None)),
    }, status=400 if hold_form.errors or decision_form.errors else 200)


@login_required
def meeting_minutes(request, pk):
    _member(request)
    meeting = get_visible_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    if not meeting.minutes_sha256:
        raise Http404
    return pdf_response(bytes(meeting.minutes_pdf), f"joint-meeting-minutes-{meeting.pk}.pdf")


@login_required
def task_list(request):
    _member(request)
    status = request.GET.get("status", "")
    qs = selectors.tasks_visible_to(request.user)
    if status in TaskStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "supervision/meetings/task_list.html", {
        "page": page, "status": status, "statuses": TaskStatus.choices, "today": timezone.localdate(),
        "query_string": f"status={status}" if status else "",
        "crumbs": _crumbs((_("交办事项"), None)),
    })


@login_required
def task_detail(request, pk):
    _member(request)
    task = get_visible_or_404(selectors.tasks_visible_to(request.user).select_related("agenda_item", "done_by"), pk=pk)
    today = timezone.localdate()
    form = forms.TaskDoneForm(request.POST if request.POST.get("action") == "complete" else None)
    if request.method == "POST" and request.POST.get("action") == "complete":
        if not workflow.confirmed("meeting_task", "complete", request.POST):
            messages.error(request, _("请先勾选确认。"))
        elif form.is_valid() and run_action(request, lambda: services.complete_task(
                task, outcome=form.cleaned_data["outcome"], actor=request.user, today=today),
                _("交办事项已办结。"), form=form):
            return redirect("supervision:meeting-task", pk=pk)
    return render(request, "supervision/meetings/task_detail.html", {
        "task": task, "form": form, "today": today, "agency_label": Agency(task.agency).label,
        "timeline": timeline_for(task, include_internal=True),
        "crumbs": _crumbs((_("交办事项"), reverse("supervision:meeting-task-list")), (task.meeting.number, None)),
    }, status=400 if form.errors else 200)
