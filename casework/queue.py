"""Work queues: every case that waits for the user's organisation and role.

Each source reads its own app's model (read-only), says which roles act on which statuses and gives its
rows the queue's columns (kind, id, reference, organisation, status in words, due date, link). The sources
are read as one UNION ALL, filtered, ordered (earliest due date first) and cut to the page in PostgreSQL,
so a page costs the same whatever the queue holds (issue 25: 13,889 open discrepancies at 1M vehicles
were read into Python on every request); assignments and clocks are attached to the page's rows only.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import Case, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Left, NullIf
from django.utils.translation import get_language
from psycopg2 import sql as pgsql

from portal.prepared import execute_prepared
from portal.reversing import url_filler
from portal.roles import OrganisationKind, Role, has_role

from .models import (
    CaseAssignment,
    CaseKind,
    Clock,
    ClockKind,
    ClockStatus,
    InformationRequest,
    InformationStatus,
)

BUREAU = (Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
# The columns every source gives its rows, in this order (the UNION's).
COLUMNS = ("q_kind", "q_pk", "q_reference", "q_organisation", "q_status", "q_due", "q_link")
# What orders and counts the queue: no join for the words (13,889 discrepancies joined to their vehicles took
# PostgreSQL ~180 ms at 1M vehicles, to show 25 of them).
LIGHT = ("q_kind", "q_pk", "q_due")
TEXT = models.TextField()
OPEN_CLOCK = (ClockStatus.RUNNING, ClockStatus.PAUSED)


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
    case_url: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"

    @property
    def kind_display(self) -> str:
        return CaseKind(self.kind).label


@dataclass(frozen=True)
class Source:
    kinds: tuple[str, ...]  # the case kinds its rows carry
    model: str  # "app_label.Model": the subject of assignments and clocks
    rows: Callable  # rows(user) -> (queryset, {column: expression}) | None (None: not this user's queue)
    url_name: str  # the page where the case is worked: reverse(url_name, args=[pk]) or args=[link]
    by_link: bool = False  # reverse(url_name, args=[the row's link]) (a VIN; an information request's case)


# --- the queue's columns ---------------------------------------------------------------------------

def _words(field_name: str, choices) -> Case:
    """A coded field in words of the current language, in SQL (so the search reads what the page shows)."""
    return Case(*[When(**{field_name: value}, then=Value(str(label))) for value, label in choices],
                default=Cast(F(field_name), TEXT), output_field=TEXT)


def _clock_due(model_label: str, kind: str):
    """The due date of the subject's running (or paused) clock of `kind` (one probe of its unique index)."""
    from django.apps import apps

    subject_type = ContentType.objects.get_for_model(apps.get_model(model_label))
    clocks = Clock.objects.filter(kind=kind, subject_type=subject_type, subject_id=Cast(OuterRef("pk"), models.CharField()),
                                  status__in=OPEN_CLOCK)
    return Subquery(clocks.order_by().values("due_on")[:1], output_field=models.DateField())


def _columns(queryset, *, kind, reference, organisation, status, due=None, link=None):
    """A source's rows and the expressions of the queue's columns (read as a whole, or only LIGHT ones)."""
    return queryset.order_by(), {
        "q_kind": kind if not isinstance(kind, str) else Value(str(kind), output_field=TEXT),
        "q_pk": Cast(F("pk"), models.BigIntegerField()),
        "q_reference": Cast(reference, TEXT), "q_organisation": Cast(organisation, TEXT), "q_status": status,
        # NULLs typed: PostgreSQL types an untyped NULL of two UNION branches as text before the third
        "q_due": due if due is not None else Cast(Value(None), models.DateField()),
        "q_link": Cast(link if link is not None else Value(None), TEXT),
    }


def _number_or_id(number_field: str):
    return Coalesce(NullIf(F(number_field), Value("")), Concat(Value("#"), Cast(F("pk"), TEXT)), output_field=TEXT)


