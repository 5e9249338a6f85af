"""Pages of maker–checker decisions, their signed letters and the licence lifecycle: thin views
over casework.decisions, casework.letters and traceability.lifecycle."""

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
from django.views.decorators.http import require_POST

from portal.errors import RuleRefused
from portal.pdf import pdf_response
from portal.roles import Role, has_role, is_bureau
from portal.selectors import get_visible_or_404
from portal.web import refusal_text, run_action

from . import decisions, forms, letters, rules, selectors, services
from .models import CaseKind, DecisionStatus
from .views import DECISION_FORM_IDS, LICENCE_CHANGE_FORM_IDS, PAGE_SIZE, _crumbs, _visible_case, render_case


def _refused_to_form(form, exc) -> None:
    """Show a service's refusal next to the form's fields (400) or above them (409)."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(exc, RuleRefused):
        for reason in exc.as_dict()["reasons"]:
            form.add_error(None, refusal_text(reason))
    else:
        form.add_error(None, "；".join(exc.messages))


@login_required
@require_POST
def prepare(request, kind: str, pk: int):
    _visible_case(request, kind, pk)
    decisions.ensure_may_prepare(request.user)
    form = forms.DecisionForm(request.POST, kinds=rules.decision_kinds_for(kind), auto_id=DECISION_FORM_IDS)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = decisions.prepare_decision(
                kind, pk, data["kind"], actor=request.user, today=timezone.localdate(), facts=data["facts"],
                article=data["article"], item=data["item"], revoke=data["revoke"], deadline=data["deadline"],
                statement_reply=data.get("statement_reply") or "")
        except (RuleRefused, ValidationError) as exc:
            _refused_to_form(form, exc)
        else:
            messages.success(request, _("决定已拟办，待负责人签发。"))
            return redirect("casework:decision-detail", pk=decision.pk)
    return render_case(request, kind, pk, decision_form=form, status=400)


def _decision(request, pk: int):
    return get_visible_or_404(selectors.decisions_visible_to(request.user), pk=pk)


@login_required
def decision_detail(request, pk: int):
    decision = _decision(request, pk)
    subject = services.case_object(decision.case_kind, decision.object_id)
    letter = getattr(decision, "letter", None)
    return render(request, "casework/decision_detail.html", {
        "decision": decision, "subject": subject, "letter": letter,
        "may_authorise": has_role(request.user, Role.BUREAU_HEAD) and decision.status == DecisionStatus.PREPARED,
        "same_official": decision.prepared_by_id == request.user.pk,
        "may_regenerate": is_bureau(request.user) and letter is not None,
        "return_form": forms.ReturnDecisionForm(),
        "case_url": reverse("casework:case-detail", args=[decision.case_kind, decision.object_id]),
        "crumbs": _crumbs((_("决定"), reverse("casework:decision-list")), (decision.get_kind_display(), None)),
    })


@login_required
@require_POST
def authorise(request, pk: int):
    decision = _decision(request, pk)
    run_action(request, lambda: decisions.authorise_decision(decision, actor=request.user, today=timezone.localdate()),
         _("决定已签发，文书已加盖电子签章并送达企业。"))
    return redirect("casework:decision-detail", pk=pk)


@login_required
@require_POST
def return_decision(request, pk: int):
    decision = _decision(request, pk)
    form = forms.ReturnDecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    run_action(request, lambda: decisions.return_decision(decision, actor=request.user, today=timezone.localdate(), note=note),
         _("已退回经办人。"))
    return redirect("casework:decision-detail", pk=pk)


@login_required
def letter_pdf(request, pk: int):
    decision = _decision(request, pk)
    letter = getattr(decision, "letter", None)
    if letter is None:
        raise Http404
    letter.refresh_from_db(fields=["pdf", "generation"])
    if not letter.generation:  # fixed on a workflow's route, not yet rendered and signed by its task
        letter = letters.generate_pdf(letter, services.case_object(decision.case_kind, decision.object_id))
    return pdf_response(bytes(letter.pdf), f"letter-{letter.pk}.pdf")


@login_required
@require_POST
def regenerate(request, pk: int):
    if not is_bureau(request.user):
        raise PermissionDenied
    decision = _decision(request, pk)
    letter = getattr(decision, "letter", None)
    if letter is None:
        raise Http404
    letters.regenerate_letter(letter, services.case_object(decision.case_kind, decision.object_id), actor=request.user)
    messages.success(request, _("文书已重新生成并签章，文号和日期不变。"))
    return redirect("casework:decision-detail", pk=pk)


@login_required
def decision_list(request):
    if not (is_bureau(request.user) or has_role(request.user, Role.AUDITOR, Role.ENTERPRISE_USER)):
        raise PermissionDenied
    form = forms.DecisionFilterForm(request.GET or None)
    qs = selectors.decisions_visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
        if data["q"]:
            qs = qs.filter(Q(enterprise__name__icontains=data["q"]) | Q(letter__number__icontains=data["q"])
                           | Q(facts__icontains=data["q"]))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "casework/decision_list.html", {
        "form": form, "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
        "query_string": params.urlencode(), "crumbs": _crumbs((_("决定"), None)),
    })


@login_required
@require_POST
def licence_change(request, pk: int):
    """Reinstate (the head) or surrender (the enterprise) an issued licence: the declaration's direct changes.
    Suspending and revoking are not here: an officer prepares them as decisions, the head authorises."""
    from traceability.lifecycle import change_licence, direct_changes_for
    from traceability.selectors import licences_visible_to

    licence = get_visible_or_404(licences_visible_to(request.user), pk=pk)
    changes = direct_changes_for(request.user)
    if not changes:
        raise PermissionDenied
    form = forms.LicenceChangeForm(request.POST, changes=changes, auto_id=LICENCE_CHANGE_FORM_IDS)
    if form.is_valid():
        try:
            change_licence(licence, form.cleaned_data["change"], actor=request.user, today=timezone.localdate(),
                           reason=form.cleaned_data["reason"])
        except (RuleRefused, ValidationError) as exc:
            _refused_to_form(form, exc)
        else:
            messages.success(request, _("许可证状态已变更，公开查验即时显示。"))
            if not is_bureau(request.user):
                return redirect("traceability:licence-detail", pk=pk)
            return redirect("casework:case-detail", kind=CaseKind.LICENCE, pk=pk)
    return render_case(request, CaseKind.LICENCE, pk, subject=licence, licence_change_form=form, status=400)
