"""The browser path: register a vehicle, record events, apply for and issue a licence."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from traceability import demo, selectors
from traceability.models import Licence, LicenceStatus, Vehicle
from traceability.tests.helpers import make_ready, new_vin, register

pytestmark = pytest.mark.django_db


def test_the_register_form_keeps_what_was_typed_and_shows_the_vin_error_next_to_it(client, pilot_user):
    client.force_login(pilot_user)
    vin = new_vin()
    wrong = vin[:8] + ("1" if vin[8] != "1" else "2") + vin[9:]
    response = client.post("/vehicles/new/", {
        "vin": wrong, "brand": "大众牌", "model": "速腾", "vehicle_type": "noncommercial_passenger_small",
        "registration_date": "2019-05-20", "mileage_km": "1000", "previous_use": "noncommercial"})
    html = response.content.decode()
    assert response.status_code == 200 and "校验位不正确" in html and 'value="大众牌"' in html
    created = client.post("/vehicles/new/", {
        "vin": vin, "brand": "大众", "model": "速腾", "vehicle_type": "noncommercial_passenger_small",
        "registration_date": "2019-05-20", "mileage_km": "1000", "previous_use": "noncommercial"})
    assert created.url == f"/vehicles/{vin}/"


def test_an_official_records_an_event_through_the_page(client, pilot_user, police_officer):
    vehicle = register(pilot_user)
    client.force_login(police_officer)
    form = client.get(f"/vehicles/{vehicle.vin}/events/new/", {"type": "transfer_registration"})
    assert "登记证书编号" in form.content.decode()
    missing = client.post(f"/vehicles/{vehicle.vin}/events/new/?type=transfer_registration",
                          {"occurred_on": timezone.localdate().isoformat()})
    assert "id_certificate_number_error" in missing.content.decode()
    done = client.post(f"/vehicles/{vehicle.vin}/events/new/?type=transfer_registration",
                       {"occurred_on": timezone.localdate().isoformat(), "certificate_number": "晋A-ZY-9"})
    assert done.url == f"/vehicles/{vehicle.vin}/"
    vehicle.refresh_from_db()
    assert vehicle.registered_to_enterprise_on == timezone.localdate()


def test_a_licence_is_applied_for_prepared_and_issued_through_the_pages(client, pilot_user, officials, bureau_officer,
                                                                        bureau_head):
    today = timezone.localdate()
    vehicle = make_ready(register(pilot_user), officials, on=today, today=today)
    client.force_login(pilot_user)
    response = client.post("/vehicles/licences/new/", {"vins": [vehicle.vin], "destination_country": "KZ"})
    licence = Licence.objects.get()
    assert response.url == f"/vehicles/licences/{licence.pk}/"
    for user in (bureau_officer, bureau_head):
        client.force_login(user)
        client.post(f"/vehicles/licences/{licence.pk}/issue/")
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.ISSUED
    page = client.get(f"/vehicles/licences/{licence.pk}/").content.decode()
    assert licence.number in page and "licence.pdf" in page


def test_a_refused_application_shows_the_reasons_with_their_articles(client, pilot_user):
    vehicle = register(pilot_user)
    client.force_login(pilot_user)
    response = client.post("/vehicles/licences/new/", {"vins": [vehicle.vin], "destination_country": "KZ"}, follow=True)
    html = response.content.decode()
    assert "办法第六条" in html and not Licence.objects.exists()
    assert "no_passing_inspection" not in html  # the reason in words with its article, never its code (issue 20)


def test_each_role_finds_the_vehicle_files_on_its_home_page(client, pilot_user, police_officer, customs_officer,
                                                           inspector, bureau_officer):
    for user in (pilot_user, police_officer, customs_officer, inspector, bureau_officer):
        client.force_login(user)
        assert "/vehicles/" in client.get("/home/").content.decode()


def test_the_demo_seeder_gives_pilot_demo_vehicles_whose_chains_verify(client):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent
    exported = Vehicle.objects.get(vin=demo.EXPORTED_VIN)
    assert exported.cleared_on and exported.deregistered_on
    today = timezone.localdate()
    assert selectors.eligibility(Vehicle.objects.get(vin=demo.READY_VIN), today).eligible
    banned = selectors.eligibility(Vehicle.objects.get(vin=demo.BANNED_VIN), today)
    assert [r.code for r in banned.reasons] == ["within_1y_of_scrap"]
    assert all(selectors.verify_vehicle(v).valid for v in Vehicle.objects.all())
    assert Vehicle.objects.count() == 3
