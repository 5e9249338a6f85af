"""run_compliance: every rule of domain-rules.md evaluated as on one day, set-based.

Each rule step is INSERT … SELECT for obligations that should exist and have none yet (the unique
constraints make a rerun a no-op), each judged as it is written where its rule is met by a dated
act, then compare-and-set UPDATEs of the open ones (open → met, open → overdue); no Python loop
over vehicles. The run's timings per step are in RunResult.timings (bench/bench_compliance.py). Every step commits on its own, so a run that dies
half-way leaves only whole steps behind and a rerun finishes the work. Overlapping runs wait for
each other (sql.run_lock).
"""

import contextlib
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Case, Count, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat, Greatest
from django.dispatch import Signal
from django.utils import timezone

from portal.models import Organisation, PilotStatus
from portal.policy import PolicyValues, policy_in_force
from traceability.models import Licence, LicenceStatus, Vehicle

from . import rules
from .models import (
    ComplianceRun,
    NetworkKind,
    NetworkReport,
    Obligation,
    ObligationStatus,
    RectificationOrder,
    RectificationStatus,
    ReportStatus,
    RuleCode,
    ScaleTarget,
    Violation,
)
from .sql import AddDays, AddMonths, insert_select, run_lock

ACTIVE_PILOT = (PilotStatus.DESIGNATED, PilotStatus.SUSPENDED)
LEFT_PILOT = (PilotStatus.EXITED, PilotStatus.REVOKED)
OPEN = ObligationStatus.OPEN
EVERYTHING = Q()
AT_RISK_DAYS = 30

# Sent inside the run's transaction after every rule (so a dry run rolls back what receivers do):
# casework runs its consistency checks over the vehicle files here. kwargs: as_of, dry_run, counts.
run_evaluated = Signal()


@dataclass(frozen=True)
class Change:
    enterprise: str
    rule: str
    vin: str | None
    due_on: date
    what: str  # "new", "met", "overdue", "due_today"


@dataclass
class RunResult:
    as_of: date
    dry_run: bool
    counts: dict = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    run_id: int | None = None
    at_risk: list[Change] = field(default_factory=list)  # open, falling due in the next AT_RISK_DAYS days
    timings: dict = field(default_factory=dict)  # seconds per step, the receivers and the reports (benchmarks)

    def summary(self) -> str:
        c = self.counts
        return (
            f"as of {self.as_of}{' (dry run)' if self.dry_run else ''}: {c.get('created', 0)} new, "
            f"{c.get('met', 0)} met, {c.get('overdue', 0)} overdue, {c.get('violations', 0)} violations, "
            f"{c.get('notified', 0)} notified, {c.get('cases', 0)} revocation cases"
        )


