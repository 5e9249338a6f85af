"""Work queues: every case that waits for the user's organisation and role, one query per kind.

Each source reads its own app's model (read-only) and says which roles act on which statuses;
assignments, clocks and filters are applied on top in bounded queries.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from portal.roles import OrganisationKind, Role, has_role

from .models import CaseAssignment, CaseKind, Clock, ClockStatus, InformationRequest, InformationStatus

BUREAU = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD)


@dataclass
class QueueItem:
    kind: str
    pk: int
    reference: str
    organisation: str
    status: str
    url: str
    due_on: date | None = None
    assignee_id: int | None = None
    assignee: str = ""
    clock_id: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"

    @property
    def kind_display(self) -> str:
        return CaseKind(self.kind).label

    @property
    def case_url(self) -> str:
        return reverse("casework:case-detail", args=[self.kind, self.pk])


@dataclass(frozen=True)
class Source:
    kind: str
    model: str  # "app_label.Model": the subject of assignments and clocks
    read: object  # read(user) -> list[QueueItem] | None (None: not this user's queue)


def _prepared_decision_subjects(case_kind: str):
    """Subjects of a prepared decision: they wait for the head as that decision, not as themselves."""
    from .models import Decision, DecisionStatus

    return Decision.objects.filter(case_kind=case_kind, status=DecisionStatus.PREPARED).values("object_id")


def _applications(user):
    """Pilot applications (applications.workflow.APPLICATION): the bureau's intake, the enterprise's draft
    to submit and its 补正 to answer; an application with a prepared refusal waits as that decision."""
    from applications.models import Application, ApplicationStatus

    states = _declared_states("pilot_application", user)  # applications.workflow.APPLICATION
    if not states:
        return None
    qs = Application.objects.filter(status__in=states).exclude(pk__in=_prepared_decision_subjects(CaseKind.APPLICATION))
    if not has_role(user, *BUREAU):  # the enterprise acts on its own organisation's application only
        qs = qs.filter(organisation_id=user.organisation_id)
    return [
        QueueItem(CaseKind.CORRECTION if a.status == ApplicationStatus.RETURNED else CaseKind.APPLICATION, a.pk,
                  a.reference_number or "", a.company_name or a.organisation.name, a.get_status_display(),
                  reverse("applications:detail", args=[a.pk]))
        for a in qs.select_related("organisation")
    ]


def _rounds(user):
    """Review rounds (review.workflow.ROUND): the statuses in which the user's roles have work waiting."""
    from review.models import ReviewRound

    statuses = _declared_states(CaseKind.REVIEW_ROUND, user)
    if not statuses:
        return None
    return [
        QueueItem(CaseKind.REVIEW_ROUND, r.pk, r.name, "", r.get_status_display(), reverse("review:round-detail", args=[r.pk]))
        for r in ReviewRound.objects.filter(status__in=statuses)
    ]


def _licences(user):
    """Export licences (traceability.workflow.LICENCE): the officer prepares requests, the head issues
    prepared ones; a licence with a prepared decision waits as that decision."""
    from traceability.models import Licence

    statuses = _declared_states(CaseKind.LICENCE, user)
    if not statuses or not has_role(user, *BUREAU):
        return None
    decided = _prepared_decision_subjects(CaseKind.LICENCE)
    return [
        QueueItem(CaseKind.LICENCE, lic.pk, lic.number or f"#{lic.pk}", lic.enterprise.name, lic.get_status_display(),
                  reverse("traceability:licence-detail", args=[lic.pk]))
        for lic in Licence.objects.filter(status__in=statuses).exclude(pk__in=decided).select_related("enterprise")
    ]


def _declared_states(kind: str, user) -> list[str]:
    """The states in which the user's roles have an action waiting on a declared case kind
    (portal.workflow's states_awaiting), the queue's filter. The head's side of a countersigned
    decision is declared waits=False: that case waits in `_decisions`, not as itself."""
    from portal import workflow
    from portal.roles import role_names

    wf, states = workflow.get(kind), []
    for role in sorted(role_names(user)):
        states += [s for s in wf.states_awaiting(role) if s not in states]
    return states


def _declared_queryset(kind: str, model, user):
    states = _declared_states(kind, user)
    if not states:
        return None
    qs = model.objects.filter(status__in=states).exclude(pk__in=_prepared_decision_subjects(kind))
    if not has_role(user, *BUREAU):  # the enterprise acts on its own organisation's cases only
        qs = qs.filter(enterprise_id=user.organisation_id)
    return qs


