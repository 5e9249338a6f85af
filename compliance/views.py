"""Pages: thin views that read through selectors and change state through services."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal import workflow
from portal.activity import timeline_for
from portal.errors import RuleRefused
from portal.exports import xlsx_response
from portal.roles import Role, has_role, is_bureau
from portal.selectors import get_visible_or_404
from portal.uploads import serve_document
from portal.web import refusal_text, run_action

from . import forms, rules, selectors, services, workflows
from .models import CaseStatus, NetworkEvidence, RectificationEvidence, ReportStatus, RuleCode
from .workflow import decided_decision, pending_decision

PAGE_SIZE = 25
SORTS = {
    "name": "name", "-name": "-name", "overdue": "overdue_count", "-overdue": "-overdue_count",
    "open": "open_count", "-open": "-open_count", "due": "next_due", "-due": "-next_due",
}


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_string(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _crumbs(*items):
    """Breadcrumbs under 合规: (label, url_name or None) pairs."""
    return [(_("合规"), reverse("compliance:dashboard"))] + [
        (label, reverse(name) if name else None) for label, name in items
    ]


def _with_days_left(page, today):
    for obligation in page:
        obligation.days_left = rules.days_left(obligation.due_on, today)
    return page


def _confirmed(request, kind: str, code: str) -> bool:
    """An action declared confirm=True runs only with the page's "不可修改" box ticked."""
    if workflow.confirmed(kind, code, request.POST):
        return True
    messages.error(request, _("此操作提交后不可修改，请勾选确认后再提交。"))
    return False


def _require_reader(user) -> None:
    if not selectors.may_read_compliance(user):
        raise PermissionDenied


# --- dashboards and lists -------------------------------------------------------------------------


@login_required
def dashboard(request):
    _require_reader(request.user)
    today = timezone.localdate()
    if not is_bureau(request.user):
        obligations = selectors.obligations_visible_to(request.user).exclude(status="met").order_by("due_on", "id")
        return render(request, "compliance/dashboard_enterprise.html", {
            "page": _with_days_left(_page(request, obligations), today), "today": today,
            "query_string": _query_string(request), "crumbs": [(_("我的义务"), None)],
        })
    sort = request.GET.get("sort", "-overdue")
    overview = selectors.enterprise_overview(request.user).order_by(SORTS.get(sort, "-overdue_count"), "name")
    q = request.GET.get("q", "").strip()
    if q:
        overview = overview.filter(Q(name__icontains=q) | Q(uscc__icontains=q))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "compliance-overview.xlsx",
            [_("企业"), _("统一社会信用代码"), _("试点状态"), _("未到期义务"), _("逾期义务"), _("最近截止日期"), _("剩余天数")],
            ([e.name, e.uscc, e.get_pilot_status_display(), e.open_count, e.overdue_count, e.next_due,
              rules.days_left(e.next_due, today) if e.next_due else None] for e in overview),
            sheet_title="compliance",
        )
    page = _page(request, overview)
    for enterprise in page:
        enterprise.days_left = rules.days_left(enterprise.next_due, today) if enterprise.next_due else None
    last_run = selectors.last_run()
    return render(request, "compliance/dashboard_bureau.html", {
        "page": page, "sort": sort, "q": q, "today": today, "last_run": last_run,
        "query_string": _query_string(request), "crumbs": [(_("合规监管"), None)],
    })


@login_required
def obligation_list(request):
    _require_reader(request.user)
    form = forms.ObligationFilterForm(request.GET or None)
    qs = selectors.obligations_visible_to(request.user).order_by("due_on", "id")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(enterprise__name__icontains=data["q"]) | Q(vehicle__vin__icontains=data["q"]))
        if data["rule"]:
            qs = qs.filter(rule=data["rule"])
        if data["status"]:
            qs = qs.filter(status=data["status"])
    return render(request, "compliance/obligation_list.html", {
        "form": form, "page": _with_days_left(_page(request, qs), timezone.localdate()),
        "query_string": _query_string(request), "crumbs": _crumbs((_("义务"), None)),
    })


