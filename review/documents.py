"""Pages and files of the results: ranking, score report, result letters, MOFCOM filing list, public lists."""

from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.exports import xlsx_response
from portal.official import authority, chinese_date, document_number, official_document, person_name
from portal.pdf import pdf_response, render_pdf
from portal.policy import policy_in_force, wording
from portal.roles import is_bureau
from portal.selectors import get_visible_or_404

from . import forms, selectors, services
from .models import PublicityStatus, RoundStatus
from .rules import Criterion
from .views import _apply


def _bureau_round(request, pk):
    if not is_bureau(request.user):
        raise PermissionDenied
    return get_visible_or_404(selectors.rounds_visible_to(request.user), pk=pk)


def _closed_round(request, pk):
    review_round = _bureau_round(request, pk)
    if review_round.scoring_open:
        messages.error(request, _("评分尚未结束。"))
    return review_round


# 发文字号 of the review's documents (GB/T 9704): the prefix, the year and the record's own number.
RESULT_LETTER_PREFIX = "并商务函"
FILING_PREFIX = "并商务备"
SCORE_REPORT_PREFIX = "并商务评"


def _number(value):
    """Scores go to the spreadsheet as numbers (issue 20), not as text."""
    if value in (None, ""):
        return None
    return Decimal(str(value))


def _ranking_rows(review_round):
    codes = list(review_round.criteria)
    rows = []
    for entry in selectors.ranking(review_round):
        per = entry.per_criterion or {}
        rows.append({"entry": entry, "criteria": [_number(per.get(c)) for c in codes],
                     "outliers": sorted(services.outlier_members(entry, review_round.outlier_margin))})
    return codes, rows


@login_required
def ranking(request, pk):
    review_round = _closed_round(request, pk)
    codes, rows = _ranking_rows(review_round) if not review_round.scoring_open else ([], [])
    return render(request, "review/ranking.html", {
        "round": review_round, "rows": rows, "labels": [Criterion(c).label for c in codes],
        "crumbs": [(_("专家评审"), reverse("review:round-list")),
                   (review_round.name, reverse("review:round-detail", args=[pk])), (_("评审排名"), None)]})


@login_required
def report_pdf(request, pk):
    review_round = _closed_round(request, pk)
    if review_round.scoring_open:
        return redirect("review:round-detail", pk)
    codes, rows = _ranking_rows(review_round)
    day = review_round.scoring_closed_on or timezone.localdate()
    pdf = render_pdf("review/pdf/score_report.html", {
        "round": review_round, "rows": rows, "labels": [Criterion(c).label for c in codes],
        "members": [person_name(m.user) for m in review_round.members.select_related("user")],
        "official": official_document(
            number=document_number(SCORE_REPORT_PREFIX, day.year, review_round.pk),
            title=_("二手车出口试点企业评审评分汇总表"), date=day),
        "today": timezone.localdate()})
    return pdf_response(pdf, f"score-report-{review_round.pk}.pdf")


@login_required
def report_xlsx(request, pk):
    review_round = _closed_round(request, pk)
    if review_round.scoring_open:
        return redirect("review:round-detail", pk)
    codes, rows = _ranking_rows(review_round)
    headers = [_("排名"), _("受理编号"), _("申请企业"), *[Criterion(c).label for c in codes], _("最终得分"),
               _("有效评分表数"), _("总分极差"), _("偏离提示")]
    data = [[r["entry"].rank, r["entry"].application.reference_number, r["entry"].application.organisation.name,
             *r["criteria"], _number(r["entry"].final_score), r["entry"].submitted_sheets,
             _number(r["entry"].total_spread), len(r["outliers"])] for r in rows]
    return xlsx_response(f"score-report-{review_round.pk}.xlsx", headers, data, sheet_title=_("评分汇总"))


def _designated_round(request, pk):
    review_round = _bureau_round(request, pk)
    if review_round.status not in (RoundStatus.DESIGNATED, RoundStatus.FILED):
        raise PermissionDenied
    return review_round


@login_required
def filing_pdf(request, pk):
    review_round = _designated_round(request, pk)
    entries = selectors.ranking(review_round).filter(approved=True)
    day = review_round.designated_on
    pdf = render_pdf("review/pdf/filing.html", {"round": review_round, "entries": entries, "official": official_document(
        number=document_number(FILING_PREFIX, day.year, review_round.pk),
        title=_("关于二手车出口试点企业名单备案的报告"), date=day, recipient=_("商务部"),
        signatory=person_name(review_round.designated_by))})
    return pdf_response(pdf, f"mofcom-filing-{review_round.pk}.pdf")


