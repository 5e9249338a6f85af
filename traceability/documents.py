"""Printable documents: the export licence (with a QR code to the public check) and a vehicle's dossier."""

import base64
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.official import chinese_date, document_number, official_document, seal_data_uri
from portal.pdf import render_pdf

from . import selectors
from .models import EventType, TraceEvent
from .models import VehicleType as VT


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


# 商品编码 (HS heading) of a used vehicle by its 报废规定 class: 8702 carries ten or more persons, 8703 cars,
# 8704 goods vehicles, 8705 special-purpose vehicles, 8711 motorcycles, 8716 trailers. A class not named: 8703.
HS_HEADINGS = {
    "8702": (VT.TAXI_MEDIUM, VT.TAXI_LARGE, VT.COACH_MEDIUM, VT.COACH_LARGE, VT.BUS_PUBLIC,
             VT.COMMERCIAL_PASSENGER_LARGE, VT.SCHOOL_BUS, VT.NONCOMMERCIAL_PASSENGER_LARGE),
    "8704": (VT.THREE_WHEEL_TRUCK, VT.LOW_SPEED_TRUCK_MULTI, VT.MINI_TRUCK, VT.HAZMAT_TRUCK, VT.TRUCK_OTHER),
    "8705": (VT.SPECIAL_WITH_CARGO, VT.SPECIAL_WITHOUT_CARGO, VT.WHEELED_SPECIAL_MACHINERY),
    "8711": (VT.MOTORCYCLE_THREE_WHEEL, VT.MOTORCYCLE_OTHER),
    "8716": (VT.FULL_TRAILER, VT.HAZMAT_SEMI_TRAILER, VT.CONTAINER_SEMI_TRAILER, VT.SEMI_TRAILER_OTHER),
}
_HS_OF_TYPE = {vehicle_type: heading for heading, types in HS_HEADINGS.items() for vehicle_type in types}
DEFAULT_HS_HEADING = "8703"
TRADE_MODE = _("一般贸易")
UNIT = _("辆")


def hs_heading(vehicle_type: str) -> str:
    return _HS_OF_TYPE.get(vehicle_type, DEFAULT_HS_HEADING)


@dataclass
class GoodsLine:
    heading: str
    types: list[str]
    quantity: int


def goods_lines(vehicles) -> list[GoodsLine]:
    """One line of the licence per HS heading: the vehicle classes under it and how many vehicles."""
    lines: dict[str, GoodsLine] = {}
    for vehicle in vehicles:
        line = lines.setdefault(hs_heading(vehicle.vehicle_type), GoodsLine(hs_heading(vehicle.vehicle_type), [], 0))
        label = str(vehicle.get_vehicle_type_display())
        if label not in line.types:
            line.types.append(label)
        line.quantity += 1
    return sorted(lines.values(), key=lambda line: line.heading)


def total_value(vehicles) -> Decimal | None:
    """总值 (元): the sum of each vehicle's latest recorded sale price, when every vehicle has one."""
    prices = {}
    for event in TraceEvent.objects.filter(vehicle__in=vehicles, type=EventType.SALE).order_by("vehicle_id", "seq"):
        try:
            prices[event.vehicle_id] = Decimal(str(event.payload.get("price")))
        except (InvalidOperation, TypeError):
            continue
    if not vehicles or any(v.pk not in prices for v in vehicles):
        return None
    return sum(prices.values(), Decimal(0))


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:,.2f}"


def licence_pdf(licence, request=None) -> bytes:
    url = public_licence_url(licence, request)
    vehicles = list(licence.vehicles.order_by("vin"))
    transfer_dates = dict(
        licence.vehicles.through.objects.filter(licence=licence).values_list("vehicle__vin", "vehicle__registered_to_enterprise_on")
    )
    return render_pdf("traceability/pdf/licence.html", {
        "licence": licence,
        "rows": [(v, transfer_dates.get(v.vin), hs_heading(v.vehicle_type)) for v in vehicles],
        "goods": goods_lines(vehicles),
        "quantity": len(vehicles),
        "unit": UNIT,
        "trade_mode": TRADE_MODE,
        "total_value": _money(total_value(vehicles)),
        "qr": qr_data_uri(url),
        "verify_url": url,
        "authority": settings.PORTAL["ISSUING_AUTHORITY"],
        "issued_on_in_words": chinese_date(licence.issued_on),
        "seal": seal_data_uri(),
    })


def payload_text(event) -> str:
    """An event's fields in words as one line of plain text (attachments are listed apart): in the PDF, an
    inline box per field cost a third of the dossier's layout time (issue 10)."""
    return "；".join(f"{label}：{value}" for label, value in event.payload_in_words)


# 发文字号 of a vehicle's dossier: 并商务档〔year〕<the vehicle's number in the register>号.
DOSSIER_PREFIX = "并商务档"


def dossier_official(vehicle, today):
    """The dossier as the bureau issues it (GB/T 9704-2012, issue 20): dated the day it is printed."""
    return official_document(number=document_number(DOSSIER_PREFIX, today.year, vehicle.pk),
                             title=_("二手车出口车辆档案（一车一档）"), subtitle=f"VIN {vehicle.vin}", date=today)


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
    today = timezone.localdate()
    return render_pdf("traceability/pdf/dossier.html", {
        "official": dossier_official(vehicle, today),
        "attachments": [(event.seq, attachment) for event in events for attachment in event.attachments.all()],
        "proof_head": proof["head"],
        "proof_rows": [(event, proofs.get(event.seq)) for event in events],
        "vehicle": vehicle,
        "events": events,
        "records": [(event, payload_text(event)) for event in events],
        "report": report,
        "eligibility": selectors.eligibility(vehicle, today),
        "printed_at": timezone.localtime(),
    }, attachments={eventlog.DOSSIER_ATTACHMENT: json.dumps(proof, ensure_ascii=False, indent=1).encode()})
