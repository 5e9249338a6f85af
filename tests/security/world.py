"""A small world for the access matrix: one object of each kind for two pilot enterprises.

Everything is written through the apps' services (or their test factories where a service would
need a long prior workflow), so the objects are in the states the portal itself leaves them in.
Enterprise A is the pilot user's own organisation; enterprise B is "another organisation".
"""

import io
import tempfile
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pypdf import PdfWriter

from applications import services as application_services
from applications.models import AttachmentKind
from applications.tests.helpers import complete_answers
from casework import clocks as casework_clocks
from casework import decisions as casework_decisions
from casework import services as casework_services
from casework.models import CaseKind, Clock, ClockKind, Discrepancy, DiscrepancyKind, LetterKind
from casework.signing import make_demo_credentials
from compliance import services as compliance_services
from compliance import workflows as compliance_workflows
from compliance.models import NetworkKind, Obligation, RevocationGround, Violation
from compliance.sweep import run_compliance
from portal.roles import OrganisationKind, Role
from review import services as review_services
from review.tests.factories import hold_stages
from supervision import services as supervision_services
from supervision.models import Severity
from tests.factories import EnterpriseFactory, PilotEnterpriseFactory, make_user
from traceability import imports as vehicle_imports
from traceability import licensing
from traceability.tests.helpers import Officials, make_ready, register

TODAY = date(2026, 6, 15)


def pdf_upload(name: str = "材料.pdf") -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


@dataclass
class Enterprise:
    """One pilot enterprise and one object of every kind that belongs to it."""

    org: object
    user: object
    objects: dict = field(default_factory=dict)


@dataclass
class World:
    users: dict
    own: Enterprise
    other: Enterprise
    shared: dict
    clients: dict = field(default_factory=dict)

    def user(self, column: str):
        return self.users[column]


def _application(user, officer):
    application = application_services.create_application(actor=user, data=complete_answers())
    attachment = application_services.add_attachment(
        application, kind=AttachmentKind.BUSINESS_PLAN, uploaded=pdf_upload("经营计划书.pdf"), actor=user
    )
    application = application_services.submit_application(application, actor=user, today=TODAY, credit_commitment=True)
    application = application_services.accept_application(application, actor=officer, today=TODAY)
    return application, attachment


def _vehicle_file(user, officials):
    vehicle = make_ready(register(user), officials)
    from traceability import services as trace_services

    event = trace_services.append_event(
        vehicle, "refurbishment", {"description": "更换轮胎"}, actor=user, occurred_on=TODAY,
        today=TODAY, attachments=[pdf_upload("整备记录.pdf")],
    )
    return vehicle, event.attachments.get()


