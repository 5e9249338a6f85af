"""办法第十二条, 实施方案三(四): the order to act on an incident's cars is an adverse decision — prepared by an
officer, authorised by the head (never the same official), issued as a signed letter with its deadline
counted in working days; the enterprise reports per vehicle and each report lands in that car's file."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from casework.decisions import authorise_decision
from casework.models import Decision
from compliance.incidents import services
from compliance.incidents.models import IncidentStatus, VehicleOutcome, VehicleReport
from compliance.tests.factories import pdf_upload
from compliance.tests.incident_helpers import OPENED, VehicleQuery, car, events_of, opened, ordered
from portal.errors import RuleRefused
from portal.roles import Role
from tests.official_pdf import assert_official


@pytest.fixture
def incident(pilot, bureau_officer):
    cars = [car(pilot, n, brand="大众", model="速腾 1.4T", destination_country="KZ") for n in range(2)]
    incident = opened(pilot, bureau_officer)
    services.identify_vehicles(incident, VehicleQuery(brand="大众", model="速腾 1.4T"), actor=bureau_officer,
                               today=OPENED)
    incident.cars = cars
    return incident


def test_article_12_an_order_cannot_be_authorised_by_its_preparer(incident, bureau_officer, head):
    services.prepare_order(incident, actor=bureau_officer, today=OPENED, measures=["repair"], facts="制动隐患。")
    decision = Decision.objects.get(case_kind="incident", object_id=incident.pk, status="prepared")
    with pytest.raises(PermissionDenied):  # the preparing officer is no head
        authorise_decision(decision, actor=bureau_officer, today=OPENED)
    bureau_officer.groups.add(Group.objects.get(name=str(Role.BUREAU_HEAD)))  # an official holding both roles
    both = type(bureau_officer).objects.get(pk=bureau_officer.pk)
    with pytest.raises(RuleRefused) as refused:
        authorise_decision(decision, actor=both, today=OPENED)
    assert refused.value.reasons[0].code == "same_official"
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.ORDER_PREPARED
    authorise_decision(decision, actor=head, today=OPENED)
    incident.refresh_from_db()
    assert (incident.status, incident.order_authorised_by, incident.ordered_on) == (IncidentStatus.ORDERED, head,
                                                                                    OPENED)


def test_article_12_the_order_goes_out_as_a_signed_official_letter_with_a_working_day_deadline(
        incident, bureau_officer, head):
    incident = ordered(incident, bureau_officer, head, working_days=10)
    assert incident.deadline == date(2026, 3, 16)  # 10 working days after Monday 2 March 2026
    letter = Decision.objects.get(case_kind="incident", object_id=incident.pk).letter
    text = assert_official(bytes(letter.pdf), "incident-order-letter", title="应急处置责令通知书", number=letter.number,
                           day=OPENED, more=(incident.number, "召回、更换零部件", "2026-03-16", "行政复议"))
    assert "。涉及你单位出口车辆2辆" in text
    assert letter.pdf_sha256 and b"/ByteRange" in bytes(letter.pdf)  # signed


def test_article_12_the_officer_must_name_measures_and_facts(incident, bureau_officer):
    with pytest.raises(ValidationError) as bad:
        services.prepare_order(incident, actor=bureau_officer, today=OPENED, measures=[], facts=" ")
    assert set(bad.value.message_dict) == {"measures", "facts"}


def test_scheme_3_4_a_per_vehicle_report_appends_to_that_cars_file(incident, bureau_officer, head, pilot):
    incident = ordered(incident, bureau_officer, head)
    first, second = incident.cars
    before = events_of(second).count()
    report = services.report_vehicle(incident, first.vin, actor=pilot.user, today=date(2026, 3, 5), outcome="done",
                                     description="已更换制动管路。", country="KZ", evidence=[pdf_upload("维修单.pdf")])
    event = events_of(first).last()
    assert (event.type, event.seq, report.event_seq) == ("repair", report.event_seq, event.seq)
    assert "已更换制动管路" in event.payload["description"] and incident.number in event.payload["description"]
    assert event.payload["attachments"][0]["name"] == "维修单.pdf"
    assert events_of(second).count() == before  # only that car's file
    services.report_vehicle(incident, second.vin, actor=pilot.user, today=date(2026, 3, 5), outcome="unreachable",
                            description="买方电话停机。", country="KZ")
    assert events_of(second).last().type == "aftersales"
    assert set(incident.affected.values_list("outcome", flat=True)) == {VehicleOutcome.DONE, VehicleOutcome.UNREACHABLE}
    with pytest.raises(RuleRefused):  # a car reported done is done
        services.report_vehicle(incident, first.vin, actor=pilot.user, today=date(2026, 3, 6), outcome="done",
                                description="再次", country="KZ")
    assert VehicleReport.objects.filter(affected__incident=incident).count() == 2


def test_scheme_3_4_only_the_enterprise_itself_reports_and_only_on_its_incidents_cars(
        incident, bureau_officer, head, other_enterprise_user, pilot):
    incident = ordered(incident, bureau_officer, head)
    with pytest.raises(PermissionDenied):
        services.report_vehicle(incident, incident.cars[0].vin, actor=other_enterprise_user, today=OPENED,
                                outcome="done", description="x", country="KZ")
    stranger = car(pilot, 99, brand="别克", model="英朗")
    with pytest.raises(RuleRefused):
        services.report_vehicle(incident, stranger.vin, actor=pilot.user, today=OPENED, outcome="done",
                                description="x", country="KZ")


def test_article_12_a_returned_order_is_prepared_again_and_waits_in_the_heads_queue_as_a_decision(
        incident, bureau_officer, head, pilot):
    from casework.decisions import return_decision
    from casework.queue import work_queue

    services.prepare_order(incident, actor=bureau_officer, today=OPENED, measures=["repair"], facts="制动隐患。")
    first = Decision.objects.get(case_kind="incident", object_id=incident.pk, status="prepared")
    assert [i.kind for i in work_queue(head, today=OPENED) if i.kind in ("decision", "incident")] == ["decision"]
    return_decision(first, actor=head, today=OPENED, note="请补充更换零部件措施。")
    services.prepare_order(incident, actor=bureau_officer, today=OPENED, measures=["repair", "part_replacement"],
                           facts="制动隐患。")
    second = Decision.objects.get(case_kind="incident", object_id=incident.pk, status="prepared")
    authorise_decision(second, actor=head, today=OPENED)
    incident.refresh_from_db()
    assert incident.measures == ["repair", "part_replacement"] and incident.status == IncidentStatus.ORDERED
    mine = [i for i in work_queue(pilot.user, today=OPENED) if i.kind == "incident"]
    assert [(i.pk, i.due_on) for i in mine] == [(incident.pk, incident.deadline)]
