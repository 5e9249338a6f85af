"""Arrange helpers for the traceability tests: vehicles with files written through the services."""

import itertools
from datetime import date

from django.db import connection

from portal.roles import Role
from tests.factories import make_user
from traceability import services
from traceability.models import VehicleType
from traceability.rules import make_vin

_serial = itertools.count(1)
TODAY = date(2026, 6, 15)


def new_vin(prefix: str = "LFV2A21K") -> str:
    return make_vin(prefix, f"M{next(_serial):07d}")


def register(owner, *, today=TODAY, **fields):
    values = {
        "vin": new_vin(), "plate_number": "晋A12345", "brand": "大众", "model": "速腾",
        "vehicle_type": VehicleType.NONCOMMERCIAL_PASSENGER_SMALL, "registration_date": date(2019, 5, 20),
        "mileage_km": 68000,
    }
    values.update(fields)
    return services.register_vehicle(values, actor=owner, today=today)


class Officials:
    """One user per recording role, created on demand."""

    def __init__(self):
        self._users = {}

    def __getitem__(self, role):
        if role not in self._users:
            self._users[role] = make_user(role)
        return self._users[role]

    @property
    def police(self):
        return self[Role.POLICE_OFFICER]

    @property
    def customs(self):
        return self[Role.CUSTOMS_OFFICER]

    @property
    def inspector(self):
        return self[Role.INSPECTOR]


def make_ready(vehicle, officials: Officials, *, on=date(2026, 6, 1), today=TODAY):
    """Transfer registration and a passing inspection: what a licence needs."""
    services.append_event(vehicle, "transfer_registration", {"certificate_number": "晋A-ZY-1"},
                          actor=officials.police, occurred_on=on, today=today)
    inspector = officials.inspector
    services.append_event(vehicle, "inspection", {
        "report_number": "JJ-1", "conclusion": "pass", "mileage_km": 68000,
        "qualification_number": inspector.organisation.certificate_number,
    }, actor=inspector, occurred_on=on, today=today)
    vehicle.refresh_from_db()
    return vehicle


def tamper(sql, params):
    """Bypass the append-only trigger as an attacker with database access would."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # a superuser skips ordinary triggers
        cursor.execute(sql, params)
        cursor.execute("SET session_replication_role = DEFAULT")
