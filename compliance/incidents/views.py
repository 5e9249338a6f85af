"""Pages of the emergency response (实施方案三(四)): thin views over selectors and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal import workflow
from portal.activity import timeline_for
from portal.exports import xlsx_response
from portal.pdf import pdf_response
from portal.roles import is_bureau
from portal.selectors import get_visible_or_404
from portal.uploads import serve_document
from portal.web import run_action
from traceability.holds import live_holds

from . import forms, selectors, services, statistics
from .models import IncidentEvidence
from .query import clean_query

PAGE_SIZE = 25
VEHICLE_PAGE_SIZE = 50


def _crumbs(*items):
    return [(_("合规"), reverse("compliance:dashboard")), (_("应急事件"), reverse("compliance:incident-list"))] + [
        (label, url) for label, url in items]


def _reader(request) -> None:
    if not selectors.may_read_incidents(request.user):
        raise PermissionDenied


def _bureau(request) -> None:
    if not is_bureau(request.user):
        raise PermissionDenied


def _query_string(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
@require_safe
def incident_list(request):
    _reader(request)
    form = forms.IncidentFilterForm(request.GET or None)
    qs = selectors.incidents_visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(number__icontains=data["q"]) | Q(title__icontains=data["q"])
                           | Q(enterprise__name__icontains=data["q"]))
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["category"]:
            qs = qs.filter(category=data["category"])
    page = Paginator(selectors.with_progress(qs).order_by("-opened_on", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "compliance/incidents/list.html", {
        "page": page, "form": form, "query_string": _query_string(request), "is_bureau": is_bureau(request.user),
        "crumbs": _crumbs(),
    })


@login_required
def incident_new(request):
    _bureau(request)
    form = forms.IncidentForm(request.POST or None, request.FILES or None,
                              initial={"enterprise": request.GET.get("enterprise"), "source": "manual"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = {}
        if run_action(request, lambda: done.setdefault("incident", services.open_incident(
                data["enterprise"], actor=request.user, today=timezone.localdate(), category=data["category"],
                severity=data["severity"], source=data["source"], source_reference=data["source_reference"],
                title=data["title"], description=data["description"], evidence=data["evidence"])),
                _("应急事件已立案。"), form=form):
            return redirect("compliance:incident-detail", done["incident"].pk)
    return render(request, "compliance/form.html", {
        "form": form, "title": _("应急事件立案"), "multipart": True,
        "crumbs": _crumbs((_("立案"), None)),
    }, status=400 if form.errors else 200)


def _forms(incident, request, bound=None):
    """The page's forms, each with its own id prefix (two forms have a 车型 field)."""
    models = selectors.affected_models(incident)
    reportable = list(incident.affected.exclude(outcome="done").values_list("vehicle__vin", flat=True)
                      .order_by("vehicle__vin")[:500])
    built = {
        "identify": forms.VehicleQueryForm(auto_id="identify_%s"),
        "prepare": forms.OrderForm(auto_id="prepare_%s", initial={
            "measures": incident.measures or None, "working_days": incident.order_working_days or None,
            "facts": incident.order_facts or None}),
        "report": forms.VehicleReportForm(auto_id="report_%s", vins=reportable),
        "hold": forms.HoldForm(auto_id="hold_%s", models=models),
        "close": forms.CloseForm(auto_id="close_%s"),
    }
    if bound:
        built[bound[0]] = bound[1]
    return built


ACTIONS = ("identify", "prepare", "report", "hold", "close")


@login_required
def incident_detail(request, pk):
    _reader(request)
    incident = get_visible_or_404(selectors.incidents_visible_to(request.user), pk=pk)
    today = timezone.localdate()
    bound = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            raise Http404
        bound = (action, _bind(incident, request, action))
        form = bound[1]
        if form.is_valid() and _run(request, incident, action, form, today):
            return redirect("compliance:incident-detail", pk)
        if not form.errors:  # refused by the rules: the messages say why
            return redirect("compliance:incident-detail", pk)
    progress = selectors.incident_progress(incident)
    vehicles = Paginator(selectors.affected_vehicles(incident), VEHICLE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "compliance/incidents/detail.html", {
        "incident": incident, "progress": progress, "query_runs": _query_runs(incident), "vehicles": vehicles, "query_string": "",
        "forms": _forms(incident, request, bound), "evidence": incident.evidence.all(),
        "holds": live_holds(incident.enterprise_id).filter(source=services.hold_source(incident)),
        "decision_url": _decision_url(incident), "is_bureau": is_bureau(request.user),
        "timeline": timeline_for(incident, include_internal=is_bureau(request.user)),
        "crumbs": _crumbs((incident.number, None)),
    }, status=400 if bound else 200)