def _rectifications(user):
    """整改通知 (compliance.workflow.RECTIFICATION): the order itself is the prepared decision the
    head authorises; the enterprise answers while it is ordered or after a rejection."""
    from compliance.models import RectificationOrder

    qs = _declared_queryset(CaseKind.RECTIFICATION, RectificationOrder, user)
    if qs is None:
        return None
    return [
        QueueItem(CaseKind.RECTIFICATION, o.pk, o.reasons[:40], o.enterprise.name, o.get_status_display(),
                  reverse("compliance:rectification-detail", args=[o.pk]), due_on=o.deadline)
        for o in qs.select_related("enterprise")
    ]


def _revocations(user):
    """取消试点资格案件 (compliance.workflow.REVOCATION); a published revocation waits for no one."""
    from compliance.models import CaseStatus, RevocationCase

    qs = _declared_queryset(CaseKind.REVOCATION, RevocationCase, user)
    if qs is None:
        return None
    qs = qs.exclude(status=CaseStatus.REVOKED, published_on__isnull=False)
    return [
        QueueItem(CaseKind.REVOCATION, c.pk, c.decision_number or f"#{c.pk}", c.enterprise.name, c.get_status_display(),
                  reverse("compliance:case-detail", args=[c.pk]), due_on=c.answer_due_on)
        for c in qs.select_related("enterprise")
    ]


def _exits(user):
    """退出试点申请 (compliance.workflow.EXIT): the officer prepares the decision the head authorises."""
    from compliance.models import ExitApplication

    qs = _declared_queryset(CaseKind.EXIT, ExitApplication, user)
    if qs is None:
        return None
    return [
        QueueItem(CaseKind.EXIT, a.pk, a.reason[:40], a.enterprise.name, a.get_status_display(),
                  reverse("compliance:exit-detail", args=[a.pk]))
        for a in qs.select_related("enterprise")
    ]


def _incidents(user):
    """应急事件 (compliance.workflow.INCIDENT): the bureau identifies the cars, prepares the order and closes;
    the enterprise reports per vehicle once the order is signed; a prepared order waits as its decision."""
    from compliance.models import Incident

    qs = _declared_queryset(CaseKind.INCIDENT, Incident, user)
    if qs is None:
        return None
    return [
        QueueItem(CaseKind.INCIDENT, i.pk, f"{i.number} {i.title}"[:60], i.enterprise.name, i.get_status_display(),
                  reverse("compliance:incident-detail", args=[i.pk]), due_on=i.deadline)
        for i in qs.select_related("enterprise")
    ]


def _complaints(user):
    from supervision.models import Complaint, ComplaintStatus

    if has_role(user, *BUREAU):
        qs = Complaint.objects.filter(status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.TRIAGED,
                                                  ComplaintStatus.ANSWERED, ComplaintStatus.ESCALATED])
    elif has_role(user, Role.ENTERPRISE_USER):
        qs = Complaint.objects.filter(status__in=[ComplaintStatus.ASSIGNED, ComplaintStatus.ESCALATED],
                                      enterprise_id=user.organisation_id)
    else:
        return None
    return [
        QueueItem(CaseKind.COMPLAINT, c.pk, c.number, c.enterprise.name, c.get_status_display(),
                  reverse("supervision:complaint-detail", args=[c.pk]), due_on=c.due_on)
        for c in qs.select_related("enterprise")
    ]


def _rating_follow_ups(user):
    """差评整改回访 (supervision.workflow.RATING_FOLLOW_UP, 国办发〔2019〕51号): the bureau answers the rater by
    the due date."""
    from supervision.models import RatingFollowUp

    states = _declared_states(CaseKind.RATING_FOLLOW_UP, user)
    if not states or not has_role(user, *BUREAU):
        return None
    return [
        QueueItem(CaseKind.RATING_FOLLOW_UP, f.pk, f.rating.reference, f.rating.enterprise.name,
                  f.get_status_display(), reverse("supervision:follow-up-detail", args=[f.pk]), due_on=f.due_on)
        for f in RatingFollowUp.objects.filter(status__in=states).select_related("rating", "rating__enterprise")
    ]


