"""Pages of one car one file and of export licences: parse, call a service, render."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.activity import timeline_for
from portal.audit import record_read
from portal.errors import RuleRefused
from portal.exports import xlsx_response
from portal.pdf import pdf_response
from portal.reversing import url_filler
from portal.roles import Role, has_role, is_bureau, role_names
from portal.selectors import get_visible_or_404
from portal.uploads import serve_document
from portal.web import refusal_text

from . import documents, imports, rules, selectors, services
from .filters import filter_licences, filter_vehicles
from .forms import (
    CancelForm,
    EventTypeForm,
    ImportForm,
    LicenceApplicationForm,
    SurrenderForm,
    VehicleFilterForm,
    VehicleForm,
    event_form_class,
)
from .models import EventAttachment, EventType, LicenceStatus, VehicleImport, VehicleType
from .pagination import VehiclePaginator
from .workflow import LICENCE


def _crumbs(*items):
    return [(_("一车一档"), reverse("traceability:vehicle-list")), *items]


def _query_string(request) -> str:
    """The list's filters, without its position (`page`, `cursor`), for the pagination links."""
    query = request.GET.copy()
    for name in ("page", "cursor"):
        query.pop(name, None)
    return query.urlencode()


def _page(request, queryset, per_page=25):
    return Paginator(queryset, per_page).get_page(request.GET.get("page")), _query_string(request)


def _apply_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _show_refusal(request, exc: RuleRefused) -> None:
    for reason in exc.as_dict()["reasons"]:
        messages.error(request, refusal_text(reason))


# --- Vehicles -------------------------------------------------------------------------------------


@login_required
def vehicle_list(request):
    filters = VehicleFilterForm(request.GET or None)
    vehicles = filter_vehicles(selectors.vehicles_visible_to(request.user), request.GET)
    page = VehiclePaginator(vehicles, 25).page_for(request.GET)
    # One translated label per type for the page: get_vehicle_type_display() translates and hashes the
    # whole choice list for every row (cProfile, 20 pages: 17,100 gettext calls before, 3,100 after).
    labels = dict(VehicleType.choices)
    url = url_filler()  # one reverse() for the page, not one per row (issue 25)
    for vehicle in page:
        vehicle.type_label = labels.get(vehicle.vehicle_type, vehicle.vehicle_type)
        vehicle.detail_url = url("traceability:vehicle-detail", vehicle.vin)
    return render(request, "traceability/vehicle_list.html", {
        "page": page, "query_string": _query_string(request), "filters": filters,
        "may_register": has_role(request.user, Role.ENTERPRISE_USER),
        "inspect_vin": _vin_to_inspect(request.user, request.GET.get("q", "")),
        "crumbs": [(_("一车一档"), None)],
    })


def _vin_to_inspect(user, query: str) -> str | None:
    """An inspection body sees only vehicles it inspected, but inspects any VIN on file: a search
    for the full VIN of one it cannot see yet offers the inspection form (实施方案三(二) 一车一检)."""
    vin = query.strip().upper()
    if not vin or not has_role(user, Role.INSPECTOR) or selectors.vehicles_visible_to(user).filter(vin=vin).exists():
        return None
    return vin if selectors.vehicles_recordable_by(user).filter(vin=vin).exists() else None


