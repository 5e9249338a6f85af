"""Export licences (一批一证): maker–checker issue, rules re-checked, validity, events, cancel, lapse."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.dates import add_years
from portal.models import PilotStatus
from portal.services import set_pilot_status
from traceability.models import Licence, LicenceStatus, TraceEvent, VehicleType
from traceability.rules import licence_valid_until
from traceability.services import append_event, lapse_expired_licences
from traceability.tests.helpers import make_ready, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(pilot_user, officials):
    return make_ready(register(pilot_user), officials)


def _apply(api, user, *vins, country="KZ"):
    return api(user).post("/api/v1/licences/", {"vins": list(vins), "destination_country": country}, format="json")


def test_an_officer_prepares_and_the_head_issues_with_licence_issued_events(api, pilot_user, ready, bureau_officer,
                                                                             bureau_head):
    created = _apply(api, pilot_user, ready.vin)
    assert created.status_code == 201, created.json()
    licence_id = created.json()["id"]
    assert created.json()["status"] == "requested" and created.json()["vins"] == [ready.vin]
    prepared = api(bureau_officer).post(f"/api/v1/licences/{licence_id}/issue/")
    assert prepared.status_code == 200 and prepared.json()["status"] == "prepared"
    issued = api(bureau_head).post(f"/api/v1/licences/{licence_id}/issue/")
    assert issued.status_code == 200, issued.json()
    body = issued.json()
    today = timezone.localdate()
    assert body["status"] == "issued" and body["number"]
    assert body["issued_on"] == today.isoformat()
    assert body["valid_until"] == licence_valid_until(today).isoformat()
    event = TraceEvent.objects.get(vehicle=ready, type="licence_issued")
    assert event.payload["licence_number"] == body["number"]


def test_the_preparing_officer_cannot_also_issue_same_official(api, pilot_user, ready, bureau_officer):
    licence_id = _apply(api, pilot_user, ready.vin).json()["id"]
    api(bureau_officer).post(f"/api/v1/licences/{licence_id}/issue/")
    bureau_officer.groups.add(Group.objects.get(name="bureau_head"))  # even holding both roles
    again = api(bureau_officer).post(f"/api/v1/licences/{licence_id}/issue/")
    assert again.status_code == 409 and again.json()["reasons"][0]["code"] == "same_official"


def test_the_head_cannot_issue_an_unprepared_licence(api, pilot_user, ready, bureau_head):
    licence_id = _apply(api, pilot_user, ready.vin).json()["id"]
    response = api(bureau_head).post(f"/api/v1/licences/{licence_id}/issue/")
    assert response.status_code == 409 and response.json()["reasons"][0]["code"] == "not_prepared"


def test_article_7_a_licence_is_refused_for_a_vehicle_within_a_year_of_scrap(api, pilot_user, officials):
    today = timezone.localdate()
    taxi = make_ready(register(pilot_user, vehicle_type=VehicleType.TAXI_SMALL,
                               registration_date=add_years(today, -8) + timedelta(days=30)),
                      officials, on=today, today=today)
    response = _apply(api, pilot_user, taxi.vin)
    assert response.status_code == 409
    reason = response.json()["reasons"][0]
    assert reason["code"] == "within_1y_of_scrap" and reason["article"] == "办法第七条" and taxi.vin in reason["message"]
    assert not Licence.objects.exists()


def test_article_7_the_rules_are_rechecked_when_the_head_issues(api, pilot_user, ready, bureau_officer, bureau_head,
                                                                officials):
    licence_id = _apply(api, pilot_user, ready.vin).json()["id"]
    api(bureau_officer).post(f"/api/v1/licences/{licence_id}/issue/")
    append_event(ready, "theft_flag", {"case_number": "盗-1"}, actor=officials.police, occurred_on=timezone.localdate())
    response = api(bureau_head).post(f"/api/v1/licences/{licence_id}/issue/")
    assert response.status_code == 409 and response.json()["reasons"][0]["code"] == "stolen"
    assert Licence.objects.get(pk=licence_id).status == LicenceStatus.PREPARED
    assert not TraceEvent.objects.filter(type="licence_issued").exists()


def test_article_12_an_enterprise_not_in_good_standing_gets_no_licence(api, pilot_user, ready):
    set_pilot_status(pilot_user.organisation, PilotStatus.SUSPENDED, date(2026, 6, 1))
    pilot_user.organisation.refresh_from_db()
    response = _apply(api, pilot_user, ready.vin)
    assert response.status_code == 409
    assert response.json()["reasons"][0] == {"code": "not_in_good_standing", "article": "办法第十二条",
                                             "message": response.json()["reasons"][0]["message"]}


def test_a_vehicle_of_another_enterprise_is_a_400_and_its_licence_a_404(api, pilot_user, ready, other_enterprise_user):
    assert _apply(api, other_enterprise_user, ready.vin).status_code in (400, 409)
    licence_id = _apply(api, pilot_user, ready.vin).json()["id"]
    assert api(other_enterprise_user).get(f"/api/v1/licences/{licence_id}/").status_code == 404


def test_a_licence_is_cancelled_with_a_reason(api, pilot_user, ready, bureau_officer):
    licence_id = _apply(api, pilot_user, ready.vin).json()["id"]
    assert api(bureau_officer).post(f"/api/v1/licences/{licence_id}/cancel/", {}, format="json").status_code == 400
    response = api(bureau_officer).post(f"/api/v1/licences/{licence_id}/cancel/", {"reason": "企业撤回"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert response.json()["cancelled_reason"] == "企业撤回"


@pytest.mark.parametrize(("issued", "until"), [
    (date(2026, 3, 15), date(2026, 9, 15)),
    (date(2026, 8, 31), date(2026, 12, 31)),
    (date(2025, 12, 31), date(2025, 12, 31)),
    (date(2026, 6, 30), date(2026, 12, 30)),
])
def test_licence_validity_is_the_earlier_of_six_months_and_31_december(issued, until):
    assert licence_valid_until(issued) == until


def test_unused_licences_lapse_after_their_validity(pilot_user):
    licence = Licence.objects.create(enterprise=pilot_user.organisation, destination_country="KZ",
                                     requested_by=pilot_user, status=LicenceStatus.ISSUED, number="TYCK2026999999",
                                     issued_on=date(2026, 1, 5), valid_until=date(2026, 7, 5))
    assert lapse_expired_licences(date(2026, 7, 5)) == 0
    assert lapse_expired_licences(date(2026, 7, 6)) == 1
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.EXPIRED
