"""Pages: thin views that read through selectors and change state through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.activity import timeline_for
from portal.exports import xlsx_response
from portal.models import User
from portal.roles import Role, has_role, is_bureau
from portal.selectors import get_visible_or_404
from portal.uploads import serve_document
from portal.web import run_action

from . import clocks, forms, rules, selectors, services
from .models import (
    CaseKind,
    CaseNote,
    CaseNoteAttachment,
    DiscrepancyStatus,
    InformationRequest,
    InformationStatus,
    SavedSearch,
)
from .queue import QueueFilter, QueueRows, waiting_keys, work_queue
from .workflow import DISCREPANCY

PAGE_SIZE = 25
# The case page holds several forms (补正, decision, licence change, note): each has its own ids, so that
# every label names its own control (two fields are called "deadline").
DECISION_FORM_IDS = "decision_%s"
LICENCE_CHANGE_FORM_IDS = "licence_change_%s"


def _crumbs(*items):
    return [(_("待办"), reverse("casework:queue")), *items]


def _filters(request):
    form = forms.QueueFilterForm(request.GET or None)
    return form, QueueFilter(**form.cleaned_data) if form.is_valid() else QueueFilter()


@login_required
def queue(request):
    form, filters = _filters(request)
    rows = QueueRows(request.user, filters, today=timezone.localdate())  # a page read, not the whole queue
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    may_assign = bool(request.user.organisation_id) and has_role(request.user, *services.ASSIGNING_ROLES)
    colleagues = User.objects.filter(organisation_id=request.user.organisation_id, is_active=True).order_by("username")
    return render(request, "casework/queue.html", {
        "form": form, "page": page, "query_string": params.urlencode(), "today": timezone.localdate(),
        "may_assign": may_assign, "colleagues": colleagues if may_assign else [],
        "saved": selectors.saved_searches_of(request.user),
        "save_form": forms.SavedSearchForm(initial={"query": params.urlencode()}),
        "crumbs": _crumbs((_("工作队列"), None)),
    })


@login_required
def queue_export(request):
    _form, filters = _filters(request)
    items = work_queue(request.user, filters, today=timezone.localdate())
    rows = ([i.kind_display, i.reference, i.organisation, i.status, i.due_on, i.assignee] for i in items)
    headers = [_("类别"), _("编号"), _("单位"), _("状态"), _("截止日期"), _("承办人")]
    return xlsx_response("casework-queue.xlsx", headers, rows, sheet_title="queue")


@login_required
@require_POST
def assign(request):
    services.ensure_may_assign(request.user)  # a role that may not assign learns nothing from its form
    keys = request.POST.getlist("cases")
    assignee = None
    # "由我承办" (take) wins over the colleague chosen in the same form's list.
    if "take" not in request.POST and request.POST.get("assignee"):
        assignee = User.objects.filter(pk=request.POST["assignee"], organisation_id=request.user.organisation_id).first()
        if assignee is None:
            messages.error(request, _("只能指派给本单位的工作人员。"))
            return redirect(request.POST.get("next") or "casework:queue")
    run_action(request, lambda: services.assign_cases(keys, assignee, actor=request.user, today=timezone.localdate()),
         _("已指派 %(n)d 件。") % {"n": len(keys)})
    return redirect(request.POST.get("next") or "casework:queue")


@login_required
@require_POST
def save_search(request):
    form = forms.SavedSearchForm(request.POST)
    if form.is_valid():
        SavedSearch.objects.update_or_create(user=request.user, name=form.cleaned_data["name"],
                                             defaults={"query": form.cleaned_data["query"]})
        messages.success(request, _("已保存搜索。"))
    return redirect(reverse("casework:queue") + "?" + form.data.get("query", ""))


def _visible_case(request, kind: str, pk: int):
    """A case is visible to whom it waits for, to the bureau, and to whoever it was assigned to."""
    if kind not in CaseKind.values:
        raise Http404
    waiting = waiting_keys(request.user, [f"{kind}:{pk}"], today=timezone.localdate())
    asked = InformationRequest.objects.filter(kind=kind, object_id=pk, organisation_id=request.user.organisation_id)
    if f"{kind}:{pk}" not in waiting and not is_bureau(request.user) and not asked.exists():
        raise Http404
    try:
        return services.case_object(kind, pk)
    except ObjectDoesNotExist:
        raise Http404 from None


def render_case(request, kind: str, pk: int, *, subject=None, status: int = 200, **forms_in):
    """The case page; a view that refused a form passes it back bound, so what was typed stays."""
    subject = subject or _visible_case(request, kind, pk)
    enterprise_view = has_role(request.user, Role.ENTERPRISE_USER)
    notes = CaseNote.objects.filter(kind=kind, object_id=pk).select_related("author").prefetch_related("attachments")
    if enterprise_view:
        notes = notes.filter(internal=False)
    decision_kinds = rules.decision_kinds_for(kind)
    if kind == CaseKind.LICENCE:  # only the decisions whose declared action is open in the licence's state
        from traceability.lifecycle import decision_kinds_open

        decision_kinds = decision_kinds_open(subject, decision_kinds)
    information = InformationRequest.objects.filter(kind=kind, object_id=pk)
    context = {
        "kind": kind, "kind_display": CaseKind(kind).label, "pk": pk, "subject": subject,
        "clocks": clocks.clocks_of(subject, open_only=False),
        "notes": notes, "information": information,
        # One 补正 at a time (the service refuses a second): the form returns once it is answered.
        "information_open": any(r.status == InformationStatus.OPEN for r in information),
        "timeline": timeline_for(subject, include_internal=not enterprise_view),
        "note_form": forms.NoteForm(auto_id="note_%s"), "information_form": forms.InformationForm(auto_id="information_%s"),
        "answer_form": forms.AnswerForm(auto_id="answer_%s"),
        "resolve_form": forms.ResolveDiscrepancyForm(auto_id="resolve_%s"),
        "decision_form": forms.DecisionForm(kinds=decision_kinds, auto_id=DECISION_FORM_IDS),
        "may_request": is_bureau(request.user), "enterprise_view": enterprise_view,
        "may_prepare": has_role(request.user, Role.BUREAU_OFFICER) and bool(decision_kinds),
        "decisions": selectors.decisions_of_case(kind, pk) if not enterprise_view else [],
        "crumbs": _crumbs((CaseKind(kind).label, None), (str(subject), None)),
    }
    if kind == CaseKind.LICENCE:
        from traceability.lifecycle import direct_changes_allowed, versions_of

        context["licence_versions"] = versions_of(subject)
        # the direct changes (reinstate, surrender) the declaration allows the user now; none: no form
        context["licence_changes"] = direct_changes_allowed(subject, request.user, timezone.localdate())
        context["licence_change_form"] = forms.LicenceChangeForm(changes=context["licence_changes"],
                                                                 auto_id=LICENCE_CHANGE_FORM_IDS)
    context.update(forms_in)
    return render(request, "casework/case_detail.html", context, status=status)


@login_required
def case_detail(request, kind: str, pk: int):
    return render_case(request, kind, pk)


@login_required
@require_POST
def add_note(request, kind: str, pk: int):
    _visible_case(request, kind, pk)
    form = forms.NoteForm(request.POST, request.FILES)
    if form.is_valid():
        run_action(request, lambda: services.add_note(
            kind, pk, actor=request.user, today=timezone.localdate(), text=form.cleaned_data["text"],
            internal=form.cleaned_data["internal"], files=request.FILES.getlist("files")), _("已添加备注。"))
    else:
        messages.error(request, _("请填写备注内容。"))
    return redirect("casework:case-detail", kind=kind, pk=pk)


@login_required
@require_POST
def request_information(request, kind: str, pk: int):
    _visible_case(request, kind, pk)
    form = forms.InformationForm(request.POST)
    if form.is_valid():
        run_action(request, lambda: services.request_information(
            kind, pk, actor=request.user, today=timezone.localdate(), items=form.cleaned_data["items"],
            deadline=form.cleaned_data["deadline"]), _("已发出补正通知，期限已暂停。"))
    else:
        messages.error(request, _("请填写补正事项和期限。"))
    return redirect("casework:case-detail", kind=kind, pk=pk)


@login_required
@require_POST
def answer_information(request, pk: int):
    info = get_visible_or_404(InformationRequest.objects.filter(organisation_id=request.user.organisation_id), pk=pk)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        run_action(request, lambda: services.answer_information(info, actor=request.user, today=timezone.localdate(),
                                                          answer=form.cleaned_data["answer"]), _("已提交补正。"))
    return redirect("casework:queue")


@login_required
@require_POST
def resolve_discrepancy(request, pk: int):
    discrepancy = get_visible_or_404(selectors.discrepancies_visible_to(request.user), pk=pk)
    may, _refused = DISCREPANCY.refusals(discrepancy, "resolve", request.user, timezone.localdate())
    if not may:  # not the agency the finding names: refused before the body is read
        raise PermissionDenied
    form = forms.ResolveDiscrepancyForm(request.POST, auto_id="resolve_%s")
    if form.is_valid():
        run_action(request, lambda: services.resolve_discrepancy(
            discrepancy, actor=request.user, today=timezone.localdate(), resolution=form.cleaned_data["resolution"]),
            _("已记录核查处理情况。"), form=form)
        if not form.errors:
            return redirect("casework:case-detail", kind=CaseKind.DISCREPANCY, pk=pk)
    return render_case(request, CaseKind.DISCREPANCY, pk, subject=discrepancy, status=400, resolve_form=form)


@login_required
def note_attachment(request, pk: int):
    attachment = get_visible_or_404(CaseNoteAttachment.objects.select_related("note"), pk=pk)
    note = attachment.note
    if note.internal and not is_bureau(request.user):
        raise Http404
    _visible_case(request, note.kind, note.object_id)
    return serve_document(attachment)


@login_required
def clock_detail(request, pk: int):
    clock = get_visible_or_404(selectors.clocks_visible_to(request.user).prefetch_related("pauses"), pk=pk)
    return render(request, "casework/clock_detail.html", {
        "clock": clock, "explained": selectors.explain_clock(clock),
        "crumbs": _crumbs((_("期限"), None), (clock.label, None)),
    })


@login_required
def discrepancy_list(request):
    qs = selectors.discrepancies_visible_to(request.user)
    if not (is_bureau(request.user) or has_role(request.user, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER,
                                                 Role.INSPECTOR, Role.AUDITOR)):
        raise PermissionDenied
    if status := request.GET.get("status"):
        qs = qs.filter(status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/discrepancy_list.html", {
        "page": page, "query_string": f"status={status}" if status else "",
        "statuses": DiscrepancyStatus.choices, "crumbs": _crumbs((_("跨部门数据不一致"), None)),
    })