# --- which cases wait for whom ---------------------------------------------------------------------

def _prepared_decision_subjects(case_kind: str):
    """Subjects of a prepared decision: they wait for the head as that decision, not as themselves."""
    from .models import Decision, DecisionStatus

    return Decision.objects.filter(case_kind=case_kind, status=DecisionStatus.PREPARED).values("object_id")


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


def _status(model) -> Case:
    return _words("status", model._meta.get_field("status").choices)


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
    kind = Case(When(status=ApplicationStatus.RETURNED, then=Value(str(CaseKind.CORRECTION))),
                default=Value(str(CaseKind.APPLICATION)), output_field=TEXT)
    return _columns(qs, kind=kind, reference=Coalesce(F("reference_number"), Value("")),
                    organisation=Coalesce(NullIf(F("company_name"), Value("")), F("organisation__name")),
                    status=_status(Application), due=_clock_due("applications.Application", ClockKind.INTAKE))


def _rounds(user):
    """Review rounds (review.workflow.ROUND): the statuses in which the user's roles have work waiting."""
    from review.models import ReviewRound

    statuses = _declared_states(CaseKind.REVIEW_ROUND, user)
    if not statuses:
        return None
    return _columns(ReviewRound.objects.filter(status__in=statuses), kind=CaseKind.REVIEW_ROUND, reference=F("name"),
                    organisation=Value(""), status=_status(ReviewRound))


def _licences(user):
    """Export licences (traceability.workflow.LICENCE): the officer prepares requests, the head issues
    prepared ones; a licence with a prepared decision waits as that decision."""
    from traceability.models import Licence

    statuses = _declared_states(CaseKind.LICENCE, user)
    if not statuses or not has_role(user, *BUREAU):
        return None
    qs = Licence.objects.filter(status__in=statuses).exclude(pk__in=_prepared_decision_subjects(CaseKind.LICENCE))
    return _columns(qs, kind=CaseKind.LICENCE, reference=_number_or_id("number"), organisation=F("enterprise__name"),
                    status=_status(Licence), due=_clock_due("traceability.Licence", ClockKind.LICENCE_ISSUE))


def _rectifications(user):
    """整改通知 (compliance.workflow.RECTIFICATION): the order itself is the prepared decision the
    head authorises; the enterprise answers while it is ordered or after a rejection."""
    from compliance.models import RectificationOrder

    qs = _declared_queryset(CaseKind.RECTIFICATION, RectificationOrder, user)
    if qs is None:
        return None
    return _columns(qs, kind=CaseKind.RECTIFICATION, reference=Left("reasons", 40),
                    organisation=F("enterprise__name"), status=_status(RectificationOrder), due=F("deadline"))


def _revocations(user):
    """取消试点资格案件 (compliance.workflow.REVOCATION); a published revocation waits for no one."""
    from compliance.models import CaseStatus, RevocationCase

    qs = _declared_queryset(CaseKind.REVOCATION, RevocationCase, user)
    if qs is None:
        return None
    qs = qs.exclude(status=CaseStatus.REVOKED, published_on__isnull=False)
    return _columns(qs, kind=CaseKind.REVOCATION, reference=_number_or_id("decision_number"),
                    organisation=F("enterprise__name"), status=_status(RevocationCase), due=F("answer_due_on"))


def _exits(user):
    """退出试点申请 (compliance.workflow.EXIT): the officer prepares the decision the head authorises."""
    from compliance.models import ExitApplication

    qs = _declared_queryset(CaseKind.EXIT, ExitApplication, user)
    if qs is None:
        return None
    return _columns(qs, kind=CaseKind.EXIT, reference=Left("reason", 40), organisation=F("enterprise__name"),
                    status=_status(ExitApplication))