def _enterprise_objects(enterprise: Enterprise, officials: Officials, officer, head, *, issue_licence: bool) -> None:
    user, objects = enterprise.user, enterprise.objects
    objects["application"], objects["application_attachment"] = _application(user, officer)
    objects["vehicle"], objects["vehicle_attachment"] = _vehicle_file(user, officials)
    objects["vehicle_import"] = vehicle_imports.start_import(
        SimpleUploadedFile("vehicles.xlsx", vehicle_imports.template_bytes()), actor=user
    )
    objects["licence"] = licensing.apply_for_licence([objects["vehicle"].vin], "KZ", actor=user, today=TODAY)
    if issue_licence:
        licensing.issue_licence(objects["licence"], actor=officer, today=TODAY)
        objects["licence"] = licensing.issue_licence(objects["licence"], actor=head, today=TODAY)
    network = compliance_workflows.submit_network_report(
        enterprise.org, actor=user, today=TODAY, kind=NetworkKind.SALES_NETWORK, countries="KZ", partners="阿拉木图经销商",
        addresses="Almaty", evidence=[pdf_upload("网络证明.pdf")],
    )
    objects["network"], objects["network_evidence"] = network, network.evidence.get()
    order = compliance_workflows.prepare_rectification(
        enterprise.org, actor=officer, today=TODAY, reasons="一车一档记录不完整", deadline=TODAY + timedelta(days=30)
    )
    order = compliance_workflows.authorise_rectification(order, actor=head, today=TODAY)
    order = compliance_workflows.answer_rectification(
        order, actor=user, today=TODAY, answer="已补齐记录", evidence=[pdf_upload("整改报告.pdf")]
    )
    objects["rectification"], objects["rectification_evidence"] = order, order.evidence.get()
    # Opened before its answer period ended, so that a decision may be prepared on it (办法第十二条).
    objects["case"] = compliance_services.open_revocation_case(
        enterprise.org, RevocationGround.OTHER, actor=officer, today=TODAY - timedelta(days=20), reason="核查中"
    )
    objects["exit"] = compliance_services.apply_for_exit(
        enterprise.org, actor=user, today=TODAY, reason="调整经营方向", aftersales_arrangements="委托当地维修站"
    )
    complaint = supervision_services.lodge_complaint(
        vin=objects["vehicle"].vin, category="quality", description="车辆漆面与描述不符。", contact_name="赵先生",
        contact_phone="13800000000", attachments=[pdf_upload("照片说明.pdf")], today=TODAY,
    )
    complaint = supervision_services.triage_complaint(complaint, Severity.MINOR, actor=officer, today=TODAY)
    complaint = supervision_services.assign_complaint(complaint, actor=officer, today=TODAY)
    objects["complaint"], objects["complaint_attachment"] = complaint, complaint.attachments.get()
    objects["clock"] = Clock.objects.filter(organisation=enterprise.org).order_by("pk").first() or casework_clocks.start_clock(
        complaint, ClockKind.COMPLAINT_ANSWER, started_on=TODAY, label="投诉答复", organisation=enterprise.org
    )
    note = casework_services.add_note(
        CaseKind.RECTIFICATION, order.pk, actor=officer, today=TODAY, text="已电话提醒。", internal=False,
        files=[pdf_upload("通话记录.pdf")],
    )
    objects["note_attachment"] = note.attachments.get()
    objects["information"] = casework_services.request_information(
        CaseKind.RECTIFICATION, order.pk, actor=officer, today=TODAY, items="补充整改照片",
        deadline=TODAY + timedelta(days=10),
    )
    objects["discrepancy"] = Discrepancy.objects.create(
        kind=DiscrepancyKind.INSPECTED_AFTER_CLEARANCE, vehicle=objects["vehicle"], key=objects["vehicle"].vin,
        acting_kind=OrganisationKind.COMMERCE_BUREAU, found_on=TODAY,
    )
    # 好差评 (issue 23 point 4): a closed complaint rated 1 through its link opens a follow-up case.
    from supervision import ratings

    closed = supervision_services.lodge_complaint(
        enterprise=enterprise.org.name, category="aftersales", description="配件迟迟未到。", contact_name="钱女士",
        contact_phone="13900000000", today=TODAY,
    )
    closed = supervision_services.close_complaint(closed, "已协调企业补发配件。", actor=officer, today=TODAY)
    rating = ratings.rate_service("complaint", closed.pk, score=1, comment="处理太慢。",
                                  token=ratings.complaint_token(closed), today=TODAY)
    objects["rating_token"], objects["follow_up"] = ratings.complaint_token(closed), rating.follow_up


def _decisions(enterprise: Enterprise, officer, head) -> None:
    """Maker–checker decisions (issue 13 point 4): one prepared by the officer and waiting for the head (on
    the revocation case), and one the head authorised, with its signed letter (a rectification order on
    the complaint). Made after the compliance run, so the obligations and violations stay the run's own."""
    objects = enterprise.objects
    objects["prepared_decision"] = casework_decisions.prepare_decision(
        CaseKind.REVOCATION, objects["case"].pk, LetterKind.REVOCATION, actor=officer, today=TODAY,
        facts="经核查，尚无取消资格的事实。", revoke=False,
    )
    decision = casework_decisions.prepare_decision(
        CaseKind.COMPLAINT, objects["complaint"].pk, LetterKind.RECTIFICATION, actor=officer, today=TODAY,
        facts="投诉反映车辆漆面与描述不符。", deadline=TODAY + timedelta(days=30),
    )
    objects["decision"] = casework_decisions.authorise_decision(decision, actor=head, today=TODAY)
    objects["incident"], objects["incident_evidence"] = _closed_incident(enterprise, officer, head)


def _closed_incident(enterprise: Enterprise, officer, head):
    """An emergency incident (实施方案三(四)) worked to its end: the car found, the order signed through
    casework, the car reported, closed with its closing report."""
    from compliance.incidents import services as incidents
    from compliance.incidents.query import VehicleQuery

    vehicle = enterprise.objects["vehicle"]
    incident = incidents.open_incident(
        enterprise.org, actor=officer, today=TODAY, category="safety_defect", severity="serious", source="customs",
        title="制动隐患", description="海关通报制动隐患。", evidence=[pdf_upload("通报.pdf")])
    incidents.identify_vehicles(incident, VehicleQuery(vins=(vehicle.vin,)), actor=officer, today=TODAY)
    incidents.prepare_order(incident, actor=officer, today=TODAY, measures=["repair"], facts="制动隐患。")
    pending = casework_decisions.Decision.objects.get(case_kind="incident", object_id=incident.pk, status="prepared")
    casework_decisions.authorise_decision(pending, actor=head, today=TODAY)
    incidents.report_vehicle(incident, vehicle.vin, actor=enterprise.user, today=TODAY, outcome="done",
                             description="已维修。", country="KZ")
    incident = incidents.close_incident(incident, actor=officer, today=TODAY, summary="已处置完毕。")
    return incident, incident.evidence.get()