def _discrepancies(user):
    from .selectors import discrepancies_visible_to

    if not has_role(user, *BUREAU, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER, Role.INSPECTOR):
        return None
    qs = discrepancies_visible_to(user).filter(status="open")
    if has_role(user, *BUREAU):
        qs = qs.filter(acting_kind=OrganisationKind.COMMERCE_BUREAU)
    return [
        QueueItem(CaseKind.DISCREPANCY, d.pk, d.vehicle.vin, d.vehicle.enterprise.name, d.get_kind_display(),
                  reverse("casework:case-detail", args=[CaseKind.DISCREPANCY, d.pk]))
        for d in qs
    ]


def _meeting_tasks(user):
    """联席会议交办事项 (supervision.workflow.MEETING_TASK, 实施方案四(一)): each agency works its own decisions."""
    from supervision.models import MeetingTask

    states = _declared_states(CaseKind.MEETING_TASK, user)
    if not states or user.organisation_id is None:
        return None
    qs = MeetingTask.objects.filter(status__in=states, agency=user.organisation.kind).select_related("meeting")
    return [
        QueueItem(CaseKind.MEETING_TASK, t.pk, t.meeting.number, t.get_agency_display(), t.get_status_display(),
                  reverse("supervision:meeting-task", args=[t.pk]), due_on=t.due_on)
        for t in qs
    ]


def _decisions(user):
    """Prepared decisions wait for the head's authorisation (maker–checker)."""
    from .models import Decision, DecisionStatus

    if not has_role(user, Role.BUREAU_HEAD):
        return None
    qs = Decision.objects.filter(status=DecisionStatus.PREPARED).select_related("enterprise")
    return [
        QueueItem(CaseKind.DECISION, d.pk, d.get_kind_display(), d.enterprise.name, d.get_status_display(),
                  reverse("casework:decision-detail", args=[d.pk]))
        for d in qs
    ]


def _information(user):
    if not has_role(user, Role.ENTERPRISE_USER):
        return None
    qs = InformationRequest.objects.filter(organisation_id=user.organisation_id, status=InformationStatus.OPEN)
    return [
        QueueItem(CaseKind.INFORMATION, r.pk, r.items[:40], user.organisation.name, r.get_status_display(),
                  reverse("casework:case-detail", args=[r.kind, r.object_id]), due_on=r.deadline)
        for r in qs
    ]


def _agency_vehicles(user):
    """Police, customs and inspection bodies each see the vehicles that wait for their event."""
    from traceability.models import EventType, LicenceStatus, Vehicle

    if has_role(user, Role.POLICE_OFFICER):
        qs, kind = Vehicle.objects.filter(cleared_on__isnull=False, deregistered_on__isnull=True), CaseKind.DEREGISTRATION
    elif has_role(user, Role.CUSTOMS_OFFICER):
        qs = Vehicle.objects.filter(cleared_on__isnull=True, licences__status=LicenceStatus.ISSUED).distinct()
        kind = CaseKind.CLEARANCE
    elif has_role(user, Role.INSPECTOR) and user.organisation_id:
        qs = Vehicle.objects.filter(
            inspection_conclusion="fail", cleared_on__isnull=True, events__type=EventType.INSPECTION,
            events__recorded_by_organisation_id=user.organisation_id,
        ).distinct()
        kind = CaseKind.INSPECTION
    else:
        return None
    return [
        QueueItem(kind, v.pk, v.vin, v.enterprise.name, CaseKind(kind).label,
                  reverse("traceability:vehicle-detail", args=[v.vin]), extra={"cleared_on": v.cleared_on})
        for v in qs.select_related("enterprise")
    ]


SOURCES = [
    Source(CaseKind.APPLICATION, "applications.Application", _applications),
    Source(CaseKind.REVIEW_ROUND, "review.ReviewRound", _rounds),
    Source(CaseKind.LICENCE, "traceability.Licence", _licences),
    Source(CaseKind.RECTIFICATION, "compliance.RectificationOrder", _rectifications),
    Source(CaseKind.REVOCATION, "compliance.RevocationCase", _revocations),
    Source(CaseKind.EXIT, "compliance.ExitApplication", _exits),
    Source(CaseKind.INCIDENT, "compliance.Incident", _incidents),
    Source(CaseKind.COMPLAINT, "supervision.Complaint", _complaints),
    Source(CaseKind.RATING_FOLLOW_UP, "supervision.RatingFollowUp", _rating_follow_ups),
    Source(CaseKind.DISCREPANCY, "casework.Discrepancy", _discrepancies),
    Source(CaseKind.INFORMATION, "casework.InformationRequest", _information),
    Source(CaseKind.DECISION, "casework.Decision", _decisions),
    Source(CaseKind.DEREGISTRATION, "traceability.Vehicle", _agency_vehicles),
    Source(CaseKind.MEETING_TASK, "supervision.MeetingTask", _meeting_tasks),
]