@login_required
def violation_list(request):
    _require_reader(request.user)
    qs = selectors.violations_visible_to(request.user).order_by("-overdue_since", "-id")
    rule = request.GET.get("rule", "")
    if rule:
        qs = qs.filter(rule=rule)
    return render(request, "compliance/violation_list.html", {
        "page": _page(request, qs), "rule": rule, "rules": RuleCode.choices, "query_string": _query_string(request),
        "crumbs": _crumbs((_("违规记录"), None)),
    })


# --- 第八条 networks ----------------------------------------------------------------------------------


@login_required
def network_list(request):
    _require_reader(request.user)
    qs = selectors.network_reports_visible_to(request.user)
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    return render(request, "compliance/network_list.html", {
        "page": _page(request, qs), "status": status, "statuses": ReportStatus.choices, "query_string": _query_string(request),
        "crumbs": _crumbs((_("网络建设报告"), None)), "perms_enterprise": has_role(request.user, Role.ENTERPRISE_USER),
    })


@login_required
def network_new(request):
    if not has_role(request.user, Role.ENTERPRISE_USER) or not request.user.organisation:
        raise PermissionDenied
    form = forms.NetworkReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = workflows.submit_network_report(
                request.user.organisation, actor=request.user, today=timezone.localdate(),
                evidence=form.cleaned_data.pop("evidence"), **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error("evidence", exc.message_dict.get("evidence", exc.messages))
        else:
            messages.success(request, _("报告已报送，等待市商务局审核。"))
            return redirect("compliance:network-detail", report.pk)
    return render(request, "compliance/form.html", {
        "form": form, "title": _("报送网络建设情况"), "multipart": True,
        "crumbs": _crumbs((_("网络建设报告"), "compliance:network-list"), (_("报送"), None)),
    })


@login_required
def network_detail(request, pk):
    report = get_visible_or_404(selectors.network_reports_visible_to(request.user), pk=pk)
    if request.method == "POST":
        form = forms.DecisionForm(request.POST)
        if form.is_valid():
            accept = request.POST.get("decision") == "accept"
            run_action(request, lambda: workflows.decide_network_report(
                report, actor=request.user, today=timezone.localdate(), accept=accept, note=form.cleaned_data["note"]),
                _("已认可。") if accept else _("已退回。"))
        return redirect("compliance:network-detail", pk)
    return render(request, "compliance/network_detail.html", {
        "report": report, "evidence": report.evidence.all(), "form": forms.DecisionForm(),
        "timeline": timeline_for(report),
        "crumbs": _crumbs((_("网络建设报告"), "compliance:network-list"), (report.get_kind_display(), None)),
        "can_decide": is_bureau(request.user) and report.status == "submitted",
    })


@login_required
def evidence_download(request, kind, pk):
    if kind == "network":
        doc = get_visible_or_404(NetworkEvidence.objects.filter(
            report__in=selectors.network_reports_visible_to(request.user)), pk=pk)
    else:
        doc = get_visible_or_404(RectificationEvidence.objects.filter(
            order__in=selectors.rectification_orders_visible_to(request.user)), pk=pk)
    return serve_document(doc)


# --- 第十二条第6项 rectification -------------------------------------------------------------------


@login_required
def rectification_list(request):
    _require_reader(request.user)
    return render(request, "compliance/rectification_list.html", {
        "page": _page(request, selectors.rectification_orders_visible_to(request.user)),
        "query_string": _query_string(request), "is_bureau": is_bureau(request.user),
        "crumbs": _crumbs((_("整改通知"), None)),
    })


@login_required
def rectification_new(request):
    if not is_bureau(request.user):
        raise PermissionDenied
    form = forms.RectificationForm(request.POST or None, initial={"enterprise": request.GET.get("enterprise")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = workflows.prepare_rectification(
                data["enterprise"], actor=request.user, today=timezone.localdate(), reasons=data["reasons"],
                deadline=data["deadline"])
        except RuleRefused as exc:
            form.add_error("deadline", exc.as_dict()["reasons"][0]["message"])
        else:
            messages.success(request, _("整改通知已拟办，等待负责人签发。"))
            return redirect("compliance:rectification-detail", order.pk)
    return render(request, "compliance/form.html", {
        "form": form, "title": _("拟办整改通知"),
        "crumbs": _crumbs((_("整改通知"), "compliance:rectification-list"), (_("拟办"), None)),
    })


@login_required
def rectification_detail(request, pk):
    order = get_visible_or_404(selectors.rectification_orders_visible_to(request.user), pk=pk)
    today = timezone.localdate()
    answer_form = forms.RectificationAnswerForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "authorise":
            if _confirmed(request, "rectification", "authorise"):
                run_action(request, lambda: workflows.authorise_rectification(order, actor=request.user, today=today),
                           _("整改通知已签发。"))
        elif action in ("accept", "reject"):
            note = request.POST.get("note", "")
            run_action(request, lambda: workflows.decide_rectification(
                order, actor=request.user, today=today, accept=action == "accept", note=note), _("已审核。"))
        elif action == "answer":
            answer_form = forms.RectificationAnswerForm(request.POST, request.FILES)
            if answer_form.is_valid() and run_action(request, lambda: workflows.answer_rectification(
                    order, actor=request.user, today=today, answer=answer_form.cleaned_data["answer"],
                    evidence=answer_form.cleaned_data["evidence"]), _("整改情况已报送。")):
                return redirect("compliance:rectification-detail", pk)
            if not answer_form.errors:
                return redirect("compliance:rectification-detail", pk)
        if action != "answer":
            return redirect("compliance:rectification-detail", pk)
    user = request.user
    # The buttons are the declaration's allowed actions ({% allowed_actions "rectification" order %}).
    return render(request, "compliance/rectification_detail.html", {
        "order": order, "evidence": order.evidence.all(), "answer_form": answer_form,
        "timeline": timeline_for(order, include_internal=is_bureau(user)),
        "crumbs": _crumbs((_("整改通知"), "compliance:rectification-list"), (order.enterprise.name, None)),
    })


# --- 第十二条 revocation ------------------------------------------------------------------------------


@login_required
def case_list(request):
    _require_reader(request.user)
    qs = selectors.cases_visible_to(request.user)
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    return render(request, "compliance/case_list.html", {
        "page": _page(request, qs), "status": status, "statuses": CaseStatus.choices,
        "query_string": _query_string(request), "is_bureau": is_bureau(request.user),
        "crumbs": _crumbs((_("取消资格案件"), None)),
    })


@login_required
def case_new(request):
    if not is_bureau(request.user):
        raise PermissionDenied
    form = forms.CaseForm(request.POST or None, initial={"enterprise": request.GET.get("enterprise"),
                                                         "ground": request.GET.get("ground")})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.open_revocation_case(data["enterprise"], data["ground"], actor=request.user,
                                                 today=timezone.localdate(), reason=data["reason"])
        except RuleRefused as exc:  # 第十二条第2、6项: not yet (409, the rule named next to the ground)
            for reason in exc.as_dict()["reasons"]:
                form.add_error("ground", refusal_text(reason))
            status = 409
        else:
            messages.success(request, _("已立案并告知企业。"))
            return redirect("compliance:case-detail", case.pk)
    return render(request, "compliance/form.html", {
        "form": form, "title": _("立案：取消试点资格"),
        "crumbs": _crumbs((_("取消资格案件"), "compliance:case-list"), (_("立案"), None)),
    }, status=status)


def _decision_links(case_kind: str, obj, user) -> dict:
    """Where the officer prepares the decision (casework's case page) and where the head authorises
    the prepared one: the only route of a countersigned decision (domain-rules v1.1)."""
    pending = pending_decision(case_kind, obj) if is_bureau(user) else None
    return {
        "prepare_url": reverse("casework:case-detail", args=[case_kind, obj.pk]),
        "pending_decision": pending,
        "pending_url": reverse("casework:decision-detail", args=[pending.pk]) if pending else "",
    }


@login_required
def case_detail(request, pk):
    """The case and the actions its declaration allows the user now (compliance.workflow.REVOCATION):
    the enterprise's statement, publication; the decision itself only through casework."""
    case = get_visible_or_404(selectors.cases_visible_to(request.user), pk=pk)
    today = timezone.localdate()
    user = request.user
    answer_form = forms.CaseAnswerForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "answer":
            answer_form = forms.CaseAnswerForm(request.POST)
            if answer_form.is_valid() and run_action(request, lambda: services.answer_case(
                    case, actor=user, today=today, answer=answer_form.cleaned_data["answer"]), _("陈述申辩已提交。")):
                return redirect("compliance:case-detail", pk)
        elif action == "publish":
            if _confirmed(request, "revocation", "publish"):
                run_action(request, lambda: services.publish_case(case, actor=user, today=today), _("已在门户网站公布。"))
            return redirect("compliance:case-detail", pk)
        else:
            return redirect("compliance:case-detail", pk)
    return render(request, "compliance/case_detail.html", {
        "case": case, "article": rules.GROUND_ARTICLES[case.ground], "timeline": timeline_for(case),
        "answer_form": answer_form, "today": today, **_decision_links("revocation", case, user),
        "crumbs": _crumbs((_("取消资格案件"), "compliance:case-list"), (case.enterprise.name, None)),
    })


@login_required
def case_letter(request, pk):
    """The decision letter: the signed letter casework issued when the head authorised it."""
    case = get_visible_or_404(selectors.cases_visible_to(request.user), pk=pk)
    if case.decided_on is None:
        raise PermissionDenied
    decision = decided_decision("revocation", case)
    if decision is None:
        raise Http404
    return redirect("casework:letter-pdf", pk=decision.pk)


# --- 第十三条 exit ---------------------------------------------------------------------------------------


@login_required
def exit_list(request):
    _require_reader(request.user)
    return render(request, "compliance/exit_list.html", {
        "page": _page(request, selectors.exit_applications_visible_to(request.user)),
        "query_string": _query_string(request), "is_bureau": is_bureau(request.user),
        "crumbs": _crumbs((_("退出申请"), None)),
    })


@login_required
def exit_new(request):
    if not has_role(request.user, Role.ENTERPRISE_USER) or not request.user.organisation:
        raise PermissionDenied
    form = forms.ExitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply_for_exit(request.user.organisation, actor=request.user,
                                                  today=timezone.localdate(), **form.cleaned_data)
        except RuleRefused as exc:
            form.add_error(None, exc.as_dict()["reasons"][0]["message"])
        else:
            messages.success(request, _("退出申请已提交。"))
            return redirect("compliance:exit-detail", application.pk)
    return render(request, "compliance/form.html", {
        "form": form, "title": _("申请退出试点（第十三条）"),
        "crumbs": _crumbs((_("退出申请"), "compliance:exit-list"), (_("申请"), None)),
    })


@login_required
@require_safe
def exit_detail(request, pk):
    """The exit and what its declaration allows now (compliance.workflow.EXIT): approving and refusing
    are decisions an officer prepares in casework and the head authorises there, with their letter."""
    application = get_visible_or_404(selectors.exit_applications_visible_to(request.user), pk=pk)
    return render(request, "compliance/exit_detail.html", {
        "application": application, "timeline": timeline_for(application),
        "letter_decision": decided_decision("exit", application),
        **_decision_links("exit", application, request.user),
        "crumbs": _crumbs((_("退出申请"), "compliance:exit-list"), (application.enterprise.name, None)),
    })


# --- public and MOFCOM -------------------------------------------------------------------------------


def public_revocations(request):
    return render(request, "compliance/public_revocations.html", {
        "page": _page(request, selectors.published_revocations()), "query_string": _query_string(request),
        "crumbs": [(_("取消试点资格公告"), None)],
    })


@login_required
def mofcom_report(request):
    """The lines for the report to MOFCOM (报商务部): published revocations and approved exits."""
    if not is_bureau(request.user):
        raise PermissionDenied
    return xlsx_response("mofcom-exits.xlsx", *selectors.mofcom_report_rows(), sheet_title="MOFCOM")


@login_required
@require_POST
def forecast(request):
    """A dry run for a day the official chooses: what would fall due or become overdue."""
    if not is_bureau(request.user):
        raise PermissionDenied
    try:
        as_of = date.fromisoformat(request.POST.get("as_of", ""))
    except ValueError:
        messages.error(request, _("请填写日期（YYYY-MM-DD）。"))
        return redirect("compliance:dashboard")
    result = services.run_compliance(as_of, dry_run=True, trigger="forecast")
    return render(request, "compliance/forecast.html", {"result": result, "crumbs": _crumbs((_("合规预测"), None))})