def _signed_decisions(enterprises, officer, head) -> None:
    """Letters are signed when the head authorises: a throw-away key and certificate, as a setting names them."""
    with tempfile.TemporaryDirectory() as folder:
        key, cert = Path(folder) / "key.pem", Path(folder) / "cert.pem"
        make_demo_credentials(key, cert, authority=settings.PORTAL["ISSUING_AUTHORITY"])
        with override_settings(LETTER_SIGNING_KEY=str(key), LETTER_SIGNING_CERT=str(cert)):
            for enterprise in enterprises:
                _decisions(enterprise, officer, head)


def _panel_day(world_users):
    """A panel day (答辩会, issue 24) on a second round: an applicant's application on its agenda (a third
    enterprise: the pilots' own applications sit in the first round, one open application each), the world's
    expert present (no conflict declared), the item scored and closed, the minutes signed."""
    from django.utils import timezone

    from review import panel_services
    from review.tests.factories import accepted_application, full_marks_but

    officer, head, expert = world_users["officer"], world_users["head"], world_users["expert"]
    review_round = review_services.create_round(name="2026年第二批", actor=officer, today=TODAY, quorum=1)
    review_services.add_member(review_round, expert, actor=officer, today=TODAY)
    day = panel_services.create_day(review_round, title="第一场答辩会", held_on=TODAY, place="市商务局3楼会议室",
                                    chair=expert, actor=officer, today=TODAY)
    entry = review_services.add_application(review_round, accepted_application(), actor=officer, today=TODAY)
    hold_stages(entry, officer)
    review_services.declare_conflict(entry, conflict=False, actor=expert, today=TODAY)
    item = panel_services.set_agenda_item(day, entry=entry, position=1, starts_at=time(9), room="3楼会议室",
                                          actor=officer, today=TODAY)
    panel_services.start_session(day, present=[expert], actor=officer, today=TODAY)
    panel_services.open_item(item, actor=officer, today=TODAY, now=timezone.now() - timedelta(minutes=30))
    panel_services.submit_item_sheet(item, points=full_marks_but(review_round), comment="答辩清楚，材料完整。",
                                     actor=expert, today=TODAY)
    item = panel_services.close_item(item, actor=officer, today=TODAY)
    panel_services.close_session(day, actor=officer, today=TODAY)
    return panel_services.sign_minutes(day, actor=head, today=TODAY), item


def _inspection_plan(world_users):
    """双随机、一公开 (issue 23): police and customs the only listed inspectors, so both go on the one visit drawn;
    the visit recorded by the police and its result published."""
    from supervision.inspections import services as inspections
    from supervision.inspections.models import FollowUp, RiskRating, VisitType

    officer, police = world_users["officer"], world_users["police"]
    for badge, user in (("GA-0001", police), ("HG-0001", world_users["customs"])):
        inspections.add_inspector(user, badge_number=badge, actor=officer, today=TODAY)
    plan = inspections.create_plan(year=TODAY.year, quarter=2, sample_size=1, actor=officer, today=TODAY)
    inspections.publish_seed(plan, actor=officer, today=TODAY)
    plan = inspections.draw(plan, actor=officer, today=TODAY)
    visit = plan.visits.get()
    inspections.record_visit(visit, actor=police, today=TODAY, visit_type=VisitType.ONSITE, visited_on=TODAY,
                             people_present="执法检查人员2名", risk_rating=RiskRating.LOW, findings="资料齐全。",
                             follow_up=FollowUp.NONE)
    inspections.publish_result(visit, actor=officer, today=TODAY)
    plan.refresh_from_db()
    return plan, visit


def _joint_meeting(world_users):
    """The joint meeting (实施方案四(一)): held, one task for the police and one for customs, minutes signed."""
    from supervision.meetings import services as meetings
    from supervision.meetings.models import Agency

    officer = world_users["officer"]
    meeting = meetings.convene(held_on=TODAY, place="市商务局三楼会议室", actor=officer, today=TODAY)
    meetings.hold(meeting, attendees="市商务局、公安交管、海关", summary="通报本季度情况。", actor=officer, today=TODAY)
    task = meetings.add_decision(meeting, decision="核查注销登记数据。", agency=Agency.POLICE, working_days=10,
                                 actor=officer, today=TODAY)
    meetings.add_decision(meeting, decision="比对报关放行数据。", agency=Agency.CUSTOMS, working_days=15,
                          actor=officer, today=TODAY)
    return meetings.sign_minutes(meeting, actor=world_users["head"], today=TODAY), task


