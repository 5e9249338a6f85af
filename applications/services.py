"""State changes of an application: each locks the row, checks the state, changes it, logs, notifies.

The pages, the API and review's designation all call these functions (style.md: one service per
action). Services take the acting user and check what that user may do here, in one place.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.corrections import LateCorrection, late_correction_consequence
from portal.errors import (
    NOT_ACCEPTED,
    NOT_AWAITING_INTAKE,
    NOT_EDITABLE,
    OPEN_APPLICATION_EXISTS,
    Refusal,
    RuleRefused,
)
from portal.models import PolicyVersion
from portal.policy import PolicyValues, policy_in_force
from portal.roles import Role, has_role, is_bureau
from portal.services import notify_bureau, notify_organisation

from . import rules
from .models import (
    OPEN_STATUSES,
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    AttachmentKind,
    CorrectionRequest,
    CriterionFinding,
    JudgementCriterion,
    ReferenceCounter,
)

# The fields an applicant fills in (everything else belongs to the workflow).
CONTENT_FIELDS = (
    "company_name", "uscc", "registered_district", "address", "legal_representative", "contact_name",
    "contact_phone", "independent_legal_person", "has_import_export_rights", "violations_last_2_years",
    "fiscal_arrears", "credit_record_clean", "registered_capital", "paid_in_capital", "net_assets",
    "foreign_trade_experience", "sourcing_capacity", "overseas_channels", "destination_policy_knowledge",
    "repair_parts_system", "overseas_outlets", "logistics_park_or_china_europe_railway", "business_plan",
    "investment_plan", "business_model", "export_targets",
)
REFERENCE_FORMAT = "TY-ESC-{year}-{number:04d}"

# Sent inside the transaction of a refusal (application, actor, today, reason, at_intake): casework
# records the maker–checker decision and its signed letter (imports point one way).
application_refused = Signal()


def _lock(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _link(application: Application) -> str:
    return reverse("applications:detail", args=[application.pk])


def can_edit(application: Application, user) -> bool:
    """The applicant's own organisation, while the application is a draft or returned for 补正."""
    return is_applicant(application, user) and application.is_editable


def is_applicant(application: Application, user) -> bool:
    return has_role(user, Role.ENTERPRISE_USER) and user.organisation_id == application.organisation_id


def _ensure_applicant(application: Application, actor) -> None:
    if not is_applicant(application, actor):
        raise PermissionDenied


def _ensure_bureau(actor) -> None:
    if not is_bureau(actor):
        raise PermissionDenied


def ensure_awaiting_intake(application: Application) -> None:
    """办法第五条: intake (受理, 补正 or 不予受理) acts only on a submitted application."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise RuleRefused([NOT_AWAITING_INTAKE])


def _check_intake(app: Application, code: str, *, actor, today: date) -> None:
    """An intake action of the declaration; api.md names its wrong state `not_awaiting_intake`."""
    from portal.workflow import WRONG_STATE

    try:
        _check(app, code, actor=actor, today=today)
    except RuleRefused as refused:
        if [r.code for r in refused.reasons] == [WRONG_STATE.code]:
            raise RuleRefused([NOT_AWAITING_INTAKE]) from None
        raise


def _set_content(application: Application, data: dict) -> list[str]:
    fields = [f for f in data if f in CONTENT_FIELDS]
    for field in fields:
        setattr(application, field, data[field])
    application.clean_fields(exclude=[f.name for f in Application._meta.fields if f.name not in fields])
    return fields


@transaction.atomic
def create_application(*, actor, data: dict | None = None) -> Application:
    """A draft for the actor's organisation, pre-filled with the organisation's registered facts."""
    if not has_role(actor, Role.ENTERPRISE_USER) or actor.organisation_id is None:
        raise PermissionDenied
    organisation = actor.organisation
    if Application.objects.filter(organisation=organisation, status__in=OPEN_STATUSES).exists():
        raise RuleRefused([OPEN_APPLICATION_EXISTS])
    application = Application(
        organisation=organisation,
        created_by=actor,
        company_name=organisation.name,
        uscc=organisation.uscc or "",
        registered_district=organisation.registered_district,
        address=organisation.address,
    )
    _set_content(application, data or {})
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # a concurrent create won the partial unique index
        raise RuleRefused([OPEN_APPLICATION_EXISTS])
    log_action(application, "application.created", actor, to_status=application.status)
    return application


@transaction.atomic
def update_application(application: Application, *, actor, data: dict, step: str = "") -> Application:
    """Save a draft (or a returned application) with the fields given; a frozen one is refused."""
    app = _lock(application)
    _ensure_applicant(app, actor)
    if not app.is_editable:
        raise RuleRefused([NOT_EDITABLE])
    fields = _set_content(app, data)
    app.save()
    log_action(app, "application.draft_saved", actor, data={"step": step, "fields": sorted(fields)})
    return app


def next_reference_number(year: int) -> str:
    """TY-ESC-<year>-<NNNN>, gap-free per year: the year's counter row is locked until commit."""
    counter, _created = ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return REFERENCE_FORMAT.format(year=year, number=counter.last_number)