def _incidents(user):
    """应急事件 (compliance.workflow.INCIDENT): the bureau identifies the cars, prepares the order and closes;
    the enterprise reports per vehicle once the order is signed; a prepared order waits as its decision."""
    from compliance.models import Incident

    qs = _declared_queryset(CaseKind.INCIDENT, Incident, user)
    if qs is None:
        return None
    return _columns(qs, kind=CaseKind.INCIDENT, reference=Left(Concat("number", Value(" "), "title", output_field=TEXT), 60),
                    organisation=F("enterprise__name"), status=_status(Incident), due=F("deadline"))


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
    return _columns(qs, kind=CaseKind.COMPLAINT, reference=F("number"), organisation=F("enterprise__name"),
                    status=_status(Complaint),
                    due=Coalesce(F("due_on"), _clock_due("supervision.Complaint", ClockKind.COMPLAINT_ANSWER)))


def _rating_follow_ups(user):
    """差评整改回访 (supervision.workflow.RATING_FOLLOW_UP, 国办发〔2019〕51号): the bureau answers the rater by
    the due date."""
    from supervision.models import RatingFollowUp

    states = _declared_states(CaseKind.RATING_FOLLOW_UP, user)
    if not states or not has_role(user, *BUREAU):
        return None
    return _columns(RatingFollowUp.objects.filter(status__in=states), kind=CaseKind.RATING_FOLLOW_UP,
                    reference=F("rating__reference"), organisation=F("rating__enterprise__name"),
                    status=_status(RatingFollowUp), due=F("due_on"))


def _discrepancies(user):
    from .models import Discrepancy
    from .selectors import discrepancies_visible_to

    if not has_role(user, *BUREAU, Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER, Role.INSPECTOR):
        return None
    qs = discrepancies_visible_to(user).filter(status="open")
    if has_role(user, *BUREAU):
        qs = qs.filter(acting_kind=OrganisationKind.COMMERCE_BUREAU)
    return _columns(qs.select_related(None), kind=CaseKind.DISCREPANCY, reference=F("vehicle__vin"),
                    organisation=F("vehicle__enterprise__name"),
                    status=_words("kind", Discrepancy._meta.get_field("kind").choices))


def _meeting_tasks(user):
    """联席会议交办事项 (supervision.workflow.MEETING_TASK, 实施方案四(一)): each agency works its own decisions."""
    from supervision.models import MeetingTask

    states = _declared_states(CaseKind.MEETING_TASK, user)
    if not states or user.organisation_id is None:
        return None
    qs = MeetingTask.objects.filter(status__in=states, agency=user.organisation.kind)
    return _columns(qs, kind=CaseKind.MEETING_TASK, reference=F("meeting__number"),
                    organisation=_words("agency", MeetingTask._meta.get_field("agency").choices),
                    status=_status(MeetingTask), due=F("due_on"))


def _decisions(user):
    """Prepared decisions wait for the head's authorisation (maker–checker)."""
    from .models import Decision, DecisionStatus

    if not has_role(user, Role.BUREAU_HEAD):
        return None
    return _columns(Decision.objects.filter(status=DecisionStatus.PREPARED), kind=CaseKind.DECISION,
                    reference=_words("kind", Decision._meta.get_field("kind").choices),
                    organisation=F("enterprise__name"), status=_status(Decision))


def _information(user):
    if not has_role(user, Role.ENTERPRISE_USER):
        return None
    qs = InformationRequest.objects.filter(organisation_id=user.organisation_id, status=InformationStatus.OPEN)
    return _columns(qs, kind=CaseKind.INFORMATION, reference=Left("items", 40),
                    organisation=Value(user.organisation.name), status=_status(InformationRequest),
                    due=Coalesce(F("deadline"), _clock_due("casework.InformationRequest", ClockKind.INFORMATION)),
                    link=Concat("kind", Value(":"), Cast("object_id", TEXT), output_field=TEXT))


