"""Demo vehicles of pilot_demo, each with a realistic file written through the services (chains verify)."""

from datetime import date, timedelta

from django.utils import timezone

from portal.dates import add_years

from .models import InspectionQualification, PreviousUse, QualificationKind, Vehicle, VehicleType
from .rules import make_vin

EXPORTED_VIN = make_vin("LFV2A21K", "M3000101")
READY_VIN = make_vin("LSGPC52U", "N6000202")
BANNED_VIN = make_vin("LVSHCAAE", "E5000303")


def register_demo_qualification(body, number: str) -> None:
    """The demo body's CMA qualification on the bureau's register (办法第九条), idempotent."""
    InspectionQualification.objects.get_or_create(
        organisation=body, number=number,
        defaults={"kind": QualificationKind.CMA, "scope": "机动车检验检测（含二手车出口检测）",
                  "covers_motor_vehicles": True, "valid_from": date(2021, 1, 1), "valid_until": date(2030, 12, 31)},
    )


def seed_vehicles(context: dict) -> None:
    from .licensing import apply_for_licence, issue_licence
    from .services import append_event, register_vehicle

    users = context["users"]
    pilot, police, customs = users["pilot_demo"], users["police_demo"], users["customs_demo"]
    inspector, officer, head = users["inspector_demo"], users["bureau_demo"], users["bureau_head_demo"]
    today = timezone.localdate()
    certificate = inspector.organisation.certificate_number
    register_demo_qualification(inspector.organisation, certificate)

    def vehicle(vin, **fields):
        existing = Vehicle.objects.filter(vin=vin).first()
        if existing:
            return existing, False
        return register_vehicle({"vin": vin, **fields}, actor=pilot, today=today), True

    def prepare_for_export(v, start, number):
        append_event(v, "procurement", {"seller_name": "太原市个人车主", "price": "86000.00",
                                        "contract_number": f"CG-{number}"}, actor=pilot, occurred_on=start, today=today)
        append_event(v, "transfer_registration", {"certificate_number": f"晋A-ZY-{number}"}, actor=police,
                     occurred_on=start + timedelta(days=5), today=today)
        append_event(v, "refurbishment", {"description": "更换轮胎、机油，内饰清洁"}, actor=pilot,
                     occurred_on=start + timedelta(days=8), today=today)
        append_event(v, "inspection", {"report_number": f"JJ-2026-{number}", "conclusion": "pass",
                                       "qualification_number": certificate, "mileage_km": 68000},
                     actor=inspector, occurred_on=start + timedelta(days=10), today=today)

    exported, created = vehicle(
        EXPORTED_VIN, plate_number="晋A8K301", brand="大众", model="速腾 1.4T",
        vehicle_type=VehicleType.NONCOMMERCIAL_PASSENGER_SMALL, registration_date=add_years(today, -5),
        mileage_km=68000, previous_use=PreviousUse.NONCOMMERCIAL,
    )
    if created:
        start = today - timedelta(days=40)
        prepare_for_export(exported, start, "0101")
        issue_day = start + timedelta(days=12)
        licence = apply_for_licence([exported.vin], "KZ", actor=pilot, today=issue_day)
        issue_licence(licence, actor=officer, today=issue_day)
        issue_licence(licence, actor=head, today=issue_day)
        declaration = f"8601{issue_day.year}0000012345"
        append_event(exported, "customs_declaration", {"declaration_number": declaration, "port": "太原武宿综合保税区"},
                     actor=customs, occurred_on=issue_day, today=today)
        append_event(exported, "customs_clearance", {"declaration_number": declaration, "port": "太原武宿综合保税区"},
                     actor=customs, occurred_on=issue_day, today=today)
        append_event(exported, "sale", {"buyer_name": "Almaty Auto Trade LLP", "destination_country": "KZ",
                                        "price": "92000.00"}, actor=pilot, occurred_on=issue_day + timedelta(days=3),
                     today=today)
        append_event(exported, "deregistration", {"certificate_number": "晋A-ZX-0101"}, actor=police,
                     occurred_on=issue_day + timedelta(days=20), today=today)

    ready, created = vehicle(
        READY_VIN, plate_number="晋A6M202", brand="别克", model="英朗 1.5L",
        vehicle_type=VehicleType.NONCOMMERCIAL_PASSENGER_SMALL, registration_date=add_years(today, -4),
        mileage_km=52000,
    )
    if created:
        prepare_for_export(ready, today - timedelta(days=20), "0202")

    banned, created = vehicle(
        BANNED_VIN, plate_number="晋AT0303", brand="现代", model="伊兰特 出租车",
        vehicle_type=VehicleType.TAXI_SMALL, registration_date=add_years(today, -8) + timedelta(days=120),
        mileage_km=410000, previous_use=PreviousUse.COMMERCIAL,
    )
    if created:
        prepare_for_export(banned, today - timedelta(days=15), "0303")