@dataclass
class Context:
    as_of: date
    run: ComplianceRun
    now: object
    counts: dict
    policy: PolicyValues  # the version in force on as_of (issue 24): its periods date what this run creates

    def months(self, rule: str) -> int:
        return rules.months(rule, self.policy)

    def add(self, key: str, n: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + int(n)


def _int(value):
    return Value(value, output_field=models.IntegerField())


# The obligation's fields that `acts` and `unless` (below) may correlate to with OuterRef.
OUTER_NAMES = {"enterprise": "enterprise", "vehicle_id": "vehicle", "licence_id": "licence",
               "rectification_order_id": "rectification_order", "period_start": "period_start", "due_on": "due_on"}


def _null(field=None):
    """A typed NULL (an untyped one reads as text through a derived table)."""
    return Cast(Value(None), field or models.BigIntegerField())


def _create(ctx: Context, rule: str, queryset, *, enterprise, period_key, period_start, due_on,
            vehicle=None, licence=None, order=None, target=None, acts=None, date_field=None, own=False,
            unless=None) -> None:
    """INSERT … SELECT one obligation per row of `queryset` that has none yet (duplicates are ignored).

    With `acts` the obligation is judged as it is created, by the same definitions the open ones
    are judged by afterwards (_first_act, _may_fall_overdue): met on the first act, overdue from the
    day after the due date, else open. `acts` and `unless` correlate to the obligation's field names
    (OuterRef("due_on"), OuterRef("vehicle_id"), …); the source rows are given those names here.
    With `own` the act is the source row's own `date_field`, read from the row instead of looked up.
    """
    columns = {
        "rule": Value(str(rule)),
        "enterprise": enterprise,
        "vehicle": vehicle if vehicle is not None else _null(),
        "licence": licence if licence is not None else _null(),
        "rectification_order": order if order is not None else _null(),
        "period_key": period_key,
        "period_start": period_start,
        "due_on": due_on,
        "target": target if target is not None else _null(models.IntegerField()),
        "policy_version": _int(ctx.policy.number),
        "created_in_run": _int(ctx.run.pk),
        "changed_in_run": _int(ctx.run.pk),
        "created_at": Value(ctx.now, output_field=models.DateTimeField()),
        "updated_at": Value(ctx.now, output_field=models.DateTimeField()),
    }
    fields = {f.name for f in queryset.model._meta.get_fields()} | {
        f.attname for f in queryset.model._meta.concrete_fields}
    named = {ref: columns[name] for ref, name in OUTER_NAMES.items() if ref not in fields}
    queryset = queryset.annotate(**named)
    if own:
        met_on = Case(When(_in_time(ctx, date_field, F("due_on")), then=F(date_field)), default=_null(models.DateField()))
        may_overdue = _may_fall_overdue(rule, unless)
    elif acts is not None:
        met_on = Subquery(_first_act(ctx, acts, date_field))
        may_overdue = _may_fall_overdue(rule, unless)
    else:
        met_on, may_overdue = _null(models.DateField()), Value(False)
    judged = {
        "met_on": met_on,
        "late": ExpressionWrapper(Q(due_on__lt=ctx.as_of) & Q(may_overdue), output_field=models.BooleanField())
        if acts is not None else Value(False),
        "overdue_since": AddDays(columns["due_on"], 1),
    }
    aliases = {f"o_{name}": expr for name, expr in {**columns, **judged}.items()}
    key = {"vehicle": OuterRef("o_vehicle")} if vehicle is not None else {
        "enterprise": OuterRef("o_enterprise"), "vehicle__isnull": True}
    # The licence or order its period names: an integer key for the anti-join (ON CONFLICT still decides).
    key.update({name: OuterRef(f"o_{name}") for name, given in (("licence", licence), ("rectification_order", order))
                if given is not None})
    existing = Obligation.objects.filter(rule=rule, period_key=OuterRef("o_period_key"), **key)
    rows = queryset.annotate(**aliases).filter(~Exists(existing)).values_list(*aliases)
    quote = connection.ops.quote_name
    met, late = quote("o_met_on"), quote("o_late")
    select = [f"s.{quote('o_' + name)}" for name in columns] + [
        f"CASE WHEN {met} IS NOT NULL THEN %s WHEN {late} THEN %s ELSE %s END",
        f"s.{met}",
        f"CASE WHEN {met} IS NULL AND {late} THEN s.{quote('o_overdue_since')} END",
    ]
    made = insert_select(Obligation, [*columns, "status", "met_on", "overdue_since"], rows, select=select,
                         select_params=[str(ObligationStatus.MET), str(ObligationStatus.OVERDUE), str(OPEN)],
                         count_by="status")
    ctx.add("created", sum(made.values()))
    ctx.add("met", made.get(str(ObligationStatus.MET), 0))
    ctx.add("overdue", made.get(str(ObligationStatus.OVERDUE), 0))


def _in_time(ctx: Context, date_field: str, due_on) -> Q:
    """An act counts when done on or before the due date and on or before the day of the run."""
    return Q(**{f"{date_field}__lte": due_on}) & Q(**{f"{date_field}__lte": ctx.as_of})


def _first_act(ctx: Context, acts, date_field: str):
    """The date of the first of `acts` (correlated to the obligation) that counts."""
    return acts.filter(_in_time(ctx, date_field, OuterRef("due_on"))).order_by(date_field).values(date_field)[:1]


def _may_fall_overdue(rule: str, unless=None):
    """Past its due date an open obligation falls overdue, unless `unless` holds (correlated to it),
    or the rule ends with the pilot and its enterprise has left."""
    conditions = []
    if unless is not None:
        conditions.append(~unless)
    if rules.RULES[rule].ends_with_pilot:
        conditions.append(Exists(Organisation.objects.filter(pk=OuterRef("enterprise"), pilot_status__in=ACTIVE_PILOT)))
    return Q(*conditions) if conditions else EVERYTHING


def _judge(ctx: Context, rule: str, queryset, acts=None, date_field: str | None = None, *, own=None, unless=None,
           **columns) -> None:
    """A rule whose obligation is met by a dated act: create the missing ones judged, then judge the open ones.

    `own` = (the obligation's field naming the source row, that row's date field): the act is a
    dated fact of the row the obligation is made from (the vehicle's deregistration, the licence's
    use), so the new obligations read it from their row and the open ones look the row up.
    """
    if own is not None:
        ref, date_field = own
        acts = queryset.model.objects.filter(pk=OuterRef(ref), **{f"{date_field}__isnull": False})
    _create(ctx, rule, queryset, acts=acts, date_field=date_field, own=own is not None, unless=unless, **columns)
    _mark_met(ctx, rule, acts, date_field)
    _mark_overdue(ctx, rule, unless)


def _mark_met(ctx: Context, rule: str, acts, date_field: str) -> None:
    """open → met where `acts` (correlated to the obligation, first act first) has a row."""
    first = _first_act(ctx, acts, date_field)
    # The first act is looked up once per open obligation (a few percent of the rule's rows), not
    # joined against every act on file.
    judged = Obligation.objects.filter(rule=rule, status=OPEN).alias(first=Subquery(first))
    n = (
        Obligation.objects.filter(rule=rule, status=OPEN, pk__in=judged.filter(first__isnull=False).values("pk"))
        .update(status=ObligationStatus.MET, met_on=Subquery(first), changed_in_run=ctx.run, updated_at=ctx.now)
    )
    ctx.add("met", n)


def _mark_overdue(ctx: Context, rule: str, unless=None) -> None:
    """open → overdue from the day after the due date (compare-and-set on the status)."""
    qs = Obligation.objects.filter(rule=rule, status=OPEN, due_on__lt=ctx.as_of).filter(_may_fall_overdue(rule, unless))
    n = qs.update(
        status=ObligationStatus.OVERDUE, overdue_since=AddDays(F("due_on"), 1), changed_in_run=ctx.run,
        updated_at=ctx.now,
    )
    ctx.add("overdue", n)


def _pilots(ctx: Context):
    return Organisation.objects.filter(pilot_status__in=ACTIVE_PILOT, designated_on__lte=ctx.as_of)


def _exports(ctx: Context):
    """Customs clearances (exports) of the obligation's enterprise, on or before as_of."""
    return Vehicle.objects.filter(enterprise=OuterRef("enterprise"), cleared_on__isnull=False, cleared_on__lte=ctx.as_of)


# --- one step per rule ------------------------------------------------------------------------------


def deregistration_2m(ctx: Context) -> None:
    """办法第六条: police deregistration by add_months(clearance date, 2), for each cleared vehicle."""
    rule = RuleCode.DEREGISTRATION_2M
    cleared = Vehicle.objects.filter(cleared_on__isnull=False, cleared_on__lte=ctx.as_of)
    _judge(ctx, rule, cleared, own=("vehicle_id", "deregistered_on"), enterprise=F("enterprise_id"), vehicle=F("id"),
           period_key=Value("clearance"), period_start=F("cleared_on"),
           due_on=AddMonths(F("cleared_on"), ctx.months(rule)))


def first_export_6m(ctx: Context) -> None:
    """办法第八条: the first customs clearance by add_months(designation date, 6)."""
    rule = RuleCode.FIRST_EXPORT_6M
    _judge(ctx, rule, _pilots(ctx), _exports(ctx).filter(cleared_on__gte=OuterRef("period_start")), "cleared_on",
           enterprise=F("id"), period_key=Value("designation"), period_start=F("designated_on"),
           due_on=AddMonths(F("designated_on"), ctx.months(rule)))


def networks_9m(ctx: Context) -> None:
    """办法第八条: sales network, after-sales network and parts supply accepted by add_months(designation, 9)."""
    rule = RuleCode.NETWORKS_9M
    _create(ctx, rule, _pilots(ctx), enterprise=F("id"), period_key=Value("designation"),
            period_start=F("designated_on"), due_on=AddMonths(F("designated_on"), ctx.months(rule)))
    in_time = {}
    for kind in NetworkKind:
        in_time[kind] = NetworkReport.objects.filter(
            enterprise=OuterRef("enterprise"), kind=kind, status=ReportStatus.ACCEPTED,
            decided_on__lte=OuterRef("due_on"),
        ).filter(decided_on__lte=ctx.as_of)
    first = [Subquery(qs.order_by("decided_on").values("decided_on")[:1]) for qs in in_time.values()]
    n = (
        Obligation.objects.filter(rule=rule, status=OPEN)
        .filter(*[Exists(qs) for qs in in_time.values()])
        .update(status=ObligationStatus.MET, met_on=Greatest(*first), changed_in_run=ctx.run, updated_at=ctx.now)
    )
    ctx.add("met", n)
    _mark_overdue(ctx, rule)


def scale_3y(ctx: Context) -> None:
    """办法第八条: vehicles exported by add_months(designation, 36) ≥ the scale the bureau set."""
    rule = RuleCode.SCALE_3Y
    _ensure_scale_targets(ctx)
    target = Subquery(ScaleTarget.objects.filter(enterprise=OuterRef("id")).values("vehicles")[:1])
    _create(ctx, rule, _pilots(ctx), enterprise=F("id"), period_key=Value("designation"),
            period_start=F("designated_on"), due_on=AddMonths(F("designated_on"), ctx.months(rule)),
            target=target)
    # A target the bureau changed later applies to the open obligation.
    current = ScaleTarget.objects.filter(enterprise=OuterRef("enterprise")).values("vehicles")[:1]
    Obligation.objects.filter(rule=rule, status=OPEN).exclude(target=Subquery(current)).update(target=Subquery(current))
    in_period = _exports(ctx).filter(cleared_on__gte=OuterRef("period_start"), cleared_on__lte=OuterRef("due_on"))
    counted = in_period.order_by().values("enterprise").annotate(n=Count("id")).values("n")
    n = (
        Obligation.objects.filter(rule=rule, status=OPEN, target__isnull=False, target__lte=Subquery(counted))
        .update(status=ObligationStatus.MET,
                met_on=Subquery(in_period.order_by("-cleared_on").values("cleared_on")[:1]),
                changed_in_run=ctx.run, updated_at=ctx.now)
    )
    ctx.add("met", n)
    _mark_overdue(ctx, rule)


def _ensure_scale_targets(ctx: Context) -> None:
    """Default scale: the 3-year target of the enterprise's approved plan (one row per enterprise)."""
    from applications.models import Application, ApplicationStatus

    missing = _pilots(ctx).exclude(Exists(ScaleTarget.objects.filter(enterprise=OuterRef("pk"))))
    plans = dict(
        Application.objects.filter(organisation__in=missing, status=ApplicationStatus.APPROVED)
        .order_by("organisation_id", "created_at").values_list("organisation_id", "export_targets")
    )
    ScaleTarget.objects.bulk_create(
        [
            ScaleTarget(enterprise_id=pk, vehicles=rules.plan_three_year_target(plans.get(pk))
                        or rules.DEFAULT_SCALE_WHEN_NO_PLAN, source="plan")
            for pk in missing.values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )


def no_export_12m(ctx: Context) -> None:
    """办法第十二条第2项 (domain-rules v1.1): the designation date and every export since each start
    12 months within which the next export must follow — an obligation per start, so an export
    recorded late does not hide an earlier gap."""
    rule = RuleCode.NO_EXPORT_12M
    months = ctx.months(rule)
    next_export = _exports(ctx).filter(cleared_on__gt=OuterRef("period_start"))
    _judge(ctx, rule, _pilots(ctx), next_export, "cleared_on",
           enterprise=F("id"), period_key=Cast(F("designated_on"), models.CharField()),
           period_start=F("designated_on"), due_on=AddMonths(F("designated_on"), months))
    # Two cars cleared the same day are one start: the duplicate period_key is ignored on insert.
    exports = Vehicle.objects.filter(
        enterprise__in=_pilots(ctx), cleared_on__isnull=False, cleared_on__gte=F("enterprise__designated_on"),
        cleared_on__lte=ctx.as_of,
    )
    _judge(ctx, rule, exports, next_export, "cleared_on",
           enterprise=F("enterprise_id"), period_key=Cast(F("cleared_on"), models.CharField()),
           period_start=F("cleared_on"), due_on=AddMonths(F("cleared_on"), months))


def rectification(ctx: Context) -> None:
    """办法第十二条第6项: a rectification order fulfilled (answered in time and accepted) by its deadline."""
    rule = RuleCode.RECTIFICATION
    ordered = RectificationOrder.objects.filter(ordered_on__isnull=False, ordered_on__lte=ctx.as_of)
    accepted = RectificationOrder.objects.filter(pk=OuterRef("rectification_order_id"),
                                                 status=RectificationStatus.ACCEPTED, answered_on__isnull=False)
    # An answer given in time and still under review is not overdue until the bureau rejects it.
    awaiting_review = RectificationOrder.objects.filter(
        pk=OuterRef("rectification_order_id"), status=RectificationStatus.ANSWERED, answered_on__lte=OuterRef("due_on")
    )
    _judge(ctx, rule, ordered, accepted, "answered_on", unless=Exists(awaiting_review), enterprise=F("enterprise_id"),
           order=F("id"), period_key=Concat(Value("order:"), Cast(F("id"), models.CharField())),
           period_start=F("ordered_on"), due_on=F("deadline"))


def aftersales_1y(ctx: Context) -> None:
    """办法第十四条: after exit, after-sales duty for each exported vehicle until add_months(clearance, 12)."""
    rule = RuleCode.AFTERSALES_1Y
    months = ctx.months(rule)
    exported = (
        Vehicle.objects.filter(enterprise__pilot_status__in=LEFT_PILOT, cleared_on__isnull=False,
                               enterprise__pilot_status_changed_on__lte=ctx.as_of)
        .annotate(duty_until=AddMonths(F("cleared_on"), months))
        .filter(duty_until__gte=F("enterprise__pilot_status_changed_on"),
                cleared_on__lte=F("enterprise__pilot_status_changed_on"))
    )
    _create(ctx, rule, exported, enterprise=F("enterprise_id"), vehicle=F("id"), period_key=Value("after_exit"),
            period_start=F("enterprise__pilot_status_changed_on"), due_on=F("duty_until"))
    # The duty is discharged once its year has run without a recorded breach.
    n = Obligation.objects.filter(rule=rule, status=OPEN, due_on__lt=ctx.as_of).update(
        status=ObligationStatus.MET, met_on=F("due_on"), changed_in_run=ctx.run, updated_at=ctx.now
    )
    ctx.add("met", n)


def licence_expiry(ctx: Context) -> None:
    """货物出口许可证管理办法: a licence unused at the end of its validity lapses."""
    rule = RuleCode.LICENCE_EXPIRY
    _lapse_licences(ctx)
    issued = Licence.objects.filter(
        issued_on__isnull=False, issued_on__lte=ctx.as_of, valid_until__isnull=False,
        status__in=[LicenceStatus.ISSUED, LicenceStatus.USED, LicenceStatus.EXPIRED],
    )
    _judge(ctx, rule, issued, own=("licence_id", "used_on"), enterprise=F("enterprise_id"), licence=F("id"),
           period_key=Concat(Value("licence:"), Cast(F("id"), models.CharField())),
           period_start=F("issued_on"), due_on=F("valid_until"))


def _lapse_licences(ctx: Context) -> None:
    """traceability owns the licence's status; call its service when it offers one."""
    from traceability import services as licence_services

    lapse = getattr(licence_services, "lapse_expired_licences", None)
    if lapse is not None:
        ctx.add("lapsed", lapse(ctx.as_of) or 0)


def record_violations(ctx: Context) -> None:
    """One violation per overdue obligation (the one-to-one column refuses a second)."""
    overdue = Obligation.objects.filter(status=ObligationStatus.OVERDUE, violation__isnull=True)
    aliases = {
        "v_obligation": F("id"), "v_rule": F("rule"), "v_enterprise": F("enterprise_id"),
        "v_vehicle": F("vehicle_id"), "v_overdue_since": F("overdue_since"),
        "v_run": _int(ctx.run.pk), "v_created_at": Value(ctx.now, output_field=models.DateTimeField()),
    }
    n = insert_select(
        Violation,
        ["obligation", "rule", "enterprise", "vehicle", "overdue_since", "detected_in_run", "created_at"],
        overdue.annotate(**aliases).values_list(*aliases),
    )
    ctx.add("violations", n)


def follow_up_violations(ctx: Context) -> None:
    """Tell the enterprise and the bureau once per violation; 第十二条第2、6项 open a revocation case."""
    from .services import follow_up_violation

    pending = Violation.objects.filter(notified_at__isnull=True).select_related("enterprise", "vehicle", "obligation")
    for violation in pending.order_by("id"):
        with transaction.atomic():
            notified, case_opened = follow_up_violation(violation, today=ctx.as_of)
        ctx.add("notified", notified)
        ctx.add("cases", case_opened)


# The order matters only in that violations follow the rules; every step is idempotent.
STEPS = [
    deregistration_2m,
    first_export_6m,
    networks_9m,
    scale_3y,
    no_export_12m,
    rectification,
    aftersales_1y,
    licence_expiry,
    record_violations,
    follow_up_violations,
]


def run_compliance(as_of: date, *, dry_run: bool = False, trigger: str = "service") -> RunResult:
    """Evaluate every rule as on `as_of`. A dry run does the same work in a transaction it rolls back."""
    result = RunResult(as_of=as_of, dry_run=dry_run)
    if dry_run:
        with transaction.atomic():
            _evaluate(as_of, result, trigger)
            transaction.set_rollback(True)
        result.run_id = None
        return result
    with run_lock():
        _evaluate(as_of, result, trigger)
    return result


def _evaluate(as_of: date, result: RunResult, trigger: str) -> None:
    with _work_mem():
        _evaluate_steps(as_of, result, trigger)


@contextlib.contextmanager
def _work_mem():
    """The run's hash joins and aggregates cover a table of vehicles: give them memory enough
    not to spill to disk (settings.COMPLIANCE_WORK_MEM; reset afterwards)."""
    size = getattr(settings, "COMPLIANCE_WORK_MEM", "64MB")
    if not size:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('work_mem')")
        before = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('work_mem', %s, false)", [size])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('work_mem', %s, false)", [before])


def _evaluate_steps(as_of: date, result: RunResult, trigger: str) -> None:
    now = timezone.now()
    policy = policy_in_force(as_of)  # run_compliance --as-of D judges by the version in force on D (issue 24)
    run = ComplianceRun.objects.create(as_of=as_of, dry_run=result.dry_run, trigger=trigger, started_at=now,
                                       policy_version_id=policy.number)
    if not result.dry_run and (closed := close_unfinished_runs(run, now)):
        result.counts["closed_unfinished_runs"] = closed
    ctx = Context(as_of=as_of, run=run, now=now, counts=result.counts, policy=policy)
    for step in STEPS:
        with _timed(result, step.__name__), transaction.atomic():
            step(ctx)
    with _timed(result, "run_evaluated"):
        run_evaluated.send(sender=ComplianceRun, as_of=as_of, dry_run=result.dry_run, counts=result.counts)
    with _timed(result, "changes_in_run"):
        result.changes = changes_in_run(run, as_of)
    with _timed(result, "at_risk"):
        result.at_risk = at_risk(as_of)
    result.run_id = run.pk
    run.counts = dict(result.counts)
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])