def _agency_kind(user) -> str | None:
    if has_role(user, Role.POLICE_OFFICER):
        return CaseKind.DEREGISTRATION
    if has_role(user, Role.CUSTOMS_OFFICER):
        return CaseKind.CLEARANCE
    if has_role(user, Role.INSPECTOR) and user.organisation_id:
        return CaseKind.INSPECTION
    return None


def _agency_vehicles(user):
    """Police, customs and inspection bodies each see the vehicles that wait for their event."""
    from traceability.models import EventType, LicenceStatus, LicenceVehicle, TraceEvent, Vehicle

    kind = _agency_kind(user)
    if kind == CaseKind.DEREGISTRATION:
        qs = Vehicle.objects.filter(cleared_on__isnull=False, deregistered_on__isnull=True)
    elif kind == CaseKind.CLEARANCE:
        issued = LicenceVehicle.objects.filter(vehicle=OuterRef("pk"), licence__status=LicenceStatus.ISSUED)
        qs = Vehicle.objects.filter(Exists(issued), cleared_on__isnull=True)
    elif kind == CaseKind.INSPECTION:
        inspected = TraceEvent.objects.filter(vehicle=OuterRef("pk"), type=EventType.INSPECTION,
                                         recorded_by_organisation_id=user.organisation_id)
        qs = Vehicle.objects.filter(Exists(inspected), inspection_conclusion="fail", cleared_on__isnull=True)
    else:
        return None
    return _columns(qs, kind=kind, reference=F("vin"), organisation=F("enterprise__name"),
                    status=Value(str(CaseKind(kind).label), output_field=TEXT), link=F("vin"))


SOURCES = [
    Source((CaseKind.APPLICATION, CaseKind.CORRECTION), "applications.Application", _applications, "applications:detail"),
    Source((CaseKind.REVIEW_ROUND,), "review.ReviewRound", _rounds, "review:round-detail"),
    Source((CaseKind.LICENCE,), "traceability.Licence", _licences, "traceability:licence-detail"),
    Source((CaseKind.RECTIFICATION,), "compliance.RectificationOrder", _rectifications, "compliance:rectification-detail"),
    Source((CaseKind.REVOCATION,), "compliance.RevocationCase", _revocations, "compliance:case-detail"),
    Source((CaseKind.EXIT,), "compliance.ExitApplication", _exits, "compliance:exit-detail"),
    Source((CaseKind.INCIDENT,), "compliance.Incident", _incidents, "compliance:incident-detail"),
    Source((CaseKind.COMPLAINT,), "supervision.Complaint", _complaints, "supervision:complaint-detail"),
    Source((CaseKind.RATING_FOLLOW_UP,), "supervision.RatingFollowUp", _rating_follow_ups, "supervision:follow-up-detail"),
    Source((CaseKind.DISCREPANCY,), "casework.Discrepancy", _discrepancies, "casework:case-detail"),
    Source((CaseKind.INFORMATION,), "casework.InformationRequest", _information, "casework:case-detail", by_link=True),
    Source((CaseKind.DECISION,), "casework.Decision", _decisions, "casework:decision-detail"),
    Source((CaseKind.DEREGISTRATION, CaseKind.CLEARANCE, CaseKind.INSPECTION), "traceability.Vehicle",
           _agency_vehicles, "traceability:vehicle-detail", by_link=True),
    Source((CaseKind.MEETING_TASK,), "supervision.MeetingTask", _meeting_tasks, "supervision:meeting-task"),
]
SOURCE_OF_KIND = {kind: source for source in SOURCES for kind in source.kinds}

# Which model a case kind's id points to (several kinds share one model).
MODEL_OF_KIND = {kind: source.model for kind, source in SOURCE_OF_KIND.items()}


@dataclass
class QueueFilter:
    kind: str = ""
    assigned: str = ""  # "me", "unassigned", "" (anyone)
    q: str = ""
    overdue: bool = False