def has_plan_document(application: Application) -> bool:
    return application.attachments.filter(kind=AttachmentKind.BUSINESS_PLAN).exists()


def policy_for(application: Application, today: date | None = None) -> PolicyValues:
    """The policy version that judges the application (办法第一条, issue 24): the one in force on its submission
    day, recorded then and kept (a later version never rejudges it); a draft: the one in force `today`."""
    if application.policy_version_id is not None:
        return PolicyVersion.objects.get(number=application.policy_version_id).policy
    return policy_in_force(today or timezone.localdate())


def submission_checklist(application: Application, *, today: date | None = None) -> list[rules.CheckResult]:
    """The checklist the applicant sees: 第三条 admission check plus 第四条 plan requirements."""
    policy = policy_for(application, today)
    return rules.check_eligibility(application, policy) + rules.plan_checks(
        application, policy, has_plan_document=has_plan_document(application)
    )


def _check(app: Application, code: str, *, actor, today: date) -> None:
    """The declaration decides (applications/workflow.py): 403 for a wrong role or another
    organisation, 409 for a wrong state or a failed guard."""
    from .workflow import APPLICATION

    APPLICATION.check(app, code, actor=actor, today=today)


@transaction.atomic
def submit_application(application: Application, *, actor, today: date, credit_commitment: bool) -> Application:
    """Submit (or resubmit after 补正): refused with the failing rules, otherwise frozen and numbered.

    `credit_commitment`: the applicant made the 信用承诺书 (the check page's box; the API's clients agreed to
    it out of band). Without it nothing is submitted; with it its time is recorded with the submission.
    """
    from .workflow import SUBMISSION_INCOMPLETE

    if not credit_commitment:
        raise ValidationError({"credit_commitment": [_("请阅读并勾选信用承诺书后再提交申请。")]})
    app = _lock(application)
    try:
        _check(app, "submit", actor=actor, today=today)
    except RuleRefused as refused:
        if not any(r.code == SUBMISSION_INCOMPLETE.code for r in refused.reasons):
            raise
        # The declaration's guard names the summary; the applicant is told each failing rule.
        failures = rules.submission_refusals(submission_checklist(app, today=today))
        raise RuleRefused(
            [r for r in refused.reasons if r.code != SUBMISSION_INCOMPLETE.code]
            + [Refusal(r.code, str(r.article), r.message) for r in failures],
            detail=_("申请不符合准入条件或材料不全，不能提交。"),
        ) from None
    from_status = app.status
    if not app.reference_number:
        app.reference_number = next_reference_number(today.year)
    app.status = ApplicationStatus.SUBMITTED
    app.submitted_at = app.credit_commitment_at = timezone.now()
    if app.policy_version_id is None:  # judged by the version in force on the (first) submission day
        app.policy_version_id = policy_for(app, today).number
    app.save(update_fields=["reference_number", "status", "submitted_at", "credit_commitment_at", "policy_version",
                            "updated_at"])
    resubmitted = from_status == ApplicationStatus.RETURNED
    if resubmitted:
        app.corrections.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    log_action(app, "application.resubmitted" if resubmitted else "application.submitted", actor,
               from_status=from_status, to_status=app.status, data={"reference_number": app.reference_number})
    notify_bureau(
        code="application.submitted",
        title=_("新的试点申请待受理：%(ref)s %(name)s") % {"ref": app.reference_number, "name": app.company_name},
        link=_link(app),
    )
    return app


