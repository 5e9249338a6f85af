"""办法第六条: clearance needs a valid licence; deregistration needs a clearance and no open traffic matter."""

import pytest
from django.utils import timezone

from traceability.models import Licence, LicenceStatus
from traceability.services import apply_for_licence, issue_licence
from traceability.tests.helpers import make_ready, register

pytestmark = pytest.mark.django_db
DECLARATION = {"declaration_number": "860120260000012345", "port": "太原武宿"}


@pytest.fixture
def ready(pilot_user, officials):
    today = timezone.localdate()
    return make_ready(register(pilot_user), officials, on=today, today=today)


def _licensed(vehicle, pilot_user, bureau_officer, bureau_head):
    today = timezone.localdate()
    licence = apply_for_licence([vehicle.vin], "KZ", actor=pilot_user, today=today)
    issue_licence(licence, actor=bureau_officer, today=today)
    return issue_licence(licence, actor=bureau_head, today=today)


def _event(api, user, vin, type_, **fields):
    return api(user).post(f"/api/v1/vehicles/{vin}/events/",
                          {"type": type_, "occurred_on": timezone.localdate().isoformat(), **fields}, format="json")


def _declared(api, customs_officer, vin):
    response = _event(api, customs_officer, vin, "customs_declaration", **DECLARATION)
    assert response.status_code == 201, response.json()


def test_customs_clearance_without_a_declaration_of_the_vin_is_refused_not_declared_v1_1(
        api, ready, pilot_user, bureau_officer, bureau_head, customs_officer):
    """domain-rules v1.1 "Customs clearance" (实施方案三(三) 报关 → 放行): 409 `not_declared`, nothing written."""
    _licensed(ready, pilot_user, bureau_officer, bureau_head)
    response = _event(api, customs_officer, ready.vin, "customs_clearance", **DECLARATION)
    assert response.status_code == 409 and response.json()["reasons"][0]["code"] == "not_declared"
    ready.refresh_from_db()
    assert ready.cleared_on is None and Licence.objects.get().status == LicenceStatus.ISSUED


def test_customs_clearance_of_another_declaration_number_is_refused_not_declared(
        api, ready, pilot_user, bureau_officer, bureau_head, customs_officer):
    _licensed(ready, pilot_user, bureau_officer, bureau_head)
    _declared(api, customs_officer, ready.vin)
    response = _event(api, customs_officer, ready.vin, "customs_clearance",
                      **{**DECLARATION, "declaration_number": "860120260000099999"})
    assert response.status_code == 409 and response.json()["reasons"][0]["code"] == "not_declared"


def test_customs_clearance_needs_a_valid_licence_naming_the_vin(api, ready, customs_officer):
    _declared(api, customs_officer, ready.vin)
    response = _event(api, customs_officer, ready.vin, "customs_clearance", **DECLARATION)
    assert response.status_code == 409 and response.json()["reasons"][0]["code"] == "no_valid_licence"


def test_clearance_marks_the_licence_used_and_records_it(api, ready, pilot_user, bureau_officer, bureau_head,
                                                        customs_officer):
    licence = _licensed(ready, pilot_user, bureau_officer, bureau_head)
    _declared(api, customs_officer, ready.vin)
    response = _event(api, customs_officer, ready.vin, "customs_clearance", **DECLARATION)
    assert response.status_code == 201, response.json()
    assert response.json()["licence_number"] == licence.number
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.USED and licence.used_on == timezone.localdate()
    ready.refresh_from_db()
    assert ready.cleared_on == timezone.localdate()


def test_article_6_deregistration_before_clearance_is_refused_not_cleared(api, ready, police_officer):
    response = _event(api, police_officer, ready.vin, "deregistration", certificate_number="注-1")
    assert response.status_code == 409
    assert response.json()["reasons"] == [{"code": "not_cleared", "article": "办法第六条",
                                           "message": response.json()["reasons"][0]["message"]}]


def test_article_6_deregistration_with_an_open_traffic_matter_is_refused_until_it_is_closed(
        api, ready, pilot_user, bureau_officer, bureau_head, customs_officer, police_officer):
    _licensed(ready, pilot_user, bureau_officer, bureau_head)
    _declared(api, customs_officer, ready.vin)
    _event(api, customs_officer, ready.vin, "customs_clearance", **DECLARATION)
    _event(api, police_officer, ready.vin, "traffic_matter", reference="违-7")
    refused = _event(api, police_officer, ready.vin, "deregistration", certificate_number="注-1")
    assert refused.status_code == 409 and refused.json()["reasons"][0]["code"] == "open_traffic_matter"
    assert _event(api, police_officer, ready.vin, "traffic_matter_closed", reference="违-7").status_code == 201
    done = _event(api, police_officer, ready.vin, "deregistration", certificate_number="注-1")
    assert done.status_code == 201
    clearance_seq = next(e["seq"] for e in api(police_officer).get(f"/api/v1/vehicles/{ready.vin}/events/").json()
                         if e["type"] == "customs_clearance")
    assert done.json()["clearance_seq"] == clearance_seq
    ready.refresh_from_db()
    assert ready.deregistered_on == timezone.localdate()


def test_a_licence_is_used_once_a_second_clearance_of_the_vehicle_is_refused(api, ready, pilot_user, bureau_officer,
                                                                           bureau_head, customs_officer):
    _licensed(ready, pilot_user, bureau_officer, bureau_head)
    _declared(api, customs_officer, ready.vin)
    _event(api, customs_officer, ready.vin, "customs_clearance", **DECLARATION)
    again = _event(api, customs_officer, ready.vin, "customs_clearance", **DECLARATION)
    assert again.status_code == 409 and again.json()["reasons"][0]["code"] == "already_exported"
    assert Licence.objects.get().status == LicenceStatus.USED
