"""Pages of the review for the bureau, the experts and the head; thin: load, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import workflow
from portal.audit import record_read
from portal.errors import RuleRefused
from portal.roles import is_bureau
from portal.selectors import get_visible_or_404
from portal.web import refusal_text
from portal.workdays import uncovered_years

from . import forms, panel_forms, panel_selectors, selectors, services
from .models import Entry, Objection, RoundStatus
from .rules import Criterion
from .workflow import ENTRY, ROUND, STATIONS, missing_before


def _today():
    return timezone.localdate()


def _require(user, allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _confirmed(request, kind: str, code: str) -> bool:
    """An action declared confirm=True runs only with the page's "不可修改" box ticked."""
    if workflow.confirmed(kind, code, request.POST):
        return True
    messages.error(request, _("此操作提交后不可修改，请勾选确认后再提交。"))
    return False


def _apply(request, form, action) -> bool:
    """Run a service; a refusal or field errors go back onto the page (form kept as typed)."""
    try:
        action()
    except RuleRefused as refused:
        for reason in refused.as_dict()["reasons"]:
            messages.error(request, refusal_text(reason))
        if form is not None:
            form.add_error(None, str(refused.detail))
        return False
    except ValidationError as error:
        if form is None:
            for message in error.messages:
                messages.error(request, message)
            return False
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True


def _round_crumbs(review_round=None, *extra):
    crumbs = [(_("专家评审"), reverse("review:round-list"))]
    if review_round is not None:
        crumbs.append((review_round.name, reverse("review:round-detail", args=[review_round.pk])))
    return crumbs + list(extra)


@login_required
def round_list(request):
    _require(request.user, selectors.may_see_review(request.user))
    query, status = request.GET.get("q", ""), request.GET.get("status", "")
    rounds = selectors.search_rounds(selectors.rounds_visible_to(request.user), query=query, status=status)
    page = Paginator(rounds, 20).get_page(request.GET.get("page"))
    return render(request, "review/round_list.html", {
        "page": page, "q": query, "status": status, "statuses": RoundStatus.choices,
        "query_string": f"q={query}&status={status}", "crumbs": _round_crumbs()[:1],
        "may_create": is_bureau(request.user),
    })


@login_required
def round_create(request):
    _require(request.user, is_bureau(request.user))
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}

        def action():
            created["round"] = services.create_round(
                name=form.cleaned_data["name"], criteria=form.criteria(), quorum=form.cleaned_data["quorum"],
                comment_share=form.cleaned_data["comment_share"], outlier_margin=form.cleaned_data["outlier_margin"],
                actor=request.user, today=_today())

        if _apply(request, form, action):
            messages.success(request, _("评审批次已创建。"))
            return redirect("review:round-detail", created["round"].pk)
    return render(request, "review/round_form.html", {
        "form": form, "crumbs": _round_crumbs(None, (_("新建评审批次"), None))})


def _load_round(request, pk):
    return get_visible_or_404(selectors.rounds_visible_to(request.user), pk=pk)


@login_required
def round_detail(request, pk):
    review_round = _load_round(request, pk)
    bureau = is_bureau(request.user)
    entries = list(selectors.entries_with_member_state(review_round, request.user))
    publicity = getattr(review_round, "publicity", None)
    context = {
        "round": review_round, "entries": entries, "bureau": bureau,
        "members": selectors.members_of(review_round), "publicity": publicity,
        "criteria": [(Criterion(c).label, m) for c, m in review_round.criteria.items()],
        "crumbs": _round_crumbs(None, (review_round.name, None)),
        "panel_days": panel_selectors.days_of_round(review_round, request.user),
    }
    if bureau:
        context["day_form"] = panel_forms.DayForm(context["members"], initial={"held_on": _today()})
        context.update({
            "application_form": forms.AddApplicationForm(), "member_form": forms.AddMemberForm(),
            "publicity_form": forms.PublicityForm(entries, initial={"starts_on": _today()}),
            "objections": selectors.objections_of(publicity) if publicity else [],
            "answer_form": forms.AnswerForm(),
        })
        if publicity and publicity.provisional:
            context["uncovered_years"] = uncovered_years(publicity.starts_on.year, publicity.ends_on.year)
    return render(request, "review/round_detail.html", context)