@login_required
def filing_xlsx(request, pk):
    review_round = _designated_round(request, pk)
    entries = selectors.ranking(review_round).filter(approved=True)
    headers = [_("序号"), _("企业名称"), _("统一社会信用代码"), _("注册地址"), _("最终得分"), _("确定日期")]
    rows = [[i, e.application.organisation.name, e.application.organisation.uscc, e.application.organisation.address,
             str(e.final_score), review_round.designated_on] for i, e in enumerate(entries, start=1)]
    return xlsx_response(f"mofcom-filing-{review_round.pk}.xlsx", headers, rows, sheet_title=_("备案名单"))


@login_required
def letter(request, pk):
    """The result letter (结果通知书) for one applicant: the bureau, or the enterprise itself."""
    entry = get_visible_or_404(selectors.letter_entry_visible_to(request.user), pk=pk)
    review_round = entry.round
    day = review_round.designated_on
    organisation = entry.application.organisation
    pdf = render_pdf("review/pdf/letter.html", {
        "entry": entry, "round": review_round, "organisation": organisation,
        "publicity_outcome": selectors.publicity_outcome_of(entry),
        "policy": wording(policy_in_force(day)),
        "official": official_document(
            number=document_number(RESULT_LETTER_PREFIX, day.year, entry.pk),
            title=_("二手车出口试点企业评审结果通知书"), date=day, recipient=organisation.name,
            signatory=person_name(review_round.designated_by))})
    return pdf_response(pdf, f"result-letter-{entry.pk}.pdf")


def public_publicity(request):
    """The public 公示 page: what is published, and a form to lodge an objection while it is open."""
    today = timezone.localdate()
    notices = list(selectors.published_publicities())
    for notice in notices:  # the period and the 成文日期 as an official notice writes them
        notice.start_text, notice.end_text = chinese_date(notice.starts_on), chinese_date(notice.ends_on)
        notice.dated_text = chinese_date(notice.approved_on)
    return render(request, "review/public_publicity.html", {
        "notices": notices, "today": today, "authority": authority(),
        "contact": {key: settings.PORTAL[f"CONTACT_{key.upper()}"] for key in ("office", "phone", "address")},
        "crumbs": [(_("评审结果公示"), None)]})


def public_objection_status(request):
    """Anyone follows an objection by its number: 已受理 or 已答复 with the answer; nothing of the objector."""
    number = request.GET.get("number", "").strip()
    objection = selectors.public_objection(number)
    if number and objection is None:
        messages.error(request, _("未找到该异议编号。"))
    return render(request, "review/public_objection_status.html", {
        "objection": objection, "number": number,
        "crumbs": [(_("评审结果公示"), reverse("review:public-publicity")), (_("异议办理进度"), None)]})


def public_objection(request, pk):
    publicity = get_visible_or_404(
        selectors.published_publicities().filter(status=PublicityStatus.PUBLISHED), pk=pk)
    listed = publicity.round.listed
    form = forms.ObjectionForm(listed, request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = next((e for e in listed if str(e.pk) == form.cleaned_data["entry"]), None)
        created = {}

        def action():
            created["objection"] = services.lodge_objection(
                publicity, entry=entry, content=form.cleaned_data["content"],
                contact_name=form.cleaned_data["contact_name"], contact_phone=form.cleaned_data["contact_phone"],
                contact_email=form.cleaned_data["contact_email"], today=timezone.localdate())

        if _apply(request, form, action):
            number = created["objection"].number
            messages.success(request, _("异议已提交，编号 %(n)s。请记下编号，凭编号查询办理进度；我们将在确定试点企业前答复。")
                             % {"n": number})
            return redirect(f"{reverse('review:public-objection-status')}?{urlencode({'number': number})}")
    return render(request, "review/public_objection.html", {
        "publicity": publicity, "form": form,
        "crumbs": [(_("评审结果公示"), reverse("review:public-publicity")), (_("提出异议"), None)]})


def pilots(request):
    """The public list of pilot enterprises (试点企业名单)."""
    query = request.GET.get("q", "").strip()
    qs = selectors.pilot_enterprises()
    if query:
        qs = qs.filter(name__icontains=query)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "review/pilots.html", {"page": page, "q": query, "query_string": f"q={query}",
                                                  "crumbs": [(_("试点企业名单"), None)]})
