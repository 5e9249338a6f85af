"""List filters shared by the pages and the API (one place for what `q`, `stage`, `status` mean)."""

from django.db.models import Q

from .models import LicenceStatus, VehicleType


def filter_vehicles(qs, params):
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(vin__icontains=q) | Q(plate_number__icontains=q) | Q(brand__icontains=q) | Q(model__icontains=q))
    vehicle_type = params.get("vehicle_type")
    if vehicle_type in VehicleType.values:
        qs = qs.filter(vehicle_type=vehicle_type)
    stage = params.get("stage")
    if stage == "in_file":
        qs = qs.filter(cleared_on__isnull=True)
    elif stage == "cleared":
        qs = qs.filter(cleared_on__isnull=False, deregistered_on__isnull=True)
    elif stage == "deregistered":
        qs = qs.filter(deregistered_on__isnull=False)
    enterprise = params.get("enterprise")
    if enterprise and str(enterprise).isdigit():
        qs = qs.filter(enterprise_id=int(enterprise))
    return qs


def filter_licences(qs, params):
    status = params.get("status")
    if status in LicenceStatus.values:
        qs = qs.filter(status=status)
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(vehicles__vin__icontains=q) | Q(enterprise__name__icontains=q)).distinct()
    return qs