def _query_runs(incident) -> list[dict]:
    """The saved queries as a person reads them: each criterion by its label, never its key."""
    labels = {name: field.label for name, field in forms.VehicleQueryForm.base_fields.items()}
    return [{"run_on": run.get("run_on"), "found": run.get("found"), "added": run.get("added"),
             "criteria": [(labels.get(k, k), "、".join(v) if isinstance(v, list) else v)
                          for k, v in run.get("query", {}).items()]}
            for run in incident.vehicle_queries]


def _decision_url(incident) -> str:
    """The order's casework decision (prepared or authorised with its signed letter), for the link."""
    from ..workflow import decided_decision, pending_decision

    decision = pending_decision("incident", incident) or decided_decision("incident", incident)
    return reverse("casework:decision-detail", args=[decision.pk]) if decision else ""


def _bind(incident, request, action):
    ids = f"{action}_%s"
    if action == "identify":
        return forms.VehicleQueryForm(request.POST, auto_id=ids)
    if action == "prepare":
        return forms.OrderForm(request.POST, auto_id=ids)
    if action == "report":
        vins = incident.affected.values_list("vehicle__vin", flat=True)
        return forms.VehicleReportForm(request.POST, request.FILES, auto_id=ids, vins=list(vins))
    if action == "hold":
        return forms.HoldForm(request.POST, auto_id=ids, models=selectors.affected_models(incident))
    return forms.CloseForm(request.POST, auto_id=ids)


def _run(request, incident, action, form, today) -> bool:
    data, actor = form.cleaned_data, request.user
    if action == "identify":
        def call():
            added = services.identify_vehicles(incident, clean_query(data), actor=actor, today=today)
            messages.info(request, _("新纳入车辆 %(n)d 辆。") % {"n": added})
        return run_action(request, call, _("已按查询条件确定涉及车辆。"), form=form)
    if action == "prepare":
        return run_action(request, lambda: services.prepare_order(
            incident, actor=actor, today=today, measures=data["measures"], facts=data["facts"],
            working_days=data["working_days"]), _("处置通知已拟办，等待负责人签发。"), form=form)
    if action == "report":
        return run_action(request, lambda: services.report_vehicle(
            incident, data["vin"], actor=actor, today=today, outcome=data["outcome"], description=data["description"],
            country=data["country"], evidence=data["evidence"]), _("处置情况已报告，并已记入该车档案。"), form=form)
    if action == "hold":
        brand, model = data["model"].split("\t", 1)
        return run_action(request, lambda: services.hold_exports(
            incident, brand=brand, model=model, reason=data["reason"], actor=actor, today=today),
            _("已暂停该车型出口。"), form=form)
    if not workflow.confirmed("incident", "close", request.POST):
        messages.error(request, _("此操作提交后不可修改，请勾选确认后再提交。"))
        return False
    return run_action(request, lambda: services.close_incident(incident, actor=actor, today=today,
                                                               summary=data["summary"]), _("已结案。"), form=form)


@login_required
@require_safe
def closing_report(request, pk):
    _reader(request)
    incident = get_visible_or_404(selectors.incidents_visible_to(request.user), pk=pk)
    if not incident.closing_report_pdf:
        raise Http404
    return pdf_response(bytes(incident.closing_report_pdf), f"incident-closing-report-{incident.number}.pdf")


@login_required
@require_safe
def evidence_download(request, pk):
    _reader(request)
    doc = get_visible_or_404(IncidentEvidence.objects.filter(
        incident__in=selectors.incidents_visible_to(request.user)), pk=pk)
    return serve_document(doc)


@login_required
@require_safe
def incident_statistics(request):
    _bureau(request)
    return render(request, "compliance/incidents/statistics.html", {
        "totals": statistics.totals(), "by_category": statistics.by_category(),
        "by_enterprise": statistics.by_enterprise(), "crumbs": _crumbs((_("统计"), None)),
    })


@login_required
@require_safe
def incident_statistics_export(request):
    _bureau(request)
    headers = [_("分组"), _("名称"), _("事件数"), _("已结案"), _("涉及车辆"), _("平均结案天数")]
    rows = [[_("事件类别"), r["category"], r["incidents"], r["closed"], r["vehicles"], r["avg_days"]]
            for r in statistics.by_category()]
    rows += [[_("企业"), r["enterprise"], r["incidents"], r["incidents"] - r["open"], r["vehicles"], r["avg_days"]]
             for r in statistics.by_enterprise()]
    return xlsx_response("incident-statistics.xlsx", headers, rows, sheet_title="incidents")

