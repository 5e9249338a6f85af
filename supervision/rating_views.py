"""好差评 pages (issue 23 point 4): the enterprise rates its completed services, the complainant rates a
closed complaint through the link given on closing, the bureau works the follow-up cases of 差评, and the
public reads the monthly figures. Thin: parse, call supervision.ratings, render."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal import workflow
from portal.activity import timeline_for
from portal.exports import xlsx_response
from portal.roles import Role, has_role, is_bureau
from portal.selectors import get_visible_or_404
from portal.web import run_action

from . import rating_rules, ratings
from .rating_models import ServiceKind, ServiceRating

SCORE_CHOICES = [(score, f"{score} · {label}") for score, label in sorted(rating_rules.SCORE_LABELS.items(), reverse=True)]


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(label=gettext_lazy("评价"), choices=SCORE_CHOICES, coerce=int,
                                   widget=forms.RadioSelect)
    comment = forms.CharField(label=gettext_lazy("评价意见（差评必填）"), required=False,
                              max_length=rating_rules.COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 4}))


class ResolveForm(forms.Form):
    reply = forms.CharField(label=gettext_lazy("整改情况及对评价人的答复"), max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 5}))


def _crumbs(*more):
    return [(_("服务评价"), reverse("supervision:ratings")), *more]


@login_required
def rating_list(request):
    """The enterprise: what it may rate and what it rated; the bureau: every rating."""
    if not (is_bureau(request.user) or has_role(request.user, Role.ENTERPRISE_USER)):
        raise PermissionDenied
    rated = ratings.ratings_visible_to(request.user)
    page = Paginator(rated, 25).get_page(request.GET.get("page"))
    return render(request, "supervision/ratings/list.html", {
        "to_rate": ratings.services_to_rate(request.user), "page": page, "bureau": is_bureau(request.user),
        "crumbs": [(_("服务评价"), None)],
    })


def _rate(request, service, *, token: str = "", template: str, crumbs, done_url: str):
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_action(request, lambda: ratings.rate_service(
                service.kind, service.pk, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"],
                actor=request.user if request.user.is_authenticated else None, token=token,
                today=timezone.localdate()), _("感谢您的评价。"), form=form):
            return redirect(done_url)
        if not form.errors:  # refused (rated already): the message says so
            return redirect(done_url)
    return render(request, template, {"form": form, "service": service, "crumbs": crumbs},
                  status=400 if form.errors else 200)


@login_required
def rate(request, kind, pk):
    if kind not in ratings.ENTERPRISE_KINDS or not has_role(request.user, Role.ENTERPRISE_USER):
        raise Http404
    service = ratings.completed_service(kind, pk)
    if service is None or service.enterprise_id != request.user.organisation_id:
        raise Http404
    if ServiceRating.objects.filter(service_kind=kind, object_id=pk).exists() and request.method == "GET":
        return redirect("supervision:ratings")
    return _rate(request, service, template="supervision/ratings/rate.html",
                 crumbs=_crumbs((_("评价"), None)), done_url=reverse("supervision:ratings"))


def public_rate_complaint(request, token):
    """The complainant's link (no login): rate the closed complaint once, and later read the answer."""
    pk = ratings.complaint_of_token(token)
    service = ratings.completed_service(ServiceKind.COMPLAINT, pk) if pk else None
    if service is None:
        raise Http404
    existing = ServiceRating.objects.filter(service_kind=ServiceKind.COMPLAINT, object_id=pk) \
        .select_related("follow_up").first()
    crumbs = [(_("投诉"), reverse("supervision:complaint-new")), (_("服务评价"), None)]
    if existing is not None and request.method == "GET":
        return render(request, "supervision/ratings/rate.html", {"service": service, "rating": existing,
                                                                 "crumbs": crumbs})
    return _rate(request, service, token=token, template="supervision/ratings/rate.html", crumbs=crumbs,
                 done_url=request.path)


def _bureau(request):
    if not is_bureau(request.user):
        raise PermissionDenied


@login_required
def follow_up_list(request):
    _bureau(request)
    status = request.GET.get("status", "open")
    qs = ratings.follow_ups_visible_to(request.user)
    if status in ("open", "resolved"):
        qs = qs.filter(status=status)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "supervision/ratings/follow_up_list.html", {
        "page": page, "status": status, "query_string": f"status={status}", "today": timezone.localdate(),
        "crumbs": _crumbs((_("差评整改回访"), None)),
    })


@login_required
def follow_up_detail(request, pk, form=None, status=200):
    _bureau(request)
    follow_up = get_visible_or_404(ratings.follow_ups_visible_to(request.user), pk=pk)
    return render(request, "supervision/ratings/follow_up_detail.html", {
        "follow_up": follow_up, "rating": follow_up.rating, "form": form or ResolveForm(),
        "timeline": timeline_for(follow_up, include_internal=True), "today": timezone.localdate(),
        "crumbs": _crumbs((_("差评整改回访"), reverse("supervision:follow-up-list")), (follow_up.rating.reference, None)),
    }, status=status)


@login_required
@require_POST
def follow_up_resolve(request, pk):
    _bureau(request)
    follow_up = get_visible_or_404(ratings.follow_ups_visible_to(request.user), pk=pk)
    form = ResolveForm(request.POST)
    if not workflow.confirmed("rating_follow_up", "resolve", request.POST):
        form.add_error(None, _("请先勾选确认。"))
    if form.is_valid() and run_action(request, lambda: ratings.resolve_follow_up(
            follow_up, reply=form.cleaned_data["reply"], actor=request.user, today=timezone.localdate()),
            _("已答复评价人。"), form=form):
        return redirect("supervision:follow-up-detail", pk=pk)
    if not form.errors:
        return redirect("supervision:follow-up-detail", pk=pk)
    return follow_up_detail(request, pk, form=form, status=400)


def public_rating_figures(request):
    """The public monthly figures of 好差评 (国办发〔2019〕51号: results are made public)."""
    figures = ratings.monthly_figures(timezone.localdate())
    return render(request, "supervision/ratings/figures.html", {
        "figures": figures, "bureau": is_bureau(request.user), "crumbs": [(_("服务评价统计"), None)],
        "article": rating_rules.ARTICLE, "days": rating_rules.follow_up_working_days(),
    })


@login_required
def rating_figures_export(request):
    _bureau(request)
    today = timezone.localdate()
    rows = ratings.figure_rows(ratings.monthly_figures(today, months=120))
    return xlsx_response(f"service-ratings-{today:%Y%m%d}.xlsx", [str(h) for h in ratings.FIGURE_HEADERS], rows,
                         sheet_title=_("好差评"))