@login_required
def vehicle_create(request):
    if not has_role(request.user, Role.ENTERPRISE_USER):
        raise PermissionDenied
    form = VehicleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "confirm_vin_check"}
        try:
            vehicle = services.register_vehicle(fields, actor=request.user, today=timezone.localdate(),
                                                confirm_vin_check=form.cleaned_data["confirm_vin_check"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        except RuleRefused as exc:
            _show_refusal(request, exc)
        else:
            messages.success(request, _("车辆 %(vin)s 已建档。") % {"vin": vehicle.vin})
            return redirect("traceability:vehicle-detail", vin=vehicle.vin)
    return render(request, "traceability/vehicle_form.html", {
        "form": form, "crumbs": _crumbs((_("登记车辆"), None)),
    })


@login_required
def vehicle_detail(request, vin):
    vehicle = get_visible_or_404(selectors.vehicles_visible_to(request.user), vin=vin.upper())
    record_read(request.user, vehicle)
    as_of = parse_date(request.GET.get("as_of") or "") or timezone.localdate()
    events, report = selectors.events_with_chain(vehicle)
    return render(request, "traceability/vehicle_detail.html", {
        "vehicle": vehicle,
        "events": events,
        "eligibility": selectors.eligibility(vehicle, as_of),
        "report": report,
        "recordable": [(t, EventType(t).label) for t in rules.recordable_types(role_names(request.user))],
        "licences": vehicle.licences.order_by("-requested_at"),
        "crumbs": _crumbs((vehicle.vin, None)),
    })


@login_required
def vehicle_verify(request, vin):
    vehicle = get_visible_or_404(selectors.vehicles_visible_to(request.user), vin=vin.upper())
    return render(request, "traceability/vehicle_verify.html", {
        "vehicle": vehicle, "report": selectors.verify_vehicle(vehicle),
        "crumbs": _crumbs((vehicle.vin, reverse("traceability:vehicle-detail", args=[vehicle.vin])),
                          (_("校验档案链"), None)),
    })


@login_required
def vehicle_dossier(request, vin):
    vehicle = get_visible_or_404(selectors.vehicles_visible_to(request.user), vin=vin.upper())
    record_read(request.user, vehicle)
    return pdf_response(documents.dossier_pdf(vehicle), f"dossier-{vehicle.vin}.pdf")


@login_required
def attachment_download(request, vin, pk):
    vehicle = get_visible_or_404(selectors.vehicles_visible_to(request.user), vin=vin.upper())
    document = get_object_or_404(EventAttachment, pk=pk, vehicle=vehicle)
    return serve_document(document)


@login_required
def event_create(request, vin):
    vehicle = get_visible_or_404(selectors.vehicles_recordable_by(request.user), vin=vin.upper())
    types = rules.recordable_types(role_names(request.user))
    if not types:
        raise PermissionDenied
    chooser = EventTypeForm(request.GET or None, types=types)
    event_type = chooser.cleaned_data["type"] if chooser.is_valid() else None
    form = None
    if event_type:
        form_class = event_form_class(event_type, corrected_types=[t for t in types if t != EventType.CORRECTION])
        form = form_class(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items()
                    if k not in ("occurred_on", "attachments") and v not in ("", None)}
            try:
                event = services.append_event(vehicle, event_type, data, actor=request.user,
                                              occurred_on=form.cleaned_data["occurred_on"],
                                              attachments=form.cleaned_data.get("attachments") or [])
            except ValidationError as exc:
                _apply_errors(form, exc)
            except RuleRefused as exc:
                _show_refusal(request, exc)
            else:
                messages.success(request, _("已记录第 %(seq)d 条：%(type)s。") % {
                    "seq": event.seq, "type": event.get_type_display()})
                return redirect("traceability:vehicle-detail", vin=vehicle.vin)
    return render(request, "traceability/event_form.html", {
        "vehicle": vehicle, "chooser": chooser, "form": form, "event_type": event_type,
        "event_label": EventType(event_type).label if event_type else "",
        "crumbs": _crumbs((vehicle.vin, reverse("traceability:vehicle-detail", args=[vehicle.vin])),
                          (_("新增记录"), None)),
    })


# --- Bulk import ----------------------------------------------------------------------------------
@login_required
def import_start(request):
    if not has_role(request.user, Role.ENTERPRISE_USER):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.start_import(form.cleaned_data["file"], actor=request.user)
        except ValidationError as exc:
            _apply_errors(form, exc)
        except RuleRefused as exc:
            _show_refusal(request, exc)
        else:
            return redirect("traceability:import-progress", pk=job.pk)
    return render(request, "traceability/import_form.html", {
        "form": form, "recent": VehicleImport.objects.filter(created_by=request.user)[:10],
        "crumbs": _crumbs((_("批量导入"), None)),
    })


@login_required
def import_template(request):
    response = HttpResponse(imports.template_bytes(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = "attachment; filename=vehicle-import-template.xlsx"
    return response


@login_required
def import_progress(request, pk):
    job = get_object_or_404(VehicleImport, pk=pk, created_by=request.user)
    return render(request, "traceability/import_progress.html", {
        "job": job, "crumbs": _crumbs((_("批量导入"), reverse("traceability:import")), (job.filename, None)),
    })


@login_required
def import_status(request, pk):
    job = get_object_or_404(VehicleImport, pk=pk, created_by=request.user)
    return JsonResponse({
        "status": job.status, "status_label": str(job.get_status_display()), "percent": job.percent,
        "processed_rows": job.processed_rows, "total_rows": job.total_rows, "imported_count": job.imported_count,
        "finished": job.status in ("done", "failed"), "error_count": len(job.errors),
    })


@login_required
def vehicle_export(request):
    vehicles = filter_vehicles(selectors.vehicles_visible_to(request.user), request.GET)
    headers = [_("VIN"), _("出口企业"), _("品牌"), _("车型"), _("车辆类型"), _("初次登记日期"), _("检测结论"),
               _("海关放行日期"), _("注销登记日期")]
    rows = ([v.vin, v.enterprise.name, v.brand, v.model, v.get_vehicle_type_display(), v.registration_date,
             v.inspection_conclusion, v.cleared_on, v.deregistered_on] for v in vehicles[:5000])
    return xlsx_response("vehicles.xlsx", headers, rows)


# --- Licences -------------------------------------------------------------------------------------
@login_required
def licence_list(request):
    licences = filter_licences(selectors.licences_visible_to(request.user).prefetch_related("vehicles"), request.GET)
    page, query_string = _page(request, licences)
    return render(request, "traceability/licence_list.html", {
        "page": page, "query_string": query_string, "statuses": LicenceStatus.choices,
        "status": request.GET.get("status", ""), "q": request.GET.get("q", ""),
        "may_apply": has_role(request.user, Role.ENTERPRISE_USER),
        "crumbs": _crumbs((_("出口许可证"), None)),
    })


@login_required
def licence_create(request):
    if not has_role(request.user, Role.ENTERPRISE_USER):
        raise PermissionDenied
    candidates = selectors.vehicles_visible_to(request.user).filter(cleared_on__isnull=True).order_by("vin")
    form = LicenceApplicationForm(request.POST or None, vehicles=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            licence = services.apply_for_licence(form.cleaned_data["vins"], form.cleaned_data["destination_country"],
                                                 actor=request.user, today=timezone.localdate())
        except ValidationError as exc:
            _apply_errors(form, exc)
        except RuleRefused as exc:
            _show_refusal(request, exc)
        else:
            messages.success(request, _("许可证申请已提交，等待市商务局审核。"))
            return redirect("traceability:licence-detail", pk=licence.pk)
    return render(request, "traceability/licence_form.html", {
        "form": form, "crumbs": _crumbs((_("出口许可证"), reverse("traceability:licence-list")), (_("申领"), None)),
    })


@login_required
def licence_detail(request, pk):
    """The licence with its step bar; only the actions the declaration allows the user now are offered
    (the template asks `{% allowed_actions "licence" licence %}`)."""
    licence = get_visible_or_404(selectors.licences_visible_to(request.user).prefetch_related("vehicles"), pk=pk)
    return render(request, "traceability/licence_detail.html", {
        "licence": licence, "timeline": timeline_for(licence), "is_bureau": is_bureau(request.user),
        "cancel_form": CancelForm(auto_id="cancel_%s"),
        "surrender_form": SurrenderForm(auto_id="surrender_%s"),
        "crumbs": _crumbs((_("出口许可证"), reverse("traceability:licence-list")), (str(licence), None)),
    })


@login_required
@require_POST
def licence_issue(request, pk):
    """api.md `issue`: the officer prepares, the head issues (services.issue_licence checks the declaration)."""
    licence = get_visible_or_404(selectors.licences_visible_to(request.user), pk=pk)
    try:
        licence = services.issue_licence(licence, actor=request.user, today=timezone.localdate())
    except RuleRefused as exc:
        _show_refusal(request, exc)
    else:
        messages.success(request, _("许可证状态：%(status)s。") % {"status": licence.get_status_display()})
    return redirect("traceability:licence-detail", pk=pk)


@login_required
@require_POST
def licence_cancel(request, pk):
    """注销, irreversible: the declaration's `cancel` is checked before the form is read (403 for a role that
    never cancels, the rule's refusal otherwise); the form must carry the confirmation."""
    licence = get_visible_or_404(selectors.licences_visible_to(request.user), pk=pk)
    today = timezone.localdate()
    may, failed = LICENCE.refusals(licence, "cancel", request.user, today)
    if not may:
        raise PermissionDenied
    if failed:
        _show_refusal(request, RuleRefused(failed))
        return redirect("traceability:licence-detail", pk=pk)
    form = CancelForm(request.POST, auto_id="cancel_%s")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("traceability:licence-detail", pk=pk)
    try:
        services.cancel_licence(licence, form.cleaned_data["reason"], actor=request.user, today=today)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    except RuleRefused as exc:
        _show_refusal(request, exc)
    else:
        messages.success(request, _("许可证已注销。"))
    return redirect("traceability:licence-detail", pk=pk)


@login_required
def licence_pdf(request, pk):
    licence = get_visible_or_404(selectors.licences_visible_to(request.user).prefetch_related("vehicles"), pk=pk)
    if not licence.number:
        raise PermissionDenied
    return pdf_response(documents.licence_pdf(licence, request), f"licence-{licence.number}.pdf")
