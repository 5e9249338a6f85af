"""Complaint workflow (实施方案三(四)): lodge → triage → assign → answer → close, escalation when late.

Every change takes `actor` and `today`, locks the row, checks the state against rules.py, changes
it, logs it and notifies. The public form, the API and the Celery job call these same functions.
"""

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.models import Organisation
from portal.periods import legal_period
from portal.policy import policy_in_force
from portal.roles import OrganisationKind
from portal.services import notify_bureau, notify_organisation

from . import rules
from .models import Complaint, ComplaintAttachment, ComplaintStatus, Severity
from .workflow import COMPLAINT

NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
MAX_ATTACHMENTS = 5


def _new_number(today: date) -> str:
    # Random, not sequential: a public number must not let anyone enumerate others' complaints.
    return f"TS{today:%Y%m%d}" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(6))


def _link(complaint: Complaint) -> str:
    return reverse("supervision:complaint-detail", args=[complaint.pk])


def resolve_subject(vin: str = "", enterprise: str = ""):
    """The vehicle and enterprise a complaint is about; a VIN not on file or an unknown enterprise
    is a 400 naming the field (api.md "Complaints")."""
    from traceability.models import Vehicle

    vin, enterprise = (vin or "").strip().upper(), (enterprise or "").strip()
    if not vin and not enterprise:
        raise ValidationError({"vin": [_("请填写车辆识别代号（VIN）或被投诉企业。")]})
    vehicle = None
    if vin:
        vehicle = Vehicle.objects.select_related("enterprise").filter(vin=vin).first()
        if vehicle is None:
            raise ValidationError({"vin": [_("平台上没有该车辆识别代号（VIN）的出口车辆档案。")]})
    org = None
    if enterprise:
        org = Organisation.objects.filter(
            Q(name=enterprise) | Q(uscc=enterprise.upper()) | Q(name_en__iexact=enterprise),
            kind=OrganisationKind.ENTERPRISE,
        ).first()
        if org is None:
            raise ValidationError({"enterprise": [_("未找到该企业（请填写企业全称或统一社会信用代码）。")]})
        if vehicle is not None and vehicle.enterprise_id != org.pk:
            raise ValidationError({"enterprise": [_("该车辆不是由此企业出口的。")]})
    return vehicle, org or vehicle.enterprise


@transaction.atomic
def lodge_complaint(*, vin: str = "", enterprise: str = "", category: str, description: str,
                    contact_name: str, contact_email: str = "", contact_phone: str = "",
                    attachments=(), today: date) -> Complaint:
    """Anyone may lodge a complaint (no login); the bureau is told once."""
    vehicle, org = resolve_subject(vin, enterprise)
    if not (contact_email or "").strip() and not (contact_phone or "").strip():
        raise ValidationError({"contact_email": [_("请至少填写电子邮箱或联系电话中的一项。")]})
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": [_("附件最多 %(n)d 个。") % {"n": MAX_ATTACHMENTS}]})
    complaint = Complaint.objects.create(
        number=_new_number(today), vehicle=vehicle, enterprise=org, category=category,
        description=description.strip(), contact_name=contact_name.strip(),
        contact_email=(contact_email or "").strip(), contact_phone=(contact_phone or "").strip(), received_on=today,
    )
    for uploaded in attachments:
        document = ComplaintAttachment(complaint=complaint)
        document.fill_from_upload(uploaded, field="attachments")
        document.save()
    log_action(complaint, "complaint.received", None, to_status=complaint.status, visible_to_enterprise=False)
    notify_bureau(
        code="complaint.received", title=_("收到新投诉 %(number)s") % {"number": complaint.number},
        body=_("被投诉企业：%(org)s") % {"org": org.name}, link=_link(complaint),
        event_key=f"complaint:{complaint.pk}:received",
    )
    return complaint