@login_required
@require_POST
def round_add_application(request, pk):
    review_round = _load_round(request, pk)
    _require(request.user, is_bureau(request.user))
    form = forms.AddApplicationForm(request.POST)
    if form.is_valid() and _apply(request, None, lambda: services.add_application(
            review_round, form.cleaned_data["application"], actor=request.user, today=_today())):
        messages.success(request, _("申请已列入评审批次。"))
    return redirect("review:round-detail", pk)


@login_required
@require_POST
def round_add_member(request, pk):
    review_round = _load_round(request, pk)
    _require(request.user, is_bureau(request.user))
    form = forms.AddMemberForm(request.POST)
    if form.is_valid() and _apply(request, None, lambda: services.add_member(
            review_round, form.cleaned_data["user"], actor=request.user, today=_today())):
        messages.success(request, _("评审专家已加入评审小组。"))
    return redirect("review:round-detail", pk)


def _round_action(request, pk, service, success):
    """A button on the round page: run the service for this round, report, go back."""
    review_round = _load_round(request, pk)
    if _apply(request, None, lambda: service(review_round, actor=request.user, today=_today())):
        messages.success(request, success)
    return redirect("review:round-detail", pk)


@login_required
@require_POST
def round_close_scoring(request, pk):
    review_round = _load_round(request, pk)
    _require(request.user, ROUND.action("close_scoring").takes_role(request.user))  # who before what was sent
    if not _confirmed(request, "review_round", "close_scoring"):
        return redirect("review:round-detail", review_round.pk)
    return _round_action(request, pk, services.close_scoring, _("评分已结束，已计算最终得分。"))


@login_required
@require_POST
def round_file(request, pk):
    return _round_action(request, pk, services.record_filing, _("已记录报商务部备案。"))


@login_required
@require_POST
def round_approve(request, pk):
    return _round_action(request, pk, services.approve_publicity, _("公示已批准发布。"))


@login_required
@require_POST
def round_designate(request, pk):
    return _round_action(request, pk, services.designate, _("已确定试点企业，结果通知书已发送。"))


@login_required
def round_propose(request, pk):
    review_round = _load_round(request, pk)
    _require(request.user, ROUND.action("propose_publicity").takes_role(request.user))
    entries = list(selectors.ranking(review_round))
    form = forms.PublicityForm(entries, request.POST or None, initial={"starts_on": _today()})
    if request.method == "POST" and form.is_valid() and _apply(request, form, lambda: services.propose_publicity(
            review_round, entry_ids=[int(i) for i in form.cleaned_data["entries"]],
            starts_on=form.cleaned_data["starts_on"], working_days=form.cleaned_data["working_days"],
            title=form.cleaned_data["title"], actor=request.user, today=_today())):
        messages.success(request, _("拟公示名单已提交负责人批准。"))
        return redirect("review:round-detail", pk)
    return render(request, "review/publicity_form.html", {
        "round": review_round, "form": form, "crumbs": _round_crumbs(review_round, (_("拟定公示名单"), None))})


@login_required
@require_POST
def objection_answer(request, pk):
    _require(request.user, ROUND.action("answer_objection").takes_role(request.user))
    objection = get_visible_or_404(Objection.objects.select_related("publicity"), pk=pk)
    form = forms.AnswerForm(request.POST)
    if form.is_valid() and _apply(request, None, lambda: services.answer_objection(
            objection, answer=form.cleaned_data["answer"], actor=request.user, today=_today())):
        messages.success(request, _("异议已答复。"))
    elif not form.is_valid():
        messages.error(request, _("请填写答复内容。"))
    return redirect("review:round-detail", objection.publicity.round_id)


def _load_entry(request, pk) -> Entry:
    return get_visible_or_404(selectors.entries_visible_to(request.user), pk=pk)