# Which model a case kind's id points to (several kinds share one model).
MODEL_OF_KIND = {
    CaseKind.APPLICATION: "applications.Application", CaseKind.CORRECTION: "applications.Application",
    CaseKind.REVIEW_ROUND: "review.ReviewRound", CaseKind.LICENCE: "traceability.Licence",
    CaseKind.RECTIFICATION: "compliance.RectificationOrder", CaseKind.REVOCATION: "compliance.RevocationCase",
    CaseKind.COMPLAINT: "supervision.Complaint", CaseKind.DISCREPANCY: "casework.Discrepancy",
    CaseKind.INFORMATION: "casework.InformationRequest", CaseKind.DEREGISTRATION: "traceability.Vehicle",
    CaseKind.CLEARANCE: "traceability.Vehicle", CaseKind.INSPECTION: "traceability.Vehicle",
    CaseKind.DECISION: "casework.Decision", CaseKind.EXIT: "compliance.ExitApplication",
    CaseKind.RATING_FOLLOW_UP: "supervision.RatingFollowUp",
    CaseKind.INCIDENT: "compliance.Incident",
    CaseKind.MEETING_TASK: "supervision.MeetingTask",
}


@dataclass
class QueueFilter:
    kind: str = ""
    assigned: str = ""  # "me", "unassigned", "" (anyone)
    q: str = ""
    overdue: bool = False


def work_queue(user, filters: QueueFilter | None = None, *, today: date) -> list[QueueItem]:
    """Everything waiting for the user's organisation and role, earliest due date first."""
    filters = filters or QueueFilter()
    items: list[QueueItem] = []
    for source in SOURCES:
        items.extend(source.read(user) or [])
    _attach_assignments(items)
    _attach_clocks(items)
    if filters.kind:
        items = [i for i in items if i.kind == filters.kind]
    if filters.assigned == "me":
        items = [i for i in items if i.assignee_id == user.pk]
    elif filters.assigned == "unassigned":
        items = [i for i in items if i.assignee_id is None]
    if filters.q:
        needle = filters.q.strip().lower()
        items = [i for i in items if needle in f"{i.reference} {i.organisation} {i.status}".lower()]
    if filters.overdue:
        items = [i for i in items if i.due_on is not None and i.due_on < today]
    return sorted(items, key=lambda i: (i.due_on is None, i.due_on or date.max, i.kind, i.pk))


def _attach_assignments(items: list[QueueItem]) -> None:
    if not items:
        return
    kinds = {i.kind for i in items}
    rows = CaseAssignment.objects.filter(kind__in=kinds, object_id__in={i.pk for i in items}).select_related("assignee")
    by_key = {f"{a.kind}:{a.object_id}": a.assignee for a in rows}
    for item in items:
        if assignee := by_key.get(item.key):
            item.assignee_id, item.assignee = assignee.pk, assignee.get_full_name() or assignee.username


def _attach_clocks(items: list[QueueItem]) -> None:
    """The running clock of a case gives its due date where the case has none of its own."""
    if not items:
        return
    from django.apps import apps

    types = {kind: ContentType.objects.get_for_model(apps.get_model(MODEL_OF_KIND[kind])) for kind in {i.kind for i in items}}
    clocks = Clock.objects.filter(
        subject_type__in=set(types.values()), subject_id__in={str(i.pk) for i in items},
        status__in=[ClockStatus.RUNNING, ClockStatus.PAUSED],
    ).exclude(kind="enterprise_duty")
    by_subject = {(c.subject_type_id, c.subject_id): c for c in clocks}
    for item in items:
        clock = by_subject.get((types[item.kind].pk, str(item.pk)))
        if clock is not None:
            item.clock_id = clock.pk
            item.due_on = item.due_on or clock.due_on
