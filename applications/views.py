"""Pages of the application journey: thin views that parse, call a service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.activity import timeline_for
from portal.audit import record_read
from portal.errors import RuleRefused
from portal.pdf import pdf_response
from portal.policy import wording
from portal.roles import Role, has_role, is_bureau
from portal.selectors import get_visible_or_404
from portal.uploads import serve_document
from portal.web import refusal_text

from . import rules, selectors, services
from .documents import receipt_filename, receipt_pdf
from .forms import (
    STEP_BY_SLUG,
    STEPS,
    AttachmentForm,
    CreditCommitmentForm,
    FindingForm,
    ReturnForm,
    list_formset,
    step_form_class,
)
from .models import OPEN_STATUSES, ApplicationStatus

PAGE_SIZE = 20


def _load(request, pk):
    return get_visible_or_404(selectors.applications_visible_to(request.user), pk=pk)


def _crumbs(application=None, *extra):
    crumbs = [(_("试点申请"), reverse("applications:list"))]
    if application is not None:
        crumbs.append((str(application), reverse("applications:detail", args=[application.pk])))
    return crumbs + list(extra)


def _refused(request, exc: RuleRefused) -> None:
    messages.error(request, str(exc.detail))
    for reason in exc.as_dict()["reasons"]:
        messages.error(request, refusal_text(reason))


def _add_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def application_list(request):
    """Enterprise: its own applications; bureau: the intake queue (search, status filter, pages)."""
    query, status = request.GET.get("q", "").strip(), request.GET.get("status", "")
    qs = selectors.search_applications(
        selectors.applications_visible_to(request.user), query=query, status=status
    ).order_by("-submitted_at", "-created_at")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    enterprise = has_role(request.user, Role.ENTERPRISE_USER)
    can_start = enterprise and not selectors.applications_visible_to(request.user).filter(
        status__in=OPEN_STATUSES
    ).exists()
    return render(request, "applications/list.html", {
        "page": page, "q": query, "status": status, "statuses": ApplicationStatus.choices,
        "query_string": urlencode({k: v for k, v in (("q", query), ("status", status)) if v}),
        "can_start": can_start, "is_bureau": is_bureau(request.user),
        "crumbs": [(_("试点申请"), None)],
    })


@login_required
@require_POST
def application_start(request):
    try:
        application = services.create_application(actor=request.user)
    except RuleRefused as exc:
        _refused(request, exc)
        return redirect("applications:list")
    messages.success(request, _("申请草稿已创建，请逐步填写，每一步都会保存。"))
    return redirect("applications:step", pk=application.pk, step=STEPS[0].slug)


@login_required
def application_detail(request, pk):
    application = _load(request, pk)
    record_read(request.user, application)
    enterprise = has_role(request.user, Role.ENTERPRISE_USER)
    return render(request, "applications/detail.html", {
        "application": application,
        "checklist": services.submission_checklist(application),
        "priority": rules.priority_factors(application),
        "findings": application.findings.select_related("recorded_by"),
        "attachments": application.attachments.all(),
        "correction": selectors.open_correction(application),
        "timeline": timeline_for(application, include_internal=not enterprise),
        "can_edit": services.can_edit(application, request.user),
        "is_bureau": is_bureau(request.user),
        "steps": STEPS,
        "finding_form": FindingForm(),
        "crumbs": _crumbs(None, (str(application), None)),
    })


def _editable_or_redirect(request, pk):
    application = _load(request, pk)
    if not services.is_applicant(application, request.user):
        raise PermissionDenied
    return application


@login_required
def application_step(request, pk, step):
    """One step of the form: POST saves the draft and moves on; errors keep what was typed."""
    application = _editable_or_redirect(request, pk)
    current = STEP_BY_SLUG.get(step)
    if current is None:
        return redirect("applications:step", pk=pk, step=STEPS[0].slug)
    if not application.is_editable:
        messages.error(request, _("申请已提交，内容不可修改。"))
        return redirect("applications:detail", pk=pk)
    if current.slug == "attachments":
        return _attachments_step(request, application, current)
    form_class = step_form_class(current)
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=_load(request, pk))  # a copy: an invalid form must not alter the checklist
    formset = list_formset(current, application, data)
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        values = {name: form.cleaned_data[name] for name in current.fields}
        if formset is not None:
            values["overseas_outlets" if current.formset == "outlets" else "export_targets"] = formset.items()
        try:
            services.update_application(application, actor=request.user, data=values, step=current.slug)
        except ValidationError as exc:
            _add_errors(form, exc)
        except RuleRefused as exc:
            _refused(request, exc)
            return redirect("applications:detail", pk=pk)
        else:
            messages.success(request, _("已保存草稿：%(step)s") % {"step": current.title})
            return redirect(_next_url(application, current, request.POST.get("go")))
    return _render_step(request, application, current, form=form, formset=formset)


def _next_url(application, current, go) -> str:
    index = STEPS.index(current)
    if go == "stay" or index + 1 >= len(STEPS):
        return reverse("applications:step", args=[application.pk, current.slug])
    return reverse("applications:step", args=[application.pk, STEPS[index + 1].slug])


def _render_step(request, application, current, **context):
    index = STEPS.index(current)
    return render(request, "applications/step.html", {
        "application": application, "step": current, "steps": STEPS, "index": index + 1,
        "previous": STEPS[index - 1] if index else None,
        "checklist": services.submission_checklist(application),
        "policy": wording(services.policy_for(application)),
        "crumbs": _crumbs(application, (current.title, None)),
        **context,
    })


def _attachments_step(request, application, current):
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_attachment(application, kind=form.cleaned_data["kind"], uploaded=form.cleaned_data["file"],
                                    actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("材料已上传。"))
            return redirect("applications:step", pk=application.pk, step=current.slug)
    return _render_step(request, application, current, form=form, attachments=application.attachments.all())


@login_required
@require_POST
def attachment_remove(request, pk, attachment_id):
    application = _editable_or_redirect(request, pk)
    document = get_object_or_404(application.attachments, pk=attachment_id)
    try:
        services.remove_attachment(document, actor=request.user)
    except RuleRefused as exc:
        _refused(request, exc)
    return redirect("applications:step", pk=pk, step="attachments")


@login_required
def attachment_download(request, pk, attachment_id):
    """Served only after the visibility check: another organisation's document is a 404."""
    application = _load(request, pk)
    return serve_document(get_object_or_404(application.attachments, pk=attachment_id))


