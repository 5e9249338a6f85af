"""Demo data (实施方案三(四)): a report from Kazakhstan about the demo pilot's exported sedan opens an
incident; the car is found from the files and the officer's order waits for the head's 签发."""

from django.utils import timezone

DEMO_REFERENCE = "KZ-MIT-2026-017"


def seed_incident(context: dict) -> None:
    from traceability.demo import EXPORTED_VIN
    from traceability.models import Vehicle

    from .models import Incident
    from .query import VehicleQuery
    from .services import identify_vehicles, open_incident, prepare_order

    users = context["users"]
    officer, pilot = users["bureau_demo"], users["pilot_demo"]
    if Incident.objects.filter(source_reference=DEMO_REFERENCE).exists():
        return
    vehicle = Vehicle.objects.filter(vin=EXPORTED_VIN).first()
    if vehicle is None:
        return
    today = timezone.localdate()
    incident = open_incident(
        pilot.organisation, actor=officer, today=today, category="safety_defect", severity="serious",
        source="destination", source_reference=DEMO_REFERENCE, title=f"{vehicle.brand} {vehicle.model} 制动系统隐患",
        description="哈萨克斯坦主管部门通报：该车型出口车辆制动管路存在渗漏隐患，已发生一起追尾事故。")
    identify_vehicles(incident, VehicleQuery(brand=vehicle.brand, model=vehicle.model), actor=officer, today=today)
    prepare_order(incident, actor=officer, today=today, measures=["recall", "part_replacement", "buyer_notice"],
                  facts="你单位出口至哈萨克斯坦的车辆存在制动管路渗漏隐患。", working_days=20)
