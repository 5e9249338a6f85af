"""Printable documents: the export licence (with a QR code to the public check) and a vehicle's dossier."""

import base64
import io

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from portal.pdf import render_pdf

from . import selectors


def qr_data_uri(text: str) -> str:
    import qrcode

    image = qrcode.make(text, box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def public_licence_url(licence, request=None) -> str:
    """The public check with the licence's check code (api.md v1.1: printed and in the QR code)."""
    path = reverse("verify-licence", args=[licence.number]) + f"?code={licence.check_code}"
    return request.build_absolute_uri(path) if request is not None else f"https://{settings.ALLOWED_HOSTS[0]}{path}"


def licence_pdf(licence, request=None) -> bytes:
    url = public_licence_url(licence, request)
    vehicles = list(licence.vehicles.order_by("vin"))
    transfer_dates = dict(
        licence.vehicles.through.objects.filter(licence=licence).values_list("vehicle__vin", "vehicle__registered_to_enterprise_on")
    )
    return render_pdf("traceability/pdf/licence.html", {
        "licence": licence,
        "rows": [(v, transfer_dates.get(v.vin)) for v in vehicles],
        "qr": qr_data_uri(url),
        "verify_url": url,
        "authority": settings.PORTAL["ISSUING_AUTHORITY"],
    })


def payload_text(event) -> str:
    """An event's fields in words as one line of plain text (attachments are listed apart): in the PDF, an
    inline box per field cost a third of the dossier's layout time (issue 10)."""
    return "；".join(f"{label}：{value}" for label, value in event.payload_in_words)


def dossier_pdf(vehicle) -> bytes:
    """The file of one car, with each event's hash, its inclusion proof and the head it was proven against
    (issue 21): printed, and embedded as the JSON file eventlog.DOSSIER_ATTACHMENT that
    `python -m traceability.verify_dossier` reads back with no database and no network."""
    import json

    from . import eventlog

    report = selectors.verify_vehicle(vehicle)
    events = list(selectors.events_of(vehicle))
    proof = eventlog.dossier_proof(vehicle)
    proofs = {e["seq"]: e["inclusion"] for e in proof["events"]}
    return render_pdf("traceability/pdf/dossier.html", {
        "proof_head": proof["head"],
        "proof_rows": [(event, proofs.get(event.seq)) for event in events],
        "vehicle": vehicle,
        "events": events,
        "records": [(event, payload_text(event)) for event in events],
        "report": report,
        "eligibility": selectors.eligibility(vehicle, timezone.localdate()),
        "printed_at": timezone.localtime(),
    }, attachments={eventlog.DOSSIER_ATTACHMENT: json.dumps(proof, ensure_ascii=False, indent=1).encode()})