def _issue_23_24_objects(world_users) -> dict:
    """The panel day, the random-inspection plan and the joint meeting: the minutes are signed (a throw-away
    key, as in _signed_decisions)."""
    with tempfile.TemporaryDirectory() as folder:
        key, cert = Path(folder) / "key.pem", Path(folder) / "cert.pem"
        make_demo_credentials(key, cert, authority=settings.PORTAL["ISSUING_AUTHORITY"])
        with override_settings(LETTER_SIGNING_KEY=str(key), LETTER_SIGNING_CERT=str(cert)):
            day, item = _panel_day(world_users)
            plan, visit = _inspection_plan(world_users)
            meeting, task = _joint_meeting(world_users)
    return {"panel_day": day, "panel_item": item, "inspection_plan": plan, "inspection_visit": visit, "meeting": meeting,
            "meeting_task": task}


def _review_round(world_users, entries_of):
    """One round holding both enterprises' applications, scored, closed and published (公示)."""
    officer, head, expert = world_users["officer"], world_users["head"], world_users["expert"]
    review_round = review_services.create_round(name="2026年第一批", actor=officer, today=TODAY, quorum=1)
    review_services.add_member(review_round, expert, actor=officer, today=TODAY)
    entries = []
    for application in entries_of:
        entry = review_services.add_application(review_round, application, actor=officer, today=TODAY)
        hold_stages(entry, officer)
        review_services.declare_conflict(entry, conflict=False, actor=expert, today=TODAY)
        review_services.save_sheet(entry, points=dict(review_round.criteria), comment="材料完整。", submit=True,
                                   actor=expert, today=TODAY)
        entries.append(entry)
    review_services.close_scoring(review_round, actor=officer, today=TODAY)
    review_services.propose_publicity(review_round, entry_ids=[e.pk for e in entries], starts_on=TODAY,
                                      actor=officer, today=TODAY)
    publicity = review_services.approve_publicity(review_round, actor=head, today=TODAY)
    objection = review_services.lodge_objection(publicity, content="对评分有异议。", contact_name="钱先生",
                                                contact_phone="13900000000", entry=entries[0], today=TODAY)
    review_round.refresh_from_db()
    return review_round, entries, publicity, objection


def build_world() -> World:
    officials = Officials()
    officer = make_user(Role.BUREAU_OFFICER)
    users = {
        "ent": make_user(Role.ENTERPRISE_USER, organisation=EnterpriseFactory()),
        "officer": officer,
        "head": make_user(Role.BUREAU_HEAD, organisation=officer.organisation),
        "auditor": make_user(Role.AUDITOR, organisation=officer.organisation),
        "expert": make_user(Role.EXPERT),
        "police": officials.police,
        "customs": officials.customs,
        "inspector": officials.inspector,
    }
    own = Enterprise(org=PilotEnterpriseFactory(), user=None)
    other = Enterprise(org=PilotEnterpriseFactory(), user=None)
    for enterprise in (own, other):
        enterprise.user = make_user(Role.ENTERPRISE_USER, organisation=enterprise.org)
        # A's licence is issued (the public verification has a number to find); B's is only requested.
        _enterprise_objects(enterprise, officials, officer, users["head"], issue_licence=enterprise is own)
    users["pilot"] = users["other"] = own.user
    run_compliance(TODAY)
    for enterprise in (own, other):
        objects = enterprise.objects
        objects["obligation"] = Obligation.objects.filter(enterprise=enterprise.org).order_by("pk").first()
        objects["violation"] = Violation.objects.filter(enterprise=enterprise.org).order_by("pk").first()
    _signed_decisions((own, other), officer, users["head"])
    review_round, entries, publicity, objection = _review_round(
        users, [own.objects["application"], other.objects["application"]]
    )
    own.objects["entry"], other.objects["entry"] = entries
    # Issue 21: a published head of the event log, for the proofs and the heads' endpoints.
    from portal import announcements
    from traceability.eventlog import publish_tree_head

    # 通知公告 (issue 23 point 3): one published to the pilot enterprises only.
    announcement = announcements.create_announcement(title="关于报送季度数据的通知", body="请按时报送。",
                                                     audience="pilots", actor=officer, today=TODAY)
    shared = {"round": review_round, "publicity": publicity, "objection": objection,
              "tree_head": publish_tree_head(),
              "announcement": announcements.publish_announcement(announcement, actor=officer, today=TODAY)}
    # Issues 23 and 24: the panel day, a random-inspection plan, a joint meeting.
    shared.update(_issue_23_24_objects(users))
    return World(users=users, own=own, other=other, shared=shared)
