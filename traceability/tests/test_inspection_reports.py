"""办法第九条, 实施方案三(二) (domain-rules v1.1 "Inspection bodies"): an inspection is accepted only
from a registered body whose qualification covers motor vehicles and is valid on the inspection
date, with that qualification's number; one car has one report (a later one is a correction);
`eligibility?as_of=D` counts only reports dated on or before D."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from portal.errors import RuleRefused
from portal.roles import OrganisationKind, Role
from tests.factories import OrganisationFactory, make_user
from traceability import chain, services
from traceability.models import EventType, InspectionQualification, QualificationKind, TraceEvent

from .helpers import TODAY, register

pytestmark = pytest.mark.django_db


def _report(number="CMA-2024-009", report="JJ-1"):
    return {"report_number": report, "conclusion": "pass", "mileage_km": 68000, "qualification_number": number}


def _codes(refused):
    return [r.code for r in refused.value.reasons]


def test_a_body_with_no_registered_qualification_is_refused_办法第九条(pilot_user):
    body = OrganisationFactory(kind=OrganisationKind.INSPECTION_BODY, certificate_number="")
    inspector = make_user(Role.INSPECTOR, organisation=body)
    vehicle = register(pilot_user)
    with pytest.raises(RuleRefused) as refused:
        services.append_event(vehicle, "inspection", _report(number="ANY-1"), actor=inspector,
                              occurred_on=date(2026, 6, 1), today=TODAY)
    assert _codes(refused) == ["inspection_body_not_qualified"]
    assert not TraceEvent.objects.filter(vehicle=vehicle, type=EventType.INSPECTION).exists()


def test_a_qualification_expired_on_the_inspection_date_is_refused_实施方案三二(pilot_user, inspector):
    InspectionQualification.objects.filter(organisation=inspector.organisation).update(valid_until=date(2026, 5, 31))
    vehicle = register(pilot_user)
    with pytest.raises(RuleRefused) as refused:
        services.append_event(vehicle, "inspection", _report(), actor=inspector, occurred_on=date(2026, 6, 1),
                              today=TODAY)
    assert _codes(refused) == ["inspection_body_not_qualified"]


def test_a_qualification_whose_scope_is_not_motor_vehicles_is_refused_办法第九条(pilot_user, inspector):
    InspectionQualification.objects.filter(organisation=inspector.organisation).update(
        covers_motor_vehicles=False, scope="食品检验")
    vehicle = register(pilot_user)
    with pytest.raises(RuleRefused) as refused:
        services.append_event(vehicle, "inspection", _report(), actor=inspector, occurred_on=date(2026, 6, 1),
                              today=TODAY)
    assert _codes(refused) == ["inspection_body_not_qualified"]


def test_a_number_that_is_not_the_bodys_qualification_is_a_400_on_the_field_办法第九条(pilot_user, inspector):
    vehicle = register(pilot_user)
    with pytest.raises(ValidationError) as refused:
        services.append_event(vehicle, "inspection", _report(number="CMA-1999-000"), actor=inspector,
                              occurred_on=date(2026, 6, 1), today=TODAY)
    assert "qualification_number" in refused.value.message_dict


def test_a_second_report_for_the_same_car_is_refused_unless_it_is_a_correction_实施方案三二(pilot_user, inspector):
    vehicle = register(pilot_user)
    first = services.append_event(vehicle, "inspection", _report(), actor=inspector, occurred_on=date(2026, 6, 1),
                                  today=TODAY)
    with pytest.raises(RuleRefused) as refused:
        services.append_event(vehicle, "inspection", {**_report(report="JJ-2"), "conclusion": "fail"},
                              actor=inspector, occurred_on=date(2026, 6, 2), today=TODAY)
    assert _codes(refused) == ["already_inspected"]
    vehicle.refresh_from_db()
    assert vehicle.inspection_conclusion == "pass"
    services.append_event(vehicle, "correction", {"corrects_seq": first.seq, "reason": "报告结论录入错误",
                                                  "conclusion": "fail"},
                          actor=inspector, occurred_on=date(2026, 6, 2), today=TODAY)
    vehicle.refresh_from_db()
    assert vehicle.inspection_conclusion == "fail"


def test_the_database_keeps_one_inspection_report_per_car_实施方案三二(pilot_user, inspector):
    vehicle = register(pilot_user)
    services.append_event(vehicle, "inspection", _report(), actor=inspector, occurred_on=date(2026, 6, 1), today=TODAY)
    vehicle.refresh_from_db()
    with pytest.raises(IntegrityError), transaction.atomic():
        chain.write_event(vehicle, EventType.INSPECTION, _report(report="JJ-2"), actor=inspector,
                          occurred_on=date(2026, 6, 2))


def test_eligibility_as_of_a_day_before_the_report_counts_no_report_办法第七条(pilot_user, inspector, api):
    vehicle = register(pilot_user)
    services.append_event(vehicle, "transfer_registration", {"certificate_number": "晋A-ZY-1"},
                          actor=make_user(Role.POLICE_OFFICER), occurred_on=date(2026, 6, 1), today=TODAY)
    services.append_event(vehicle, "inspection", _report(), actor=inspector, occurred_on=date(2026, 6, 10), today=TODAY)
    client = api(pilot_user)
    before = client.get(f"/api/v1/vehicles/{vehicle.vin}/eligibility/", {"as_of": "2026-06-09"}).json()
    after = client.get(f"/api/v1/vehicles/{vehicle.vin}/eligibility/", {"as_of": "2026-06-10"}).json()
    assert "no_passing_inspection" in [r["code"] for r in before["reasons"]]
    assert "no_passing_inspection" not in [r["code"] for r in after["reasons"]]


def test_the_register_names_the_kind_number_scope_and_validity_办法第九条(inspector):
    qualification = InspectionQualification.objects.get(organisation=inspector.organisation)
    assert qualification.kind == QualificationKind.CMA and qualification.number == "CMA-2024-009"
    assert qualification.covers_motor_vehicles and qualification.valid_from <= TODAY <= qualification.valid_until