def _locked(complaint: Complaint, action: str, *, actor, today: date) -> Complaint:
    """Lock the complaint and check the declared action (supervision.workflow): role, state, guards."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    COMPLAINT.check(locked, action, actor=actor, today=today)
    return locked


def _record_in_vehicle_file(complaint: Complaint, *, actor, today: date, stage: str) -> None:
    """实施方案三(三)(四): the complaint and its handling appear in the vehicle's file — without
    the complainant's contact details."""
    if complaint.vehicle_id is None:
        return
    from traceability.services import append_event

    summary = _("投诉 %(number)s（%(category)s，%(severity)s）：%(stage)s") % {
        "number": complaint.number, "category": complaint.get_category_display(),
        "severity": complaint.get_severity_display() or "—", "stage": complaint.get_status_display(),
    }
    if stage == "closed" and complaint.outcome:
        summary += _("。办理结果：%(outcome)s") % {"outcome": complaint.outcome}
    data = {"description": summary, "complaint_number": complaint.number}
    append_event(complaint.vehicle, "complaint", data, actor=actor, occurred_on=today)


@transaction.atomic
def triage_complaint(complaint: Complaint, severity: str, *, actor, today: date, note: str = "") -> Complaint:
    """The bureau grades the complaint; the first grading puts it into the vehicle's file."""
    locked = _locked(complaint, "triage", actor=actor, today=today)
    if severity not in Severity.values:
        raise ValidationError({"severity": [_("请选择严重程度。")]})
    first_time = locked.status == ComplaintStatus.RECEIVED
    previous = locked.status
    locked.severity = severity
    locked.status = ComplaintStatus.TRIAGED
    locked.save(update_fields=["severity", "status"])
    log_action(locked, "complaint.triaged", actor, from_status=previous, to_status=locked.status, reason=note,
               data={"severity": severity}, visible_to_enterprise=False)
    if first_time:
        _record_in_vehicle_file(locked, actor=actor, today=today, stage="triaged")
    return locked


@transaction.atomic
def assign_complaint(complaint: Complaint, *, actor, today: date, working_days: int | None = None,
                     note: str = "") -> Complaint:
    """Send the complaint to the enterprise with an answer deadline in working days (default: the policy
    version in force today, portal.policy "complaint_working_days", domain-rules "Exit")."""
    locked = _locked(complaint, "assign", actor=actor, today=today)
    days = working_days or policy_in_force(today)["complaint_working_days"]
    if days < 1:
        raise ValidationError({"working_days": [_("办理期限至少 1 个工作日。")]})
    # api.md v1.1 期间: the day of assignment is not counted, as for every answer period.
    period = legal_period(today, working_days=days)
    locked.status = ComplaintStatus.ASSIGNED
    locked.assigned_on = today
    locked.due_on = period.ends_on
    locked.save(update_fields=["status", "assigned_on", "due_on"])
    log_action(locked, "complaint.assigned", actor, from_status=ComplaintStatus.TRIAGED, to_status=locked.status,
               reason=note, data={"working_days": days, "due_on": period.ends_on.isoformat(),
                                  "provisional": period.provisional})
    notify_organisation(
        locked.enterprise, code="complaint.assigned",
        title=_("投诉 %(number)s 已交贵企业办理") % {"number": locked.number},
        body=_("请于 %(due)s 前答复（%(days)d 个工作日）。") % {"due": period.ends_on.isoformat(), "days": days},
        link=_link(locked), event_key=f"complaint:{locked.pk}:assigned",
    )
    return locked


def _record_text(locked: Complaint, status: str, text_field: str, text: str, date_field: str, today: date, *,
                 missing) -> str:
    """Move the locked complaint to `status` with its text (required) and the day; answers the
    status it came from."""
    if not (text or "").strip():
        raise ValidationError({text_field: [missing]})
    previous = locked.status
    locked.status = status
    setattr(locked, text_field, text.strip())
    setattr(locked, date_field, today)
    locked.save(update_fields=["status", text_field, date_field])
    return previous


