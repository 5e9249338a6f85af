"""Query-count guards (issue 10 point 4): a list costs the same number of queries at two sizes."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from supervision import services as supervision_services
from supervision.models import Severity
from traceability.models import Licence, LicenceStatus, LicenceVehicle, Vehicle, VehicleType
from traceability.rules import make_vin

SMALL, LARGE = 3, 30
COMPLAINED_ON = date(2026, 6, 15)


def add_vehicles(enterprise, created_by, n: int, *, start: int = 0, cleared_on=None) -> list[Vehicle]:
    return Vehicle.objects.bulk_create([
        Vehicle(vin=make_vin("LFV2A21K", f"P{start + k:07d}"), enterprise=enterprise, created_by=created_by,
                brand="大众", model="朗逸", vehicle_type=VehicleType.NONCOMMERCIAL_PASSENGER_SMALL,
                registration_date=date(2020, 5, 1), mileage_km=60000, cleared_on=cleared_on)
        for k in range(n)
    ])


def add_licences(enterprise, requested_by, n: int, *, start: int = 0) -> None:
    """n issued licences of two vehicles each (一批一证)."""
    for k in range(n):
        licence = Licence.objects.create(
            enterprise=enterprise, destination_country="KZ", number=f"TYCKP{start + k:06d}",
            status=LicenceStatus.ISSUED, requested_by=requested_by, issued_on=date(2026, 5, 1),
            valid_until=date(2026, 10, 31),
        )
        pair = add_vehicles(enterprise, requested_by, 2, start=100_000 + 2 * (start + k))
        LicenceVehicle.objects.bulk_create([LicenceVehicle(licence=licence, vehicle=v) for v in pair])


def add_complaints(pilot_user, officer, n: int, *, start: int = 0) -> None:
    """n complaints about the pilot's vehicles, graded and sent to the enterprise for an answer."""
    for vehicle in add_vehicles(pilot_user.organisation, pilot_user, n, start=start):
        complaint = supervision_services.lodge_complaint(
            vin=vehicle.vin, category="quality", description="漆面与描述不符。", contact_name="赵先生",
            contact_phone="13800000000", today=COMPLAINED_ON,
        )
        complaint = supervision_services.triage_complaint(complaint, Severity.MINOR, actor=officer, today=COMPLAINED_ON)
        supervision_services.assign_complaint(complaint, actor=officer, today=COMPLAINED_ON)

def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def assert_flat(client, url: str, grow, assert_max, limit: int) -> None:
    """The queries of `url` stay within `limit` and do not grow when `grow()` adds ten times the rows."""
    small = queries_of(client, url)
    assert small <= limit, (url, small)
    grow()
    with assert_max(small):
        assert client.get(url).status_code == 200


def client_for(user, url: str):
    """The DRF client for an API URL, the Django client for a page, logged in as `user`."""
    if url.startswith("/api/"):
        from tests.fixtures import api_client_for

        return api_client_for(user)
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def assert_list_flat(viewer, url: str, grow, assert_max, limit: int) -> None:
    """`assert_flat` for `url` as seen by `viewer` (None: an anonymous visitor of a public list)."""
    if viewer is None:
        from django.test import Client
        from rest_framework.test import APIClient

        client = APIClient() if url.startswith("/api/") else Client()
    else:
        client = client_for(viewer, url)
    assert_flat(client, url, grow, assert_max, limit)
