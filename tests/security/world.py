"""A small world for the access matrix: one object of each kind for two pilot enterprises.

Everything is written through the apps' services (or their test factories where a service would
need a long prior workflow), so the objects are in the states the portal itself leaves them in.
Enterprise A is the pilot user's own organisation; enterprise B is "another organisation".
"""

import io
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
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


def _signed_decisions(enterprises, officer, head) -> None:
    """Letters are signed when the head authorises: a throw-away key and certificate, as a setting names them."""
    with tempfile.TemporaryDirectory() as folder:
        key, cert = Path(folder) / "key.pem", Path(folder) / "cert.pem"
        make_demo_credentials(key, cert, authority=settings.PORTAL["ISSUING_AUTHORITY"])
        with override_settings(LETTER_SIGNING_KEY=str(key), LETTER_SIGNING_CERT=str(cert)):
            for enterprise in enterprises:
                _decisions(enterprise, officer, head)


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
    from traceability.eventlog import publish_tree_head

    shared = {"round": review_round, "publicity": publicity, "objection": objection,
              "tree_head": publish_tree_head()}
    return World(users=users, own=own, other=other, shared=shared)
