"""Public verification (no login): a licence number or a VIN, with no personal data (issue 6 point 7)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import selectors
from .forms import VerifySearchForm
from .models import Licence, Vehicle


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


def verify_vehicle(request, vin):
    summary = selectors.public_vehicle_summary(vin.upper())
    if summary is None:
        raise Http404
    return render(request, "traceability/public/verify_vehicle.html", {
        "summary": summary,
        "crumbs": [(_("许可证与车辆查验"), "/verify/"), (summary["vin"], None)],
    })


def verify_licence(request, number):
    licence = get_object_or_404(Licence.objects.select_related("enterprise").prefetch_related("vehicles"),
                                number=number.upper())
    return render(request, "traceability/public/verify_licence.html", {
        "summary": selectors.public_licence_summary(licence),
        "status_label": licence.get_status_display(),
        "crumbs": [(_("许可证与车辆查验"), "/verify/"), (licence.number, None)],
    })