@login_required
def entry_detail(request, pk):
    """One application before the panel. A member declares first; with a conflict they see nothing more."""
    entry = _load_entry(request, pk)
    review_round, user = entry.round, request.user
    bureau = is_bureau(user)
    context = {"entry": entry, "round": review_round, "bureau": bureau,
               "crumbs": _round_crumbs(review_round, (str(entry.application), None))}
    if bureau:
        record_read(user, entry.application)
        actions = set(ENTRY.allowed_codes(entry, user, _today()))
        # Only the stages the declaration allows now are offered (the next one in order, or one to record again).
        offered = [s.code for s in STATIONS if s.action in actions and s.code in forms.StageForm.STAGE_CODES]
        context.update({
            "actions": actions,
            "stages": entry.stages.select_related("recorded_by"), "stage_form": forms.StageForm(offered=offered),
            "site_visit_form": forms.SiteVisitForm(), "declarations": entry.declarations.select_related("member"),
            "summary": selectors.score_summary(entry, user), "sheets": selectors.visible_sheets(entry, user),
            "missing": [s.label for s in missing_before(entry)],
        })
        return render(request, "review/entry_bureau.html", context)
    declaration = selectors.declaration_of(entry, user)
    context["declaration"] = declaration
    if declaration is None:
        form = forms.DeclarationForm(request.POST or None)
        if request.method == "POST" and form.is_valid() and _apply(request, form, lambda: services.declare_conflict(
                entry, conflict=form.cleaned_data["conflict"], statement=form.cleaned_data["statement"],
                actor=user, today=_today())):
            messages.success(request, _("利益冲突申报已记录。"))
            return redirect("review:entry-detail", pk)
        context["declaration_form"] = form
        return render(request, "review/entry_expert.html", context)
    if declaration.conflict:
        raise PermissionDenied
    record_read(user, entry.application)
    sheet = entry.sheets.filter(member=user).first()
    actions = set(ENTRY.allowed_codes(entry, user, _today()))
    context.update({"sheet": sheet, "sheets": selectors.visible_sheets(entry, user), "actions": actions,
                    "summary": selectors.score_summary(entry, user), "missing": services.stages_missing(entry),
                    "application": entry.application})
    if actions & {"save_sheet", "submit_sheet"}:
        initial = {"comment": sheet.comment if sheet else ""}
        initial.update(sheet.points if sheet else {})
        form = forms.SheetForm(review_round.criteria, request.POST or None, initial=initial)
        submit = "submit" in request.POST
        if request.method == "POST" and form.is_valid():
            if submit and not workflow.confirmed("review_entry", "submit_sheet", request.POST):
                form.add_error(None, _("评分表提交后不可修改，请勾选确认后再提交。"))
            elif _apply(request, form, lambda: services.save_sheet(
                    entry, points=form.points(), comment=form.cleaned_data["comment"], submit=submit, actor=user,
                    today=_today())):
                messages.success(request, _("评分表已提交。") if submit else _("评分草稿已保存。"))
                return redirect("review:entry-detail", pk)
        context["sheet_form"] = form
    return render(request, "review/entry_expert.html", context)


@login_required
@require_POST
def entry_stage(request, pk):
    entry = _load_entry(request, pk)
    _require(request.user, is_bureau(request.user))
    form = forms.StageForm(request.POST)  # every stage parses; the declaration refuses one out of order (409)
    if form.is_valid():
        if _apply(request, None, lambda: services.record_stage(entry, actor=request.user, today=_today(),
                                                              **form.cleaned_data)):
            messages.success(request, _("评审环节已记录。"))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label if field in form.fields else ''} {' '.join(errors)}")
    return redirect("review:entry-detail", pk)


@login_required
@require_POST
def entry_site_visit(request, pk):
    entry = _load_entry(request, pk)
    form = forms.SiteVisitForm(request.POST)
    if form.is_valid() and _apply(request, None, lambda: services.decide_site_visit(
            entry, required=form.cleaned_data["required"], actor=request.user, today=_today())):
        messages.success(request, _("已记录是否实地考察的决定。"))
    return redirect("review:entry-detail", pk)
