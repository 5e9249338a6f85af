"""api.md: who sees which vehicle and licence (others get 404), and lists with a bounded query count."""

from datetime import date

import pytest

from traceability.services import append_event
from traceability.tests.helpers import make_ready, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def vehicle(pilot_user):
    return register(pilot_user)


@pytest.mark.parametrize("suffix", ["", "eligibility/", "events/", "verify/"])
def test_another_enterprise_gets_404_on_every_vehicle_endpoint(api, vehicle, other_enterprise_user, suffix):
    assert api(other_enterprise_user).get(f"/api/v1/vehicles/{vehicle.vin}/{suffix}").status_code == 404


def test_another_enterprise_gets_404_on_the_vehicle_pages(client, vehicle, other_enterprise_user):
    client.force_login(other_enterprise_user)
    for url in (f"/vehicles/{vehicle.vin}/", f"/vehicles/{vehicle.vin}/verify/", f"/vehicles/{vehicle.vin}/events/new/"):
        assert client.get(url).status_code == 404


def test_bureau_police_and_customs_see_all_vehicles_and_an_enterprise_its_own(api, vehicle, other_enterprise_user,
                                                                             bureau_officer, police_officer,
                                                                             customs_officer):
    for user in (bureau_officer, police_officer, customs_officer):
        assert api(user).get("/api/v1/vehicles/").json()["count"] == 1
    assert api(other_enterprise_user).get("/api/v1/vehicles/").json()["count"] == 0


def test_an_inspection_body_sees_only_the_vehicles_it_inspected(api, pilot_user, vehicle, inspector):
    assert api(inspector).get("/api/v1/vehicles/").json()["count"] == 0
    append_event(vehicle, "inspection", {"report_number": "R", "conclusion": "pass", "mileage_km": 1,
                                         "qualification_number": inspector.organisation.certificate_number},
                 actor=inspector, occurred_on=date(2026, 6, 1), today=date(2026, 6, 2))
    assert [v["vin"] for v in api(inspector).get("/api/v1/vehicles/").json()["results"]] == [vehicle.vin]


def test_reading_a_vehicle_file_is_audited(api, vehicle, police_officer):
    from auditlog.models import LogEntry

    api(police_officer).get(f"/api/v1/vehicles/{vehicle.vin}/")
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=police_officer).exists()


def test_the_vehicle_list_api_and_page_filter_and_use_a_bounded_number_of_queries(
        api, client, pilot_user, officials, bureau_officer, django_assert_max_num_queries):
    for _ in range(12):
        make_ready(register(pilot_user), officials)
    with django_assert_max_num_queries(8):
        body = api(bureau_officer).get("/api/v1/vehicles/", {"stage": "in_file"}).json()
    assert body["count"] == 12
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(12):
        page = client.get("/vehicles/", {"q": "大众"})
    assert page.status_code == 200 and "登记车辆" not in page.content.decode()
    assert api(bureau_officer).get("/api/v1/vehicles/", {"q": "nothing-like-this"}).json()["count"] == 0


def test_the_licence_list_api_and_page_use_a_bounded_number_of_queries(
        api, client, pilot_user, officials, bureau_officer, django_assert_max_num_queries):
    from django.utils import timezone

    from traceability.services import apply_for_licence

    today = timezone.localdate()
    for _ in range(5):
        apply_for_licence([make_ready(register(pilot_user), officials, on=today, today=today).vin], "KZ",
                          actor=pilot_user, today=today)
    with django_assert_max_num_queries(8):
        body = api(bureau_officer).get("/api/v1/licences/").json()
    assert body["count"] == 5 and len(body["results"][0]["vins"]) == 1
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(12):
        assert client.get("/vehicles/licences/", {"status": "requested"}).status_code == 200
