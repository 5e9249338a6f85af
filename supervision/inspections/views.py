"""Pages of 双随机、一公开 (国办发〔2015〕58号): the bureau's plans and lists, the inspectors' visits, and the
public plan and results pages. Thin: parse, call a selector or service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import workflow
from portal.activity import timeline_for
from portal.official import official_document
from portal.pdf import pdf_response, render_pdf
from portal.roles import has_role, is_bureau
from portal.selectors import get_visible_or_404
from portal.web import run_action

from .. import risk
from ..workflow import INSPECTING_ROLES
from . import forms, selectors, services
from .models import InspectionVisit, Inspector, InspectorConflict, PlanStatus

PAGE_SIZE = 25


def _crumbs(*more):
    return [(_("双随机抽查"), reverse("supervision:inspection-plan-list")), *more]


def _official(request):
    if not has_role(request.user, *INSPECTING_ROLES):
        raise PermissionDenied


def _bureau(request):
    if not is_bureau(request.user):
        raise PermissionDenied


@login_required
def plan_list(request):
    _official(request)
    if request.method == "POST":
        _bureau(request)  # only the bureau makes a plan
    page = Paginator(selectors.plans_visible_to(request.user).select_related("created_by"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    form = forms.PlanForm(request.POST or None) if is_bureau(request.user) else None
    if form is not None and request.method == "POST" and form.is_valid():
        plan = {}
        if run_action(request, lambda: plan.setdefault("p", services.create_plan(
                **form.cleaned_data, actor=request.user, today=timezone.localdate())), _("抽查计划已制定。"), form=form):
            return redirect("supervision:inspection-plan", pk=plan["p"].pk)
    return render(request, "supervision/inspections/plan_list.html", {
        "page": page, "form": form, "crumbs": [(_("双随机抽查"), None)],
    }, status=400 if form is not None and form.errors else 200)


@login_required
def inspector_list(request):
    _bureau(request)
    inspector_form = forms.InspectorForm(request.POST if request.POST.get("form") == "inspector" else None,
                                         prefix="i")
    conflict_form = forms.ConflictForm(request.POST if request.POST.get("form") == "conflict" else None, prefix="c")
    today = timezone.localdate()
    if request.method == "POST":
        if request.POST.get("form") == "inspector" and inspector_form.is_valid():
            if run_action(request, lambda: services.add_inspector(
                    inspector_form.cleaned_data["user"], badge_number=inspector_form.cleaned_data["badge_number"],
                    actor=request.user, today=today), _("已加入执法检查人员名录。"), form=inspector_form):
                return redirect("supervision:inspector-list")
        elif request.POST.get("form") == "conflict" and conflict_form.is_valid():
            data = conflict_form.cleaned_data
            if run_action(request, lambda: services.declare_conflict(
                    data["inspector"], data["enterprise"], reason=data["reason"], actor=request.user, today=today),
                    _("回避申报已登记。"), form=conflict_form):
                return redirect("supervision:inspector-list")
    inspectors = Inspector.objects.select_related("user__organisation").order_by("badge_number")
    conflicts = InspectorConflict.objects.select_related("inspector__user", "enterprise").order_by("-declared_on")
    return render(request, "supervision/inspections/inspector_list.html", {
        "page": Paginator(inspectors, 50).get_page(request.GET.get("page")), "conflicts": conflicts[:200],
        "inspector_form": inspector_form, "conflict_form": conflict_form,
        "crumbs": _crumbs((_("执法检查人员名录"), None)),
    }, status=400 if inspector_form.errors or conflict_form.errors else 200)


PLAN_ACTIONS = {
    "publish_seed": (services.publish_seed, _("随机种子和名录已公布。")),
    "draw": (services.draw, _("已随机抽取检查对象和执法检查人员。")),
}


@login_required
def plan_detail(request, pk):
    _official(request)
    plan = get_visible_or_404(selectors.plans_visible_to(request.user), pk=pk)
    if request.method == "POST":
        _bureau(request)  # publishing the seed and the draw are the bureau's
        action = request.POST.get("action", "")
        if action in PLAN_ACTIONS:
            call, done = PLAN_ACTIONS[action]
            if not workflow.confirmed("inspection_plan", action, request.POST):
                messages.error(request, _("请先勾选确认。"))
            else:
                run_action(request, lambda: call(plan, actor=request.user, today=timezone.localdate()), done)
        return redirect("supervision:inspection-plan", pk=pk)
    visits = list(selectors.visits_of(plan))
    return render(request, "supervision/inspections/plan_detail.html", {
        "plan": plan, "visits": visits, "today": timezone.localdate(),
        "counts": {"enterprises": plan.entries.count(), "inspectors": plan.inspectors.count()},
        "timeline": timeline_for(plan, include_internal=True),
        "crumbs": _crumbs((plan.number, None)),
    })


@login_required
def visit_detail(request, pk):
    _official(request)
    visit = get_visible_or_404(InspectionVisit.objects.select_related("plan", "entry", "recorded_by")
                               .filter(plan__in=selectors.plans_visible_to(request.user)), pk=pk)
    plan, today = visit.plan, timezone.localdate()
    form = forms.VisitForm(request.POST if request.POST.get("action") == "record_visit" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "record_visit" and form.is_valid():
            if run_action(request, lambda: services.record_visit(visit, actor=request.user, today=today,
                                                                 **form.cleaned_data), _("检查记录已保存。"), form=form):
                return redirect("supervision:inspection-visit", pk=pk)
        elif action == "publish_result":
            if not workflow.confirmed("inspection_plan", action, request.POST):
                messages.error(request, _("请先勾选确认。"))
            else:
                run_action(request, lambda: services.publish_result(visit, actor=request.user, today=today),
                           _("检查结果已在门户网站公开。"))
            return redirect("supervision:inspection-visit", pk=pk)
    return render(request, "supervision/inspections/visit_detail.html", {
        "visit": visit, "plan": plan, "form": form, "today": today,
        "inspectors": visit.inspectors.select_related("user__organisation"),
        "may_record": selectors.may_record(visit, request.user),
        "crumbs": _crumbs((plan.number, reverse("supervision:inspection-plan", args=[plan.pk])), (visit.entry.name, None)),
    }, status=400 if form.errors else 200)


def _public_plan(pk):
    return get_visible_or_404(selectors.public_plans(), pk=pk)


def _plan_context(plan) -> dict:
    entries = list(plan.entries.all())
    return {
        "plan": plan, "entries": [(e, risk.breakdown(e.inputs)) for e in entries],
        "inspectors": list(plan.inspectors.all()),
        "exclusions": list(plan.exclusions.select_related("entry", "inspector").order_by("entry__uscc", "inspector__badge_number")),
        "visits": list(selectors.visits_of(plan)) if plan.status not in (PlanStatus.DRAFT, PlanStatus.SEED_PUBLISHED) else [],
        "factors": risk.FACTORS, "base_weight": risk.BASE_WEIGHT,
    }


def public_plan_list(request):
    page = Paginator(selectors.public_plans(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "supervision/inspections/public_plan_list.html", {
        "page": page, "crumbs": [(_("双随机、一公开"), None)],
    })


def public_plan(request, pk):
    plan = _public_plan(pk)
    return render(request, "supervision/inspections/public_plan.html", {
        **_plan_context(plan),
        "crumbs": [(_("双随机、一公开"), reverse("supervision:public-inspections")), (plan.number, None)],
    })


def public_plan_json(request, pk):
    """Everything the draw reads and what it gave, so anyone can redo it (supervision.draw)."""
    plan = _public_plan(pk)
    data = services.draw_inputs(plan)
    visits = list(selectors.visits_of(plan)) if plan.drawn_on else []
    return JsonResponse({
        "number": plan.number, "status": plan.status, "seed": data["seed"], "sample_size": plan.sample_size,
        "inspectors_per_visit": plan.inspectors_per_visit,
        "enterprises": [{"uscc": e.uscc, "name": e.name, "inputs": e.inputs, "weight": e.weight}
                        for e in plan.entries.all()],
        "inspectors": [{"badge_number": i.badge_number, "name": i.name, "agency": i.agency} for i in plan.inspectors.all()],
        "excluded": [{"uscc": u, "badge_number": b} for u, b in data["excluded"]],
        "result": [{"uscc": v.entry.uscc, "rank": v.entry.draw_rank,
                    "inspectors": sorted(i.badge_number for i in v.inspectors.all())} for v in visits],
    }, json_dumps_params={"ensure_ascii": False})


def published_results(request):
    page = Paginator(selectors.published_results(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "supervision/inspections/public_results.html", {
        "page": page, "crumbs": [(_("双随机、一公开"), reverse("supervision:public-inspections")), (_("抽查结果"), None)],
    })


def plan_pdf(request, pk):
    """The draw's record as an official document: the seed, the lists and the result."""
    plan = _public_plan(pk)
    context = _plan_context(plan)
    pdf = render_pdf("supervision/pdf/inspection_draw.html", {
        **context,
        "official": official_document(number=plan.number, title=_("“双随机、一公开”抽查抽取结果"),
                                      date=plan.drawn_on or plan.seed_published_on, subtitle=f"（{plan.title}）",
                                      recipient=_("社会公众")),
    })
    return pdf_response(pdf, f"random-inspection-{plan.pk}.pdf", inline=True)
