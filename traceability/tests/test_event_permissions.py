"""domain-rules.md "The file of one car": each role appends only its own event types (实施方案三(三))."""

from datetime import date

import pytest

from portal.roles import Role
from tests.factories import make_user
from traceability.rules import EVENT_TYPES_BY_ROLE
from traceability.tests.helpers import register

pytestmark = pytest.mark.django_db

DAY = "2026-06-01"
SAMPLE = {
    "procurement": {"seller_name": "张三", "price": "86000", "contract_number": "CG-1"},
    "transfer_registration": {"certificate_number": "晋A-1"},
    "refurbishment": {"description": "换胎"},
    "inspection": {"report_number": "R1", "conclusion": "pass", "qualification_number": "CMA-2024-009", "mileage_km": 1},
    "customs_declaration": {"declaration_number": "860120260000012345", "port": "太原"},
    "sale": {"buyer_name": "Almaty LLP", "destination_country": "KZ", "price": "90000"},
    "aftersales": {"description": "保养", "country": "KZ"},
    "claim": {"description": "出险", "country": "KZ"},
    "repair": {"description": "维修", "country": "KZ"},
    "theft_flag": {"case_number": "A1"},
    "traffic_matter": {"reference": "T1"},
    "complaint": {"description": "售后不及时"},
}
ROLES = [Role.ENTERPRISE_USER, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER, Role.INSPECTOR, Role.BUREAU_OFFICER]


@pytest.fixture
def vehicle(pilot_user):
    return register(pilot_user)


def _user(role, pilot_user):
    return pilot_user if role == Role.ENTERPRISE_USER else make_user(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("event_type", sorted(SAMPLE))
def test_implementation_plan_3_3_each_role_appends_only_its_own_event_types(api, pilot_user, vehicle, role, event_type):
    user = _user(role, pilot_user)
    response = api(user).post(f"/api/v1/vehicles/{vehicle.vin}/events/",
                              {"type": event_type, "occurred_on": DAY, **SAMPLE[event_type]}, format="json")
    if event_type in EVENT_TYPES_BY_ROLE[role]:
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["seq"] == 1 and body["type"] == event_type and body["recorded_by"] == user.username
        assert len(body["hash"]) == 64 and body["prev_hash"] == "0" * 64
    else:
        assert response.status_code == 403


def test_nobody_may_append_licence_issued_through_the_api(api, pilot_user, vehicle, bureau_head):
    for user in (pilot_user, bureau_head):
        response = api(user).post(f"/api/v1/vehicles/{vehicle.vin}/events/", {
            "type": "licence_issued", "occurred_on": DAY, "licence_number": "X", "valid_until": DAY,
            "destination_country": "KZ"}, format="json")
        assert response.status_code == 403


def test_another_enterprise_gets_404_for_a_vehicle_it_cannot_see(api, vehicle, other_enterprise_user):
    response = api(other_enterprise_user).post(f"/api/v1/vehicles/{vehicle.vin}/events/",
                                               {"type": "refurbishment", "occurred_on": DAY, "description": "x"},
                                               format="json")
    assert response.status_code == 404


def test_type_specific_fields_are_validated_with_a_400_naming_each_field(api, pilot_user, vehicle, customs_officer):
    response = api(pilot_user).post(f"/api/v1/vehicles/{vehicle.vin}/events/",
                                    {"type": "procurement", "occurred_on": DAY, "price": "abc"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"seller_name", "price", "contract_number"}
    bad_number = api(customs_officer).post(f"/api/v1/vehicles/{vehicle.vin}/events/", {
        "type": "customs_declaration", "occurred_on": DAY, "declaration_number": "86012026X000012345", "port": "太原"},
        format="json")
    assert bad_number.status_code == 400 and "declaration_number" in bad_number.json()


def test_an_event_may_not_lie_in_the_future(api, pilot_user, vehicle):
    response = api(pilot_user).post(f"/api/v1/vehicles/{vehicle.vin}/events/",
                                    {"type": "refurbishment", "occurred_on": "2099-01-01", "description": "x"},
                                    format="json")
    assert response.status_code == 400 and "occurred_on" in response.json()


def test_an_inspection_must_carry_the_bodys_own_qualification_number(api, vehicle, inspector):
    response = api(inspector).post(f"/api/v1/vehicles/{vehicle.vin}/events/", {
        **SAMPLE["inspection"], "type": "inspection", "occurred_on": DAY, "qualification_number": "CMA-0000"},
        format="json")
    assert response.status_code == 400 and "qualification_number" in response.json()


def test_a_correction_points_to_a_seq_and_only_the_recording_role_may_correct(api, pilot_user, vehicle, police_officer):
    api(pilot_user).post(f"/api/v1/vehicles/{vehicle.vin}/events/",
                         {"type": "procurement", "occurred_on": DAY, **SAMPLE["procurement"]}, format="json")
    refused = api(police_officer).post(f"/api/v1/vehicles/{vehicle.vin}/events/",
                                       {"type": "correction", "occurred_on": DAY, "corrects_seq": 1, "reason": "x",
                                        "price": "1"}, format="json")
    assert refused.status_code == 403
    corrected = api(pilot_user).post(f"/api/v1/vehicles/{vehicle.vin}/events/", {
        "type": "correction", "occurred_on": DAY, "corrects_seq": 1, "reason": "价格录错", "price": "85500"},
        format="json")
    assert corrected.status_code == 201, corrected.json()
    assert corrected.json()["corrects_seq"] == 1 and corrected.json()["price"] == "85500.00"
    timeline = api(pilot_user).get(f"/api/v1/vehicles/{vehicle.vin}/events/").json()
    assert [e["seq"] for e in timeline] == [1, 2]
    assert timeline[0]["price"] == "86000.00"  # the original stays as it was


def test_a_corrected_inspection_changes_the_vehicles_facts(pilot_user, vehicle, inspector):
    from traceability.services import append_event

    fields = {**SAMPLE["inspection"], "qualification_number": inspector.organisation.certificate_number}
    append_event(vehicle, "inspection", {**fields, "conclusion": "fail"}, actor=inspector,
                 occurred_on=date(2026, 6, 1), today=date(2026, 6, 2))
    append_event(vehicle, "correction", {"corrects_seq": 1, "reason": "结论录错", "conclusion": "pass"},
                 actor=inspector, occurred_on=date(2026, 6, 2), today=date(2026, 6, 2))
    vehicle.refresh_from_db()
    assert vehicle.inspection_conclusion == "pass"


def test_the_auditor_who_records_nothing_gets_403_even_with_an_empty_body(api, vehicle, auditor):
    """实施方案三(三): only the recording roles write the file; the auditor reads the audit log only."""
    url = f"/api/v1/vehicles/{vehicle.vin}/events/"
    assert api(auditor).post(url, {}, format="json").status_code == 403
    assert api(auditor).post(url, {"type": "procurement", "occurred_on": "2026-01-05"}, format="json").status_code == 403
