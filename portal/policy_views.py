"""The bureau's pages for policy versions (issue 24): the list, prepare (prefilled from the version in force),
revise, authorise and return. Thin: parse, call portal.policy_services, render. The public page is
supervision's (its policy pages)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import policy, policy_services, workflow
from .activity import timeline_for
from .errors import RuleRefused
from .policy_forms import PolicyVersionForm, ReturnForm
from .policy_models import PolicyVersion, PolicyVersionStatus
from .policy_workflow import KIND
from .roles import Role, has_role

PAGE_SIZE = 50


def _bureau(request) -> None:
    if not has_role(request.user, Role.BUREAU_OFFICER, Role.BUREAU_HEAD):
        raise PermissionDenied


def _crumbs(*tail):
    from django.urls import reverse

    return [(_("政策参数"), reverse("policy-version-list")), *tail]


@login_required
def version_list(request):
    _bureau(request)
    today = timezone.localdate()
    versions = list(PolicyVersion.objects.select_related("prepared_by", "authorised_by")[:PAGE_SIZE])
    in_force = PolicyVersion.in_force(today)
    return render(request, "portal/policy_version_list.html", {
        "versions": versions, "in_force": in_force, "today": today,
        "may_prepare": has_role(request.user, Role.BUREAU_OFFICER),
        "crumbs": [(_("政策参数"), None)],
    })


def _form_page(request, *, version=None):
    today = timezone.localdate()
    start = version.policy if version is not None else policy.policy_in_force(today)
    values = {p.key: start[p.key] for p in policy.PARAMETERS}
    initial = ({"basis": version.basis, "effective_from": version.effective_from, "summary": version.summary}
               if version is not None else {})
    form = PolicyVersionForm(request.POST or None, values=values, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            fields = {"values": form.raw_values(), "basis": form.cleaned_data["basis"],
                      "effective_from": form.cleaned_data["effective_from"], "summary": form.cleaned_data["summary"]}
            if version is None:
                version = policy_services.prepare_version(actor=request.user, today=today, **fields)
                messages.success(request, _("已拟定，待负责人签发。"))
            else:
                version = policy_services.revise_version(version, actor=request.user, today=today, **fields)
                messages.success(request, _("已修改，待负责人签发。"))
            return redirect("policy-version-detail", pk=version.pk)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except RuleRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, f"{reason.message}（{reason.article}）")
    title = _("修改拟定的政策参数") if version is not None else _("拟定政策参数调整")
    return render(request, "portal/policy_version_form.html", {
        "form": form, "version": version, "title": title, "based_on": start,
        "crumbs": _crumbs((title, None)),
    }, status=400 if request.method == "POST" else 200)


@login_required
def version_new(request):
    if not has_role(request.user, Role.BUREAU_OFFICER):
        raise PermissionDenied
    return _form_page(request)


@login_required
def version_edit(request, pk):
    _bureau(request)
    version = get_object_or_404(PolicyVersion, pk=pk)
    if "revise" not in workflow.get(KIND).allowed_codes(version, request.user, timezone.localdate()):
        raise PermissionDenied
    return _form_page(request, version=version)


@login_required
def version_detail(request, pk, *, return_form=None, status=200):
    _bureau(request)
    version = get_object_or_404(PolicyVersion.objects.select_related("prepared_by", "authorised_by"), pk=pk)
    previous = policy_services.previous_version(version)
    changed = set(policy_services.changed_keys(version, previous))
    before = previous.policy if previous is not None else None
    rows = [{**row, "changed": row["param"].key in changed,
             "before": row["param"].display(before[row["param"].key]) if before is not None else ""}
            for row in version.policy.rows()]
    today = timezone.localdate()
    wf = workflow.get(KIND)
    _may, refusals = wf.refusals(version, "authorise", request.user, today)
    return render(request, "portal/policy_version_detail.html", {
        "version": version, "rows": rows, "previous": previous, "timeline": timeline_for(version),
        "authorise_refusals": refusals if has_role(request.user, Role.BUREAU_HEAD) else [],
        "return_form": return_form or ReturnForm(), "crumbs": _crumbs((str(version), None)),
        "published": version.status == PolicyVersionStatus.PUBLISHED,
    }, status=status)


@login_required
@require_POST
def version_action(request, pk, action):
    _bureau(request)
    version = get_object_or_404(PolicyVersion, pk=pk)
    today = timezone.localdate()
    if action not in ("authorise", "return"):
        raise PermissionDenied
    if not workflow.confirmed(KIND, action, request.POST):
        messages.error(request, _("请勾选确认框后再提交。"))
        return redirect("policy-version-detail", pk=pk)
    try:
        if action == "authorise":
            version = policy_services.authorise_version(version, actor=request.user, today=today)
            messages.success(request, _("已签发发布：%(v)s，%(day)s 起施行。") % {
                "v": version, "day": version.effective_from.isoformat()})
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                return version_detail(request, pk, return_form=form, status=400)
            policy_services.return_version(version, actor=request.user, today=today, reason=form.cleaned_data["reason"])
            messages.success(request, _("已退回经办人。"))
    except RuleRefused as refused:
        for reason in refused.reasons:
            messages.error(request, f"{reason.message}（{reason.article}）")
        return redirect("policy-version-detail", pk=pk)
    return redirect("policy-version-detail", pk=pk)