@transaction.atomic
def accept_application(application: Application, *, actor, today: date) -> Application:
    """受理 (办法第五条): only an application waiting for intake."""
    app = _lock(application)
    _check_intake(app, "accept", actor=actor, today=today)
    app.status = ApplicationStatus.ACCEPTED
    app.accepted_at = timezone.now()
    app.save(update_fields=["status", "accepted_at", "updated_at"])
    log_action(app, "application.accepted", actor, from_status=ApplicationStatus.SUBMITTED, to_status=app.status,
               data={"on": today.isoformat()})
    notify_organisation(
        app.organisation,
        code="application.accepted",
        title=_("您的试点申请 %(ref)s 已受理") % {"ref": app.reference_number},
        body=_("市商务局已于 %(on)s 受理您的申请，将进入评审程序。") % {"on": today.isoformat()},
        link=_link(app),
        event_key=f"application:{app.pk}:accepted",
    )
    return app


@transaction.atomic
def return_for_correction(
    application: Application, *, actor, today: date, items: list[str], deadline: date
) -> CorrectionRequest:
    """补正: back to the enterprise with what to fix and by when."""
    app = _lock(application)
    _check_intake(app, "return", actor=actor, today=today)  # 403/409 before the form's 400
    items = [str(i).strip() for i in items or [] if str(i).strip()]
    errors = {}
    if not items:
        errors["items"] = [_("请至少列出一项补正事项。")]
    if deadline is None or deadline <= today:
        errors["deadline"] = [_("补正期限须晚于今天。")]
    if errors:
        raise ValidationError(errors)
    correction = CorrectionRequest.objects.create(application=app, items=items, deadline=deadline, requested_by=actor)
    app.status = ApplicationStatus.RETURNED
    app.save(update_fields=["status", "updated_at"])
    log_action(app, "application.returned", actor, from_status=ApplicationStatus.SUBMITTED, to_status=app.status,
               reason="\n".join(items), data={"items": items, "deadline": deadline.isoformat()})
    notify_organisation(
        app.organisation,
        code="application.returned",
        title=_("您的试点申请 %(ref)s 需要补正") % {"ref": app.reference_number},
        body=_("请于 %(deadline)s 前补正以下事项后重新提交：\n%(items)s")
        % {"deadline": deadline.isoformat(), "items": "\n".join(items)},
        link=_link(app),
        event_key=f"application:{app.pk}:returned:{correction.pk}",
    )
    return correction


@transaction.atomic
def record_finding(application: Application, *, code: str, passed: bool, evidence: str, actor,
                   today: date) -> CriterionFinding:
    """A bureau officer's finding on a judgement criterion of 第三条, with its evidence."""
    _ensure_bureau(actor)
    if code not in JudgementCriterion.values:
        raise ValidationError({"code": [_("未知的评判项。")]})
    if not (evidence or "").strip():
        raise ValidationError({"evidence": [_("请写明评判依据。")]})
    app = _lock(application)
    if app.status in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN):
        raise RuleRefused([NOT_AWAITING_INTAKE])
    finding, _created = CriterionFinding.objects.update_or_create(
        application=app, code=code,
        defaults={"passed": passed, "evidence": evidence.strip(), "recorded_by": actor, "recorded_at": timezone.now()},
    )
    log_action(app, "application.finding_recorded", actor, reason=evidence.strip(),
               data={"code": code, "passed": passed, "on": today.isoformat()}, visible_to_enterprise=False)
    return finding


@transaction.atomic
def add_attachment(application: Application, *, kind: str, uploaded, actor) -> ApplicationAttachment:
    """An uploaded document (PDF/JPEG/PNG, sniffed by content), only while the content may change."""
    app = _lock(application)
    _ensure_applicant(app, actor)
    if not app.is_editable:
        raise RuleRefused([NOT_EDITABLE])
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": [_("未知的材料类型。")]})
    document = ApplicationAttachment(application=app, kind=kind, uploaded_by=actor)
    document.fill_from_upload(uploaded, field="file")
    document.save()
    log_action(app, "application.attachment_added", actor, data={"kind": kind, "name": document.original_name})
    return document


@transaction.atomic
def remove_attachment(document: ApplicationAttachment, *, actor) -> None:
    app = _lock(document.application)
    _ensure_applicant(app, actor)
    if not app.is_editable:
        raise RuleRefused([NOT_EDITABLE])
    name = document.original_name
    document.file.delete(save=False)
    document.delete()
    log_action(app, "application.attachment_removed", actor, data={"name": name})


