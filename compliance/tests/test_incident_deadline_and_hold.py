"""办法第十二条第4、5项, 实施方案三(四): at its deadline an unfinished order opens the declared next step once;
the export hold blocks a licence for that model and enterprise only, and lifts when the incident closes."""

from datetime import date

import pytest

from compliance.incidents import services
from compliance.incidents.models import IncidentStatus
from compliance.models import RevocationCase
from compliance.tasks import incident_deadlines
from compliance.tests.incident_helpers import OPENED, VehicleQuery, car, opened, ordered
from portal.errors import RuleRefused
from portal.models import Notification
from tests.factories import PilotEnterpriseFactory, make_user
from tests.official_pdf import assert_official
from traceability.licensing import _refusals


@pytest.fixture
def incident(pilot, bureau_officer, head):
    cars = [car(pilot, n, brand="大众", model="速腾 1.4T", destination_country="KZ") for n in range(2)]
    incident = ordered(opened(pilot, bureau_officer, category="mass_aftersales"), bureau_officer, head,
                       working_days=5, query=VehicleQuery(brand="大众", model="速腾 1.4T"))
    incident.cars = cars
    return incident


def test_article_12_items_4_5_an_unfinished_order_at_its_deadline_opens_the_declared_next_step_exactly_once(
        incident, pilot):
    assert incident.deadline == date(2026, 3, 9)
    services.report_vehicle(incident, incident.cars[0].vin, actor=pilot.user, today=date(2026, 3, 4), outcome="done",
                            description="已通知买方并维修。", country="KZ")
    assert incident_deadlines(as_of="2026-03-09")["escalated"] == 0  # the deadline day itself is in time
    first = incident_deadlines(as_of="2026-03-10")
    second = incident_deadlines(as_of="2026-03-10")
    third = incident_deadlines(as_of="2026-03-11")
    assert (first["escalated"], second["escalated"], third["escalated"]) == (1, 0, 0)
    incident.refresh_from_db()
    assert (incident.status, incident.escalated_on) == (IncidentStatus.ESCALATED, date(2026, 3, 10))
    case = RevocationCase.objects.get(enterprise=pilot)  # one case, on the declared ground (第十二条第4项)
    assert (case.ground, incident.escalation_case) == ("refused_aftersales_or_supervision", case)
    assert incident.number in case.reason and "第十二条第4、5项" in case.reason
    assert case.source == f"incident:{incident.pk}"


def test_scheme_3_4_a_finished_order_opens_nothing_and_reminders_go_once(incident, pilot):
    assert incident_deadlines(as_of="2026-03-04")["reminded"] == 1  # 5 days before
    assert incident_deadlines(as_of="2026-03-04")["reminded"] == 1  # the run counts, the inbox gets it once
    assert Notification.objects.filter(code="compliance.incident_reminder", recipient=pilot.user).count() == 1
    for vehicle in incident.cars:
        services.report_vehicle(incident, vehicle.vin, actor=pilot.user, today=date(2026, 3, 5), outcome="refused",
                                description="车主拒绝召回。", country="KZ")
    assert incident_deadlines(as_of="2026-03-20")["escalated"] == 0
    assert not RevocationCase.objects.exists()


def test_scheme_3_4_the_export_hold_blocks_a_licence_for_that_model_and_enterprise_and_lifts_at_closing(
        incident, pilot, bureau_officer, customs_officer):
    held = car(pilot, 50, brand="大众", model="速腾 1.4T")
    other_model = car(pilot, 51, brand="大众", model="朗逸")
    other_enterprise = PilotEnterpriseFactory()
    elsewhere = car(other_enterprise, 52, brand="大众", model="速腾 1.4T")

    def hold_codes(enterprise, vehicle):
        return [r.code for r in _refusals(enterprise, [vehicle], today=OPENED, applied_on=OPENED)
                if r.code == "export_hold"]

    assert hold_codes(pilot, held) == []
    services.hold_exports(incident, brand="大众", model="速腾 1.4T", reason="制动隐患未排除，暂停该车型出口。",
                          actor=customs_officer, today=OPENED)
    refusals = _refusals(pilot, [held], today=OPENED, applied_on=OPENED)
    hold = next(r for r in refusals if r.code == "export_hold")
    assert hold.article == "实施方案三(四)" and held.vin in hold.message and "暂停出口" in hold.message
    assert hold_codes(pilot, other_model) == [] and hold_codes(other_enterprise, elsewhere) == []
    with pytest.raises(RuleRefused):  # only a model the incident touches
        services.hold_exports(incident, brand="大众", model="朗逸", reason="x", actor=customs_officer, today=OPENED)

    for vehicle in incident.cars:
        services.report_vehicle(incident, vehicle.vin, actor=pilot.user, today=date(2026, 3, 5), outcome="done",
                                description="已完成召回维修。", country="KZ")
    closed = services.close_incident(incident, actor=bureau_officer, today=date(2026, 3, 6),
                                     summary="全部车辆已完成召回维修，风险已消除。")
    assert hold_codes(pilot, held) == []  # lifted with the incident
    assert closed.status == IncidentStatus.CLOSED
    text = assert_official(bytes(closed.closing_report_pdf), "incident-closing-report", title="二手车出口应急事件结案报告",
                           number=closed.closing_report_number, day=date(2026, 3, 6),
                           more=(incident.cars[0].vin, incident.cars[1].vin, "已处置", "全部车辆已完成召回维修"))
    assert "暂停出口措施自结案之日起解除" in text


def test_scheme_3_4_an_incident_with_cars_unreported_cannot_close(incident, bureau_officer):
    with pytest.raises(RuleRefused) as refused:
        services.close_incident(incident, actor=bureau_officer, today=date(2026, 3, 6), summary="结案")
    assert refused.value.reasons[0].code == "vehicles_pending"


def test_scheme_3_4_a_police_officer_cannot_hold_exports(incident, police_officer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.hold_exports(incident, brand="大众", model="速腾 1.4T", reason="x", actor=police_officer, today=OPENED)
    assert make_user  # the factory the fixtures use