def _render_check(request, application, form, status=200):
    return render(request, "applications/check.html", {
        "application": application, "form": form, "steps": STEPS, "edit": application.is_editable,
        "attachments": application.attachments.all(),
        "checklist": services.submission_checklist(application),
        "crumbs": _crumbs(application, (_("核对并提交"), None)),
    }, status=status)


@login_required
def application_check(request, pk):
    """"Check your answers": every step's answers and the 信用承诺书, whose box the submission needs."""
    application = _editable_or_redirect(request, pk)
    if not application.is_editable:
        messages.error(request, _("申请已提交，内容不可修改。"))
        return redirect("applications:detail", pk=pk)
    return _render_check(request, application, CreditCommitmentForm())


@login_required
@require_POST
def application_submit(request, pk):
    """Only from the check page, with the 信用承诺书 ticked (the service checks it as well)."""
    application = _editable_or_redirect(request, pk)
    form = CreditCommitmentForm(request.POST)
    if not form.is_valid():
        return _render_check(request, application, form, status=400)
    try:
        application = services.submit_application(application, actor=request.user, today=timezone.localdate(),
                                                  credit_commitment=form.cleaned_data["credit_commitment"])
    except RuleRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("申请已提交，受理编号 %(ref)s。可下载申请回执。") % {"ref": application.reference_number})
    return redirect("applications:detail", pk=pk)


@login_required
def application_receipt(request, pk):
    application = _load(request, pk)
    if not application.reference_number:
        messages.error(request, _("申请提交后才有回执。"))
        return redirect("applications:detail", pk=pk)
    return pdf_response(receipt_pdf(application), receipt_filename(application))


def _bureau_load(request, pk):
    if not is_bureau(request.user):
        raise PermissionDenied
    return _load(request, pk)


@login_required
@require_POST
def application_accept(request, pk):
    application = _bureau_load(request, pk)
    try:
        services.accept_application(application, actor=request.user, today=timezone.localdate())
    except RuleRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("已受理。"))
    return redirect("applications:detail", pk=pk)


@login_required
def application_return(request, pk):
    """补正: what to fix (one item a line) and a deadline; back to the enterprise."""
    application = _bureau_load(request, pk)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_for_correction(application, actor=request.user, today=timezone.localdate(),
                                           items=form.item_list(), deadline=form.cleaned_data["deadline"])
        except ValidationError as exc:
            _add_errors(form, exc)
        except RuleRefused as exc:
            _refused(request, exc)
            return redirect("applications:detail", pk=pk)
        else:
            messages.success(request, _("已退回企业补正。"))
            return redirect("applications:detail", pk=pk)
    return render(request, "applications/return.html", {
        "application": application, "form": form, "crumbs": _crumbs(application, (_("退回补正"), None)),
    })


@login_required
@require_POST
def application_finding(request, pk):
    application = _bureau_load(request, pk)
    form = FindingForm(request.POST)
    if form.is_valid():
        try:
            services.record_finding(application, actor=request.user, today=timezone.localdate(), **form.cleaned_data)
        except (RuleRefused, ValidationError) as exc:
            messages.error(request, "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc.detail))
        else:
            messages.success(request, _("评判意见已记录。"))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("applications:detail", pk=pk)
