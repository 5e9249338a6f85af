"""domain-rules v1.1 "Obligations exist from the act that starts them": deregistration_2m (办法第六条)
when the clearance is recorded, first_export_6m / networks_9m / scale_3y (第八条) and no_export_12m
(第十二条第2项) at designation, rectification (第十二条第6项) when the order is authorised — before
any nightly sweep; the sweep judges them and makes no second row."""

from datetime import date

import pytest
from django.utils import timezone

from compliance import workflows
from compliance.models import Obligation, ObligationStatus, RuleCode
from compliance.services import run_compliance
from portal.models import PilotStatus
from portal.services import set_pilot_status
from tests.factories import EnterpriseFactory
from traceability.services import append_event, apply_for_licence, issue_licence
from traceability.tests.helpers import Officials, make_ready, register

pytestmark = pytest.mark.django_db


def test_deregistration_2m_is_visible_right_after_the_clearance_is_recorded_办法第六条(
        pilot_user, bureau_officer, bureau_head):
    today = timezone.localdate()
    officials = Officials()
    vehicle = make_ready(register(pilot_user, today=today), officials, on=today, today=today)
    licence = apply_for_licence([vehicle.vin], "KZ", actor=pilot_user, today=today)
    issue_licence(licence, actor=bureau_officer, today=today)
    issue_licence(licence, actor=bureau_head, today=today)
    declaration = {"declaration_number": "860120260000012345", "port": "太原武宿"}
    append_event(vehicle, "customs_declaration", declaration, actor=officials.customs, occurred_on=today, today=today)
    append_event(vehicle, "customs_clearance", declaration, actor=officials.customs, occurred_on=today, today=today)
    ob = Obligation.objects.get(rule=RuleCode.DEREGISTRATION_2M, vehicle=vehicle)
    assert (ob.status, ob.period_start, ob.enterprise_id) == (ObligationStatus.OPEN, today, pilot_user.organisation_id)
    run_compliance(today)
    assert Obligation.objects.filter(rule=RuleCode.DEREGISTRATION_2M, vehicle=vehicle).count() == 1


def test_a_newly_designated_pilot_has_its_article_8_and_12_duties_at_once_办法第八条(db):
    enterprise = EnterpriseFactory()
    set_pilot_status(enterprise, PilotStatus.DESIGNATED, on=date(2026, 12, 2))
    duties = dict(Obligation.objects.filter(enterprise=enterprise).values_list("rule", "due_on"))
    assert duties == {
        RuleCode.FIRST_EXPORT_6M: date(2027, 6, 2), RuleCode.NETWORKS_9M: date(2027, 9, 2),
        RuleCode.SCALE_3Y: date(2029, 12, 2), RuleCode.NO_EXPORT_12M: date(2027, 12, 2),
    }
    run_compliance(date(2026, 12, 2))
    assert Obligation.objects.filter(enterprise=enterprise).count() == 4


def test_a_rectification_duty_exists_when_the_order_is_authorised_办法第十二条第6项(pilot, bureau_officer, head):
    order = workflows.prepare_rectification(pilot, actor=bureau_officer, today=date(2026, 3, 1), reasons="报关资料不全",
                                            deadline=date(2026, 3, 31))
    assert not Obligation.objects.filter(rule=RuleCode.RECTIFICATION).exists()
    workflows.authorise_rectification(order, actor=head, today=date(2026, 3, 2))
    ob = Obligation.objects.get(rule=RuleCode.RECTIFICATION, rectification_order=order)
    assert (ob.status, ob.period_start, ob.due_on) == (ObligationStatus.OPEN, date(2026, 3, 2), date(2026, 3, 31))
    run_compliance(date(2026, 3, 2))
    assert Obligation.objects.filter(rule=RuleCode.RECTIFICATION).count() == 1
