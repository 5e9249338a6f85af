"""Pages of the panel day (答辩会): the agenda for the bureau and the panel, each item's full file and sheet,
and the minutes. Thin: load through the selectors, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.forms import STEPS
from portal import workflow
from portal.audit import record_read
from portal.pdf import pdf_response
from portal.policy import policy_in_force
from portal.roles import is_bureau
from portal.selectors import get_visible_or_404

from . import forms, panel_forms, panel_selectors, panel_services, rules, selectors, services
from .panel_minutes import render_minutes
from .panel_models import AgendaItemStatus, PanelDayStatus
from .views import _apply, _confirmed, _round_crumbs
from .workflow import ENTRY, PANEL_DAY, PANEL_ITEM, expected_scorers, submitted_member_ids


def _today():
    return timezone.localdate()


def _day_crumbs(day, *extra):
    return _round_crumbs(day.round, (day.title, reverse("review:panel-day", args=[day.pk]) if extra else None),
                         *extra)


def _load_day(request, pk):
    return get_visible_or_404(panel_selectors.days_visible_to(request.user), pk=pk)


def _load_item(request, pk):
    return get_visible_or_404(panel_selectors.items_visible_to(request.user), pk=pk)


def _take(request, wf, obj, code: str, call, done: str, day_id):
    """A declared action taken from the agenda page: the role first (a 403 before the body is read), the
    confirmation where the declaration asks for one, then the service; back to the day's page."""
    if not wf.action(code).takes_role(request.user):
        raise PermissionDenied
    if _confirmed(request, wf.kind, code) and _apply(request, None, lambda: call(
            obj, actor=request.user, today=_today())):
        messages.success(request, done)
    return redirect("review:panel-day", day_id)


@login_required
@require_POST
def day_create(request, pk):
    review_round = get_visible_or_404(selectors.rounds_visible_to(request.user), pk=pk)
    if not is_bureau(request.user):
        raise PermissionDenied
    form = panel_forms.DayForm(selectors.members_of(review_round), request.POST)
    created = {}
    if form.is_valid() and _apply(request, None, lambda: created.update(day=panel_services.create_day(
            review_round, title=form.cleaned_data["title"], held_on=form.cleaned_data["held_on"],
            place=form.cleaned_data["place"], chair=form.chair_user(), actor=request.user, today=_today()))):
        messages.success(request, _("答辩会已创建，请编排议程。"))
        return redirect("review:panel-day", created["day"].pk)
    for field, errors in form.errors.items():
        messages.error(request, f"{form.fields[field].label if field in form.fields else ''} {' '.join(errors)}")
    return redirect("review:round-detail", pk)


@login_required
def day_detail(request, pk):
    """The agenda: the bureau sets it and runs the session; a member sees it with a recusal screen on the items
    they declared a conflict on; the bureau and the chair see the too-fast flags."""
    day = _load_day(request, pk)
    user, bureau = request.user, is_bureau(request.user)
    items = panel_selectors.agenda(day, user)
    actions = set(PANEL_DAY.allowed_codes(day, user, _today()))
    open_item = next((i for i in items if i.status == AgendaItemStatus.OPEN), None)
    context = {
        "day": day, "items": items, "bureau": bureau, "actions": actions, "open_item": open_item,
        "item_actions": set(PANEL_ITEM.allowed_codes(open_item, user, _today())) if open_item else set(),
        "may_open": bureau and day.status == PanelDayStatus.IN_SESSION and open_item is None,
        "attendance": panel_selectors.attendance(day),
        "flags": panel_selectors.flags(day) if panel_selectors.sees_flags(day, user) else None,
        "minimum_minutes": rules.panel_minimum_reading_seconds(policy_in_force(_today())) // 60,
        "crumbs": _day_crumbs(day),
    }
    if "set_agenda" in actions:
        members = selectors.members_of(day.round)
        context["agenda_form"] = panel_forms.AgendaItemForm(
            list(day.round.entries.select_related("application")),
            initial={"position": len(items) + 1, "room": day.place})
        context["attendance_form"] = panel_forms.AttendanceForm(members)
    return render(request, "review/panel_day.html", context)


@login_required
@require_POST
def agenda_add(request, pk):
    day = _load_day(request, pk)
    if not PANEL_DAY.action("set_agenda").takes_role(request.user):
        raise PermissionDenied
    form = panel_forms.AgendaItemForm(list(day.round.entries.select_related("application")), request.POST)
    if form.is_valid():
        if _apply(request, None, lambda: panel_services.set_agenda_item(
                day, entry=form.chosen_entry(), position=form.cleaned_data["position"],
                starts_at=form.cleaned_data["starts_at"], room=form.cleaned_data["room"],
                video_link=form.cleaned_data["video_link"], actor=request.user, today=_today())):
            messages.success(request, _("议程已更新。"))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label if field in form.fields else ''} {' '.join(errors)}")
    return redirect("review:panel-day", pk)


@login_required
@require_POST
def agenda_remove(request, pk):
    item = _load_item(request, pk)
    if not PANEL_DAY.action("set_agenda").takes_role(request.user):
        raise PermissionDenied
    if _apply(request, None, lambda: panel_services.remove_agenda_item(item, actor=request.user, today=_today())):
        messages.success(request, _("已移出议程。"))
    return redirect("review:panel-day", item.day_id)


