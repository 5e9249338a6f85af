"""Pages: the public complaint form and policy pages, complaint handling, statistics. Thin: parse,
call a selector or service, render."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.activity import timeline_for
from portal.audit import record_read
from portal.exports import csv_response, xlsx_response
from portal.models import Organisation, PilotStatus
from portal.official import official_document
from portal.pdf import pdf_response, render_pdf
from portal.roles import BUREAU_ROLES, Role, has_role, is_bureau
from portal.selectors import get_visible_or_404
from portal.uploads import serve_document
from portal.web import add_validation_errors, run_action

from . import documents, forms, rules, selectors, services, statistics
from .models import ComplaintCategory, ComplaintStatus, Severity
from .workflow import COMPLAINT

# --- Public ----------------------------------------------------------------------------------


def complaint_new(request):
    form = forms.ComplaintForm(request.POST or None, request.FILES or None, initial={"vin": request.GET.get("vin", "")})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "attachments"}
        try:
            complaint = services.lodge_complaint(
                **data, attachments=form.cleaned_data["attachments"], today=timezone.localdate()
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            return redirect(reverse("supervision:complaint-status") + f"?number={complaint.number}&new=1")
    return render(request, "supervision/complaint_form.html", {
        "form": form, "crumbs": [(_("投诉"), None)],
    })


def complaint_status(request):
    number = request.GET.get("number", "").strip()
    complaint = None
    if number:
        try:
            complaint = selectors.public_complaint(number)
        except Http404:
            messages.error(request, _("未找到该投诉编号。"))
    return render(request, "supervision/complaint_status.html", {
        "complaint": complaint, "number": number, "new": request.GET.get("new") == "1",
        "crumbs": [(_("投诉"), reverse("supervision:complaint-new")), (_("投诉办理进度"), None)],
    })


def policy_document(request, slug):
    document = documents.DOCUMENTS.get(slug)
    if document is None:
        raise Http404
    return render(request, "supervision/policy_document.html", {
        "document": document, "paragraphs": documents.load(slug), "documents": documents.DOCUMENTS.values(),
        "crumbs": [(_("政策文件"), None), (document.title, None)],
    })


def pilot_enterprises(request):
    """Public list of pilot enterprises and of those whose status was revoked or who exited."""
    orgs = Organisation.objects.filter(designated_on__isnull=False).exclude(pilot_status=PilotStatus.NONE).only(
        "name", "uscc", "pilot_status", "designated_on", "pilot_status_changed_on"
    ).order_by("pilot_status", "designated_on", "name")
    return render(request, "supervision/pilot_enterprises.html", {
        "designated": [o for o in orgs if o.pilot_status in (PilotStatus.DESIGNATED, PilotStatus.SUSPENDED)],
        "ended": [o for o in orgs if o.pilot_status in (PilotStatus.REVOKED, PilotStatus.EXITED)],
        "crumbs": [(_("试点企业名单"), None)],
    })


# --- Complaint handling (bureau; enterprises for those assigned to them) --------------------------


def _complaint_user(request):
    if not has_role(request.user, *BUREAU_ROLES, Role.ENTERPRISE_USER):
        raise PermissionDenied


@login_required
def complaint_list(request):
    _complaint_user(request)
    filters = {k: request.GET.get(k, "").strip() for k in ("q", "status", "severity", "category")}
    complaints = selectors.search_complaints(selectors.complaints_visible_to(request.user), **filters)
    page = Paginator(complaints, 25).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return render(request, "supervision/complaint_list.html", {
        "page": page, "filters": filters, "query_string": query, "show_contact": selectors.may_see_contact_details(
            request.user), "statuses": ComplaintStatus.choices, "severities": Severity.choices,
        "categories": ComplaintCategory.choices, "today": timezone.localdate(),
        "crumbs": [(_("投诉处理"), None)],
    })


ACTIONS = {
    # action: (form, service call); who may take it, and when, is declared in supervision.workflow.
    "triage": (forms.TriageForm, lambda c, d, **kw: services.triage_complaint(c, d["severity"], note=d["note"], **kw)),
    "assign": (forms.AssignForm, lambda c, d, **kw: services.assign_complaint(
        c, working_days=d["working_days"], note=d["note"], **kw)),
    "answer": (forms.AnswerForm, lambda c, d, **kw: services.answer_complaint(c, d["answer"], **kw)),
    "close": (forms.CloseForm, lambda c, d, **kw: services.close_complaint(c, d["outcome"], **kw)),
    "request_revocation": (forms.RevocationForm, lambda c, d, **kw: services.request_revocation(
        c, d["ground"], reason=d["reason"], **kw)),
}


def _action_forms(request, complaint, bound=None):
    """The forms of exactly the actions the declaration allows this user now."""
    allowed = COMPLAINT.allowed_codes(complaint, request.user, timezone.localdate())
    return [bound if bound is not None and bound[0] == action else (action, ACTIONS[action][0](auto_id=f"id_{action}_%s"))
            for action in ACTIONS if action in allowed]


@login_required
def complaint_detail(request, pk):
    _complaint_user(request)
    complaint = selectors.get_complaint_for(request.user, pk)
    record_read(request.user, complaint)  # issue 22 point 6: reads of complaints are audited
    return _render_detail(request, complaint)


def _render_detail(request, complaint, bound=None, status=200):
    return render(request, "supervision/complaint_detail.html", {
        "complaint": complaint,
        "show_contact": selectors.may_see_contact_details(request.user),
        "attachments": complaint.attachments.all(),
        "action_forms": _action_forms(request, complaint, bound),
        "timeline": timeline_for(complaint, include_internal=is_bureau(request.user)),
        "overdue": rules.is_answer_overdue(complaint.due_on, complaint.answered_on, timezone.localdate()),
        "crumbs": [(_("投诉处理"), reverse("supervision:complaint-list")), (complaint.number, None)],
    }, status=status)


@login_required
@require_POST
def complaint_action(request, pk, action):
    _complaint_user(request)
    if action not in ACTIONS:
        raise Http404
    form_class, call = ACTIONS[action]
    complaint = selectors.get_complaint_for(request.user, pk)
    if not COMPLAINT.action(action).takes_role(request.user):
        raise PermissionDenied
    form = form_class(request.POST, auto_id=f"id_{action}_%s")
    if form.is_valid():
        run_action(request, lambda: call(complaint, form.cleaned_data, actor=request.user,
                                         today=timezone.localdate()), _("已保存。"), form=form)
        if not form.errors:  # done, or refused by the rules: the detail page shows the messages
            return redirect("supervision:complaint-detail", pk=pk)
    return _render_detail(request, complaint, bound=(action, form), status=400)


@login_required
def complaint_attachment(request, pk, attachment_id):
    _complaint_user(request)
    complaint = selectors.get_complaint_for(request.user, pk)
    return serve_document(get_visible_or_404(complaint.attachments.all(), pk=attachment_id))


# --- Statistics (bureau) ----------------------------------------------------------------------


def _bureau(request):
    if not is_bureau(request.user):
        raise PermissionDenied


def _period(request) -> tuple[forms.PeriodForm, statistics.Period]:
    today = timezone.localdate()
    form = forms.PeriodForm(request.GET or None)
    start, end = date(today.year, 1, 1), today
    if form.is_valid():
        bounds = rules.quarter_bounds(form.cleaned_data.get("quarter") or "")
        if bounds:
            start, end = bounds
        else:
            start = form.cleaned_data.get("start") or start
            end = form.cleaned_data.get("end") or end
    return form, statistics.Period(start, end)


@login_required
def statistics_page(request):
    _bureau(request)
    form, period = _period(request)
    report = statistics.build_report(period, timezone.localdate())
    return render(request, "supervision/statistics.html", {
        "form": form, "period": period, "report": report, "tables": statistics.tables(report),
        "query_string": request.GET.urlencode(), "current_quarter": rules.quarter_of(timezone.localdate()),
        "crumbs": [(_("统计分析"), None)],
    })


@login_required
def statistics_export(request):
    _bureau(request)
    _form, period = _period(request)
    report = statistics.build_report(period, timezone.localdate())
    tables = {t.key: t for t in statistics.tables(report)}
    table = tables.get(request.GET.get("table", "month"))
    if table is None:
        raise Http404
    filename = f"statistics-{table.key}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if request.GET.get("format") == "csv":
        return csv_response(filename + ".csv", table.headers, table.rows)
    return xlsx_response(filename + ".xlsx", table.headers, table.rows, sheet_title=table.key)


QUARTERLY_REPORT_PREFIX = "并商务统"


@login_required
def quarterly_report(request):
    _bureau(request)
    today = timezone.localdate()
    quarter = request.GET.get("quarter") or rules.quarter_of(today)
    bounds = rules.quarter_bounds(quarter)
    if bounds is None:
        raise Http404
    period = statistics.Period(*bounds)
    report = statistics.build_report(period, today)
    year, number = period.end.year, (period.end.month - 1) // 3 + 1
    pdf = render_pdf("supervision/pdf/quarterly_report.html", {
        "quarter": quarter.upper(), "report": report, "tables": statistics.tables(report), "today": today,
        "issuing_authority": settings.PORTAL["ISSUING_AUTHORITY"],
        # GB/T 9704 (issue 20): 发文字号 from the year and the quarter's number.
        "official": official_document(
            number=f"{QUARTERLY_REPORT_PREFIX}〔{year}〕{number}号",
            title=_("太原市二手车出口业务季度评估报告"), date=today,
            subtitle=_("（%(year)s年第%(q)s季度）") % {"year": year, "q": "一二三四"[number - 1]}),
    })
    return pdf_response(pdf, f"quarterly-evaluation-{quarter.upper()}.pdf", inline=False)