@transaction.atomic
def answer_complaint(complaint: Complaint, answer: str, *, actor, today: date) -> Complaint:
    """The enterprise the complaint was assigned to answers it."""
    locked = _locked(complaint, "answer", actor=actor, today=today)
    previous = _record_text(locked, ComplaintStatus.ANSWERED, "answer", answer, "answered_on", today,
                            missing=_("请填写答复内容。"))
    log_action(locked, "complaint.answered", actor, from_status=previous, to_status=locked.status,
               data={"on_time": not rules.is_answer_overdue(locked.due_on, None, today)})
    notify_bureau(
        code="complaint.answered", title=_("企业已答复投诉 %(number)s") % {"number": locked.number},
        link=_link(locked), event_key=f"complaint:{locked.pk}:answered",
    )
    return locked


@transaction.atomic
def escalate_complaint(complaint: Complaint, *, actor=None, today: date) -> Complaint | None:
    """A complaint not answered by its due date is escalated (督办) from the day after; the
    bureau and the enterprise are told once. Returns None when there is nothing to do."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if locked.status not in COMPLAINT.action("escalate").sources or not rules.is_answer_overdue(
        locked.due_on, locked.answered_on, today
    ):
        return None
    locked.status = ComplaintStatus.ESCALATED
    locked.escalated_on = today
    locked.save(update_fields=["status", "escalated_on"])
    log_action(locked, "complaint.escalated", actor, from_status=ComplaintStatus.ASSIGNED, to_status=locked.status,
               data={"due_on": locked.due_on.isoformat()})
    message = dict(
        code="complaint.escalated",
        title=_("投诉 %(number)s 逾期未答复，已督办") % {"number": locked.number},
        body=_("答复期限为 %(due)s。") % {"due": locked.due_on.isoformat()},
        link=_link(locked), event_key=f"complaint:{locked.pk}:escalated",
    )
    notify_bureau(**message)
    notify_organisation(locked.enterprise, **message)
    return locked


def escalate_overdue_complaints(today: date) -> int:
    """The daily job: take assigned complaints past their due date, each through the service."""
    count = 0
    for complaint in Complaint.objects.filter(status=ComplaintStatus.ASSIGNED, due_on__lt=today).only("pk"):
        if escalate_complaint(complaint, today=today) is not None:
            count += 1
    return count


@transaction.atomic
def close_complaint(complaint: Complaint, outcome: str, *, actor, today: date) -> Complaint:
    locked = _locked(complaint, "close", actor=actor, today=today)
    previous = _record_text(locked, ComplaintStatus.CLOSED, "outcome", outcome, "closed_on", today,
                            missing=_("请填写办理结果。"))
    log_action(locked, "complaint.closed", actor, from_status=previous, to_status=locked.status, reason=locked.outcome)
    _record_in_vehicle_file(locked, actor=actor, today=today, stage="closed")
    notify_organisation(
        locked.enterprise, code="complaint.closed", title=_("投诉 %(number)s 已办结") % {"number": locked.number},
        link=_link(locked), event_key=f"complaint:{locked.pk}:closed",
    )
    from .ratings import invite_complainant

    invite_complainant(locked)  # 好差评 (issue 23 point 4): the complainant's rating link
    return locked


@transaction.atomic
def request_revocation(complaint: Complaint, ground: str, *, actor, today: date, reason: str):
    """实施方案三(四): a serious complaint can open a revocation case (办法第十二条)."""
    locked = _locked(complaint, "request_revocation", actor=actor, today=today)
    from compliance.services import open_revocation_case

    case = open_revocation_case(
        locked.enterprise, ground, actor=actor, today=today, reason=reason, source=f"complaint:{locked.number}"
    )
    locked.revocation_requested_on = today
    locked.save(update_fields=["revocation_requested_on"])
    log_action(locked, "complaint.revocation_requested", actor, reason=reason,
               data={"ground": ground, "case": getattr(case, "pk", None)}, visible_to_enterprise=False)
    return case