@login_required
@require_POST
def day_start(request, pk):
    day = _load_day(request, pk)
    if not PANEL_DAY.action("start_session").takes_role(request.user):
        raise PermissionDenied
    form = panel_forms.AttendanceForm(selectors.members_of(day.round), request.POST)
    if form.is_valid() and _apply(request, None, lambda: panel_services.start_session(
            day, present=form.present_users(), actor=request.user, today=_today())):
        messages.success(request, _("出席情况已登记，答辩会开始。"))
    return redirect("review:panel-day", pk)


@login_required
@require_POST
def day_close(request, pk):
    return _take(request, PANEL_DAY, _load_day(request, pk), "close_session", panel_services.close_session,
                 _("答辩会已结束，会议纪要待签署。"), pk)


@login_required
@require_POST
def day_sign(request, pk):
    return _take(request, PANEL_DAY, _load_day(request, pk), "sign_minutes", panel_services.sign_minutes,
                 _("会议纪要已签署，答辩会记录已锁定。"), pk)


@login_required
def minutes_pdf(request, pk):
    """The signed minutes as stored; before signing, the bureau's draft of a closed day."""
    day = _load_day(request, pk)
    if day.status == PanelDayStatus.SIGNED:
        return pdf_response(bytes(day.minutes_pdf), f"panel-minutes-{day.pk}.pdf")
    if not is_bureau(request.user) or day.status != PanelDayStatus.CLOSED:
        raise Http404
    return pdf_response(render_minutes(day), f"panel-minutes-{day.pk}-draft.pdf")


@login_required
@require_POST
def item_open(request, pk):
    item = _load_item(request, pk)
    return _take(request, PANEL_ITEM, item, "open_item", panel_services.open_item, _("本项答辩已开始。"), item.day_id)


@login_required
@require_POST
def item_close(request, pk):
    item = _load_item(request, pk)
    return _take(request, PANEL_ITEM, item, "close_item", panel_services.close_item, _("本项答辩评分已结束。"),
                 item.day_id)


@login_required
@require_POST
def item_site_visit(request, pk):
    """The panel's decision on a site visit, taken after the defense (第五条第3项)."""
    item = _load_item(request, pk)
    form = forms.SiteVisitForm(request.POST)
    if form.is_valid() and _apply(request, None, lambda: services.decide_site_visit(
            item.entry, required=form.cleaned_data["required"], actor=request.user, today=_today())):
        messages.success(request, _("已记录是否实地考察的决定。"))
    return redirect("review:panel-item", pk)


@login_required
def item_detail(request, pk):
    """One item of the agenda: the applicant's full file and the member's sheet. A member declares first; a
    member who declared a conflict gets a 403 on the item's materials and sheet (nothing else)."""
    item = _load_item(request, pk)
    day, entry, user = item.day, item.entry, request.user
    bureau = is_bureau(user)
    if bureau and request.method == "POST":
        raise PermissionDenied  # declaring and scoring are the members'; the bureau's actions have their own URLs
    context = {"item": item, "day": day, "entry": entry, "bureau": bureau,
               "crumbs": _day_crumbs(day, (str(entry.application), None))}
    if not bureau:
        declaration = selectors.declaration_of(entry, user)
        if declaration is None:
            form = forms.DeclarationForm(request.POST or None)
            if request.method == "POST" and "declare" in request.POST and form.is_valid() and _apply(
                    request, form, lambda: services.declare_conflict(
                        entry, conflict=form.cleaned_data["conflict"], statement=form.cleaned_data["statement"],
                        actor=user, today=_today())):
                messages.success(request, _("利益冲突申报已记录。"))
                return redirect("review:panel-day" if form.cleaned_data["conflict"] else "review:panel-item",
                                day.pk if form.cleaned_data["conflict"] else pk)
            context["declaration_form"] = form
            return render(request, "review/panel_item.html", context)
        if declaration.conflict:
            raise PermissionDenied
    application = entry.application
    record_read(user, application)
    actions = set(PANEL_ITEM.allowed_codes(item, user, _today()))
    expected, submitted = expected_scorers(item), submitted_member_ids(entry)
    revealed = panel_selectors.scores_revealed(item)
    context.update({
        "application": application, "steps": STEPS, "attachments": application.attachments.all(),
        "actions": actions, "revealed": revealed, "expected_count": len(expected),
        "submitted_count": len(expected & submitted), "mine_submitted": user.pk in submitted,
        "table": panel_selectors.item_table(item) if revealed or (bureau and item.status == AgendaItemStatus.CLOSED)
        else None,
        "entry_actions": set(ENTRY.allowed_codes(entry, user, _today())) if bureau else set(),
        "site_visit_form": forms.SiteVisitForm() if bureau else None,
    })
    if bureau:
        context["waiting_for"] = [a.member for a in panel_selectors.attendance(day)
                                  if a.member_id in expected - submitted]
    if "submit_item_sheet" in actions:
        form = panel_forms.PanelSheetForm(entry.round.criteria, request.POST or None)
        if request.method == "POST" and form.is_valid():
            if not workflow.confirmed("panel_item", "submit_item_sheet", request.POST):
                form.add_error(None, _("评分表提交后不可修改，请勾选确认后再提交。"))
            elif _apply(request, form, lambda: panel_services.submit_item_sheet(
                    item, points=form.points(), comment=form.cleaned_data["comment"],
                    justification=form.cleaned_data["justification"], actor=user, today=_today())):
                messages.success(request, _("评分表已提交。"))
                return redirect("review:panel-item", pk)
        context["sheet_form"] = form
    return render(request, "review/panel_item.html", context)