@transaction.atomic
def mark_in_review(application: Application, *, actor) -> Application:
    """ACCEPTED → IN_REVIEW when scoring starts (review calls it; calling it again changes nothing)."""
    app = _lock(application)
    if app.status == ApplicationStatus.IN_REVIEW:
        return app
    if app.status != ApplicationStatus.ACCEPTED:
        raise RuleRefused([NOT_ACCEPTED])
    app.status = ApplicationStatus.IN_REVIEW
    app.save(update_fields=["status", "updated_at"])
    log_action(app, "application.in_review", actor, from_status=ApplicationStatus.ACCEPTED, to_status=app.status)
    return app


@transaction.atomic
def record_decision(application: Application, *, approved: bool, actor, today: date, reason: str = "") -> Application:
    """Designation outcome (办法第五条): an accepted or reviewed application is approved or rejected."""
    _ensure_bureau(actor)
    app = _lock(application)
    if app.status not in (ApplicationStatus.ACCEPTED, ApplicationStatus.IN_REVIEW):
        raise RuleRefused([NOT_ACCEPTED])
    return _decide(app, approved=approved, actor=actor, today=today, reason=reason)


@transaction.atomic
def refuse_at_intake(application: Application, *, decision, actor, today: date) -> Application:
    """不予受理 (办法第五条): a submitted application, also one resubmitted after 补正, refused at intake.
    casework calls it when the head authorises the refusal an officer prepared (maker–checker)."""
    from portal.workflow import ensure_authorised_decision

    from .workflow import CASE_KIND

    ensure_authorised_decision(decision, case_kind=CASE_KIND, pk=application.pk, actor=actor)
    app = _lock(application)
    _check_intake(app, "refuse", actor=actor, today=today)  # the head, on an officer's prepared decision
    return _decide(app, approved=False, actor=actor, today=today, reason=decision.facts, at_intake=True)


def _decide(app: Application, *, approved: bool, actor, today: date, reason: str, at_intake: bool = False):
    from_status = app.status
    app.status = ApplicationStatus.APPROVED if approved else ApplicationStatus.REJECTED
    app.decided_at = timezone.now()
    app.decision_reason = reason
    app.save(update_fields=["status", "decided_at", "decision_reason", "updated_at"])
    log_action(app, f"application.{app.status}", actor, from_status=from_status, to_status=app.status,
               reason=reason, data={"on": today.isoformat()})
    outcome = _("确定为试点企业") if approved else (_("不予受理") if at_intake else _("未通过评审"))
    notify_organisation(
        app.organisation,
        code="application.decided",
        title=_("您的试点申请 %(ref)s 已有结果：%(outcome)s") % {"ref": app.reference_number, "outcome": outcome},
        body=reason,
        link=_link(app),
        event_key=f"application:{app.pk}:decided",
    )
    if not approved:
        application_refused.send(sender=Application, application=app, actor=actor, today=today, reason=reason,
                                 at_intake=at_intake)
    return app


def apply_late_corrections(today: date) -> int:
    """办法第五条: applications returned for 补正 whose deadline passed before `today` unanswered get the
    declared consequence (portal.corrections): deemed withdrawn, or back to intake with the file as
    it stands. Compare-and-set on the status, so a rerun does nothing twice."""
    consequence = late_correction_consequence("application")
    done = 0
    late = CorrectionRequest.objects.filter(resolved_at__isnull=True, deadline__lt=today,
                                            application__status=ApplicationStatus.RETURNED)
    for correction in late.select_related("application"):
        with transaction.atomic():
            to_status = (ApplicationStatus.WITHDRAWN if consequence == LateCorrection.WITHDRAWN
                         else ApplicationStatus.SUBMITTED)
            if not Application.objects.filter(pk=correction.application_id, status=ApplicationStatus.RETURNED).update(
                    status=to_status, updated_at=timezone.now()):
                continue
            CorrectionRequest.objects.filter(pk=correction.pk).update(resolved_at=timezone.now())
            app = correction.application
            reason = _("逾期未补正（补正期限 %(d)s），%(what)s。") % {"d": correction.deadline.isoformat(),
                                                            "what": consequence.label}
            log_action(app, f"application.correction_{consequence.value}", None, from_status=ApplicationStatus.RETURNED,
                       to_status=to_status, reason=reason, data={"deadline": correction.deadline.isoformat()})
            notify_organisation(app.organisation, code="application.correction_lapsed", title=reason, link=_link(app),
                                event_key=f"application:{app.pk}:correction:{correction.pk}:lapsed")
            done += 1
    return done
