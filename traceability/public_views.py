"""Public verification (no login): a licence number or a VIN, with no personal data (issue 6 point 7), and
the published heads of the event log (issue 21). Every page counts against the per-address limit."""

import functools

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import eventlog, public_limit, selectors, signatures
from .forms import VerifySearchForm
from .models import Licence, TreeHead, Vehicle


def limited(view):
    """api.md v1.1: beyond PUBLIC_VERIFY_RATE per address, a 429 page with Retry-After."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        wait = public_limit.retry_after(request)
        if wait is not None:
            response = render(request, "traceability/public/too_many.html", {
                "wait": wait, "crumbs": [(_("许可证与车辆查验"), None)]}, status=429)
            response["Retry-After"] = str(wait)
            return response
        return view(request, *args, **kwargs)

    return wrapper


@limited
def verify_search(request):
    form = VerifySearchForm(request.GET or None)
    if form.is_valid():
        q = form.cleaned_data["q"].strip().upper()
        if Licence.objects.filter(number=q).exists():
            return redirect("verify-licence", number=q)
        if Vehicle.objects.filter(vin=q).exists():
            return redirect("verify-vehicle", vin=q)
        form.add_error("q", _("没有找到该许可证号或车辆识别代号。"))
    return render(request, "traceability/public/verify_search.html", {
        "form": form, "crumbs": [(_("许可证与车辆查验"), None)],
    })


@limited
def verify_vehicle(request, vin):
    summary = selectors.public_vehicle_summary(vin.upper())
    if summary is None:
        raise Http404
    return render(request, "traceability/public/verify_vehicle.html", {
        "summary": summary,
        "crumbs": [(_("许可证与车辆查验"), "/verify/"), (summary["vin"], None)],
    })


@limited
def verify_licence(request, number):
    """With the check code printed on the licence (and in its QR code) the whole check; without it the
    number and status only, and a field for the code."""
    licence = get_object_or_404(Licence.objects.select_related("enterprise").prefetch_related("vehicles"),
                                number=number.upper())
    code = request.GET.get("code", "")
    return render(request, "traceability/public/verify_licence.html", {
        "summary": selectors.public_licence_answer(licence, code),
        "code_given": bool(code), "code_ok": selectors.check_code_matches(licence, code),
        "status_label": licence.get_status_display(),
        "crumbs": [(_("许可证与车辆查验"), "/verify/"), (licence.number, None)],
    })


@limited
def tree_heads(request):
    """The published heads of the event log, newest first, with the keys that signed them."""
    heads = [eventlog.head_answer(h) for h in TreeHead.objects.order_by("-published_at", "-id")[:100]]
    return render(request, "traceability/public/tree_heads.html", {
        "heads": heads, "keys": signatures.published_keys(), "mirrors": settings.TREE_HEAD_MIRRORS,
        "crumbs": [(_("许可证与车辆查验"), "/verify/"), (_("事件日志树头"), None)],
    })