def _filtered(rows, user, filters: QueueFilter, today: date):
    if filters.kind:
        rows = rows.filter(q_kind=filters.kind)
    if filters.assigned:
        assigned = CaseAssignment.objects.filter(kind=OuterRef("q_kind"), object_id=OuterRef("q_pk"))
        rows = rows.filter(Exists(assigned.filter(assignee=user)) if filters.assigned == "me" else ~Exists(assigned))
    if filters.q.strip():
        rows = rows.alias(q_text=Concat("q_reference", Value(" "), "q_organisation", Value(" "), "q_status",
                                        output_field=TEXT)).filter(q_text__icontains=filters.q.strip())
    if filters.overdue:
        rows = rows.filter(q_due__lt=today)
    return rows


def _union(user, filters: QueueFilter, today: date, names=COLUMNS, kinds=None):
    """The user's queue as one queryset of `names` rows (None: nothing waits for this user's roles);
    `kinds`: only the sources of these case kinds."""
    parts = []
    for source in SOURCES:
        if filters.kind and filters.kind not in source.kinds or kinds is not None and not kinds & set(source.kinds):
            continue
        part = source.rows(user)
        if part is None:
            continue
        queryset, columns = part
        needed = COLUMNS if filters.q.strip() else names  # the search reads the words
        rows = _filtered(queryset.annotate(**{name: columns[name] for name in needed}), user, filters, today)
        parts.append(rows.values_list(*names))
    if not parts:
        return None
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def _items(rows) -> list[QueueItem]:
    items, url = [], url_filler()
    for kind, pk, reference, organisation, status, due_on, link in rows:
        source = SOURCE_OF_KIND[kind]
        if source.by_link:
            args = link.split(":") if kind == CaseKind.INFORMATION else [link]
        else:
            args = [kind, pk] if source.url_name == "casework:case-detail" else [pk]
        items.append(QueueItem(kind, pk, reference or "", organisation or "", status or "", url(source.url_name, *args),
                               due_on=due_on, case_url=url("casework:case-detail", kind, pk)))
    _attach_assignments(items)
    _attach_clocks(items)
    return items


# The union compiled to SQL, per process, by everything it is built from (the ORM took ~10 ms of CPU to
# build and compile the 14 sources' statement, more than PostgreSQL takes to run it; issue 25).
_COMPILED: dict = {}
_MISSING = object()


def _compiled(user, filters: QueueFilter, today: date, names=COLUMNS, kinds=None):
    """(sql, params) of the user's queue, or None when nothing can wait for the user's roles."""
    from portal.roles import role_names

    organisation = user.organisation if user.organisation_id else None
    key = (names, kinds, user.pk, role_names(user), user.organisation_id, getattr(organisation, "kind", None),
           getattr(organisation, "name", None), filters.kind, filters.assigned, filters.q.strip(),
           today if filters.overdue else None, get_language())
    compiled = _COMPILED.get(key, _MISSING)
    if compiled is _MISSING:
        rows = _union(user, filters, today, names, kinds)
        compiled = None if rows is None else rows.query.sql_with_params()
        if len(_COMPILED) >= 512:  # a few MB at most
            _COMPILED.clear()
        _COMPILED[key] = compiled
    return compiled


def _fetch(compiled, statement, extra=()) -> list[tuple]:
    """Run `statement` around the compiled union, PREPAREd once per connection and statement text (PostgreSQL
    planned the union of 14 sources in ~7 ms, twice a page, several times what running it took)."""
    union, params = compiled
    named = _STATEMENTS.get((statement.string, union))
    if named is None:
        if len(_STATEMENTS) >= 1024:
            _STATEMENTS.clear()
        sql = statement.format(pgsql.SQL(union)).as_string(connection.connection)
        # a literal % would need the driver's unescaping: such a text is not prepared
        name = None if "%%" in sql else "queue_" + hashlib.sha256(sql.encode()).hexdigest()[:24]
        named = _STATEMENTS[(statement.string, union)] = (name, sql)
    name, sql = named
    with connection.cursor() as cursor:
        if name is None:
            cursor.execute(sql, (*params, *extra))
        else:
            execute_prepared(cursor, name, sql, (*params, *extra))
        return cursor.fetchall()