def close_unfinished_runs(run: ComplianceRun, now) -> int:
    """Issue 22 point 4: a run without `finished_at` died with its worker (we hold the run lock, so no
    other run is going). It is closed, naming the run that does its work again — every step is
    idempotent, so the new run completes what the dead one left and doubles nothing."""
    unfinished = ComplianceRun.objects.filter(finished_at__isnull=True, dry_run=False).exclude(pk=run.pk)
    closed = 0
    for stale in unfinished:
        stale.counts = {**(stale.counts or {}), "interrupted": True, "resumed_by_run": run.pk}
        stale.finished_at = now
        stale.save(update_fields=["counts", "finished_at"])
        closed += 1
    return closed


@contextlib.contextmanager
def _timed(result: RunResult, name: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        result.timings[name] = result.timings.get(name, 0.0) + time.perf_counter() - started


def at_risk(as_of: date, days: int = AT_RISK_DAYS) -> list[Change]:
    """Who will breach in the next `days` days unless they act: open obligations falling due then."""
    qs = (
        Obligation.objects.filter(status=OPEN, due_on__gt=as_of, due_on__lte=as_of + timedelta(days=days))
        .order_by("enterprise__name", "due_on", "rule", "id")
        .values_list("enterprise__name", "rule", "vehicle__vin", "due_on")
    )
    return [Change(name, rule, vin, due_on, "at_risk") for name, rule, vin, due_on in qs]


def changes_in_run(run: ComplianceRun, as_of: date) -> list[Change]:
    """What the run did, and what falls due on its day, by enterprise."""
    qs = (
        Obligation.objects.filter(Q(changed_in_run=run) | Q(status=OPEN, due_on=as_of))
        .order_by("enterprise__name", "due_on", "rule", "id")
        .values_list("enterprise__name", "rule", "vehicle__vin", "due_on", "status", "created_in_run_id",
                     "changed_in_run_id")
    )
    out = []
    for name, rule, vin, due_on, status, created_in, changed_in in qs:
        if changed_in == run.pk:
            what = "new" if status == OPEN and created_in == run.pk else str(status)
            if what == str(OPEN):
                what = "due_today"
        else:
            what = "due_today"
        if what == "new" and due_on == as_of:
            what = "due_today"
        out.append(Change(name, rule, vin, due_on, what))
    return out
