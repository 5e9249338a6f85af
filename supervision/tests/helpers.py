"""Vehicles, sales and licences built with the ORM directly (the brief: no other app's services)."""

import hashlib
import itertools
from datetime import date
from decimal import Decimal

from django.utils import timezone

from traceability.models import EventType, Licence, LicenceStatus, TraceEvent, Vehicle, VehicleType

_vins = itertools.count(1)


def make_vehicle(enterprise, user, *, brand="丰田", vehicle_type=VehicleType.NONCOMMERCIAL_PASSENGER_SMALL,
                 cleared_on=None, deregistered_on=None, destination_country="", price=None, vin=None) -> Vehicle:
    vehicle = Vehicle.objects.create(
        vin=vin or f"LSVTEST{next(_vins):010d}", enterprise=enterprise, brand=brand, model="X1",
        vehicle_type=vehicle_type, registration_date=date(2020, 5, 1), mileage_km=50000, created_by=user,
        cleared_on=cleared_on, deregistered_on=deregistered_on, destination_country=destination_country,
    )
    if price is not None:
        add_sale(vehicle, user, price, destination_country)
    return vehicle


def add_sale(vehicle, user, price, country) -> TraceEvent:
    seq = vehicle.last_seq + 1
    digest = hashlib.sha256(f"{vehicle.vin}{seq}".encode()).hexdigest()
    event = TraceEvent.objects.create(
        vehicle=vehicle, seq=seq, type=EventType.SALE, occurred_on=vehicle.cleared_on or date(2026, 1, 1),
        payload={"buyer_name": "ACME LLP", "destination_country": country, "price": str(Decimal(price))},
        recorded_at=timezone.now(), recorded_by=user, prev_hash="0" * 64, hash=digest,
    )
    Vehicle.objects.filter(pk=vehicle.pk).update(last_seq=seq, head_hash=digest)
    vehicle.last_seq, vehicle.head_hash = seq, digest
    return event


def make_licence(enterprise, user, *, issued_on, status=LicenceStatus.ISSUED, used_on=None, number=None) -> Licence:
    return Licence.objects.create(
        number=number or f"L{next(_vins):08d}", enterprise=enterprise, destination_country="KZ", status=status,
        requested_by=user, issued_on=issued_on, valid_until=date(issued_on.year, 12, 31), used_on=used_on,
    )