_STATEMENTS: dict = {}  # (statement, union) -> (name, text), per process


COUNT = pgsql.SQL("SELECT count(*) FROM ({}) AS queue")
ORDERED = pgsql.SQL("SELECT * FROM ({}) AS queue ORDER BY q_due ASC NULLS LAST, q_kind, q_pk LIMIT %s OFFSET %s")
# PostgreSQL pushes the two conditions into every branch of the union (an index probe by id in each).
OF_KEYS = pgsql.SQL("SELECT * FROM ({}) AS queue WHERE q_kind = ANY(%s) AND q_pk = ANY(%s)")


def _rows_of(user, keys: list[tuple[str, int]], today: date) -> dict[tuple[str, int], tuple]:
    """The queue's rows (COLUMNS) of `keys` that wait for the user, by key (read from the sources of their
    kinds only: PostgreSQL plans a union of 14 sources in ~2 ms)."""
    compiled = _compiled(user, QueueFilter(), today, kinds=frozenset(kind for kind, _pk in keys)) if keys else None
    if compiled is None:
        return {}
    rows = _fetch(compiled, OF_KEYS, ([kind for kind, _pk in keys], [pk for _kind, pk in keys]))
    wanted = set(keys)
    return {(row[0], row[1]): row for row in rows if (row[0], row[1]) in wanted}


class QueueRows:
    """What waits for the user's organisation and role, earliest due date first, as Django's Paginator
    reads it: `count()` is one query; a page is one query for its keys in order and one for their rows
    (plus one each for their assignees and clocks), whatever the queue holds."""

    def __init__(self, user, filters: QueueFilter | None = None, *, today: date):
        self._user, self._filters, self._today = user, filters or QueueFilter(), today
        self._keys = _compiled(user, self._filters, today, LIGHT)
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = 0 if self._keys is None else _fetch(self._keys, COUNT)[0][0]
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index) -> list[QueueItem]:
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("QueueRows are read a page at a time: rows[start:stop]")
        if self._keys is None:
            return []
        start = index.start or 0
        if index.stop is None:  # everything (the export): the rows in order at once
            return _items(_fetch(_compiled(self._user, self._filters, self._today), ORDERED, (None, start)))
        keys = [(kind, pk) for kind, pk, _due in _fetch(self._keys, ORDERED, (max(index.stop - start, 0), start))]
        rows = _rows_of(self._user, keys, self._today)
        return _items([rows[key] for key in keys if key in rows])

    def __iter__(self):
        return iter(self[0:None])


def work_queue(user, filters: QueueFilter | None = None, *, today: date) -> list[QueueItem]:
    """Everything waiting for the user's organisation and role, earliest due date first (the export)."""
    return list(QueueRows(user, filters, today=today))


def waiting_keys(user, keys, *, today: date) -> set[str]:
    """Which of `keys` ("kind:pk") wait in the user's queue: one query."""
    wanted = []
    for key in keys:
        kind, _, pk = str(key).partition(":")
        if kind in SOURCE_OF_KIND and pk.isdigit():
            wanted.append((kind, int(pk)))
    return {f"{kind}:{pk}" for kind, pk in _rows_of(user, wanted, today)}


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
        subject_type__in=set(types.values()), subject_id__in={str(i.pk) for i in items}, status__in=OPEN_CLOCK,
    ).exclude(kind=ClockKind.ENTERPRISE_DUTY)
    by_subject = {(c.subject_type_id, c.subject_id): c for c in clocks}
    for item in items:
        clock = by_subject.get((types[item.kind].pk, str(item.pk)))
        if clock is not None:
            item.clock_id = clock.pk
            item.due_on = item.due_on or clock.due_on
