"""The closing report of an incident (实施方案三(四)): an official document (GB/T 9704-2012, issue 20)
listing what was done per vehicle. Rendered once when the incident closes and kept: issued documents
are never edited."""

from django.utils.translation import gettext as _

from portal.countries import country_name
from portal.official import official_document, person_name
from portal.pdf import render_pdf

from .models import AffectedVehicle

CLOSING_REPORT_PREFIX = "并商务应急结"


def closing_report_number(incident) -> str:
    return f"{CLOSING_REPORT_PREFIX}〔{incident.closed_on.year}〕{incident.pk}号"


def report_rows(incident):
    """Each affected car with its outcome and the enterprise's last report (two queries)."""
    affected = (AffectedVehicle.objects.filter(incident=incident).select_related("vehicle")
                .prefetch_related("reports").order_by("vehicle__vin"))
    rows = []
    for item in affected:
        reports = list(item.reports.all())
        last = reports[-1] if reports else None
        rows.append({"vin": item.vehicle.vin, "model": f"{item.vehicle.brand} {item.vehicle.model}",
                     "country": country_name(item.vehicle.destination_country) if item.vehicle.destination_country else "—", "outcome": item.get_outcome_display(),
                     "reported_on": item.reported_on, "note": last.description if last else ""})
    return rows


def render_closing_report(incident) -> bytes:
    rows = report_rows(incident)
    counts = {}
    for row in rows:
        counts[row["outcome"]] = counts.get(row["outcome"], 0) + 1
    return render_pdf("compliance/pdf/incident_closing_report.html", {
        "incident": incident, "rows": rows, "counts": sorted(counts.items()),
        "official": official_document(
            number=incident.closing_report_number, title=_("二手车出口应急事件结案报告"), date=incident.closed_on,
            subtitle=f"（{incident.number}）", recipient=incident.enterprise.name,
            signatory=person_name(incident.closed_by), copy_to=_("太原海关")),
    })
