"""State changes of 双随机、一公开 (国办发〔2015〕58号): create a plan, publish its seed with the frozen lists,
draw, record visits, publish results; the daily check of results not published in time.

Each service takes `actor` and `today`, locks the plan, calls the workflow's check, changes and logs.
"""

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.activity import log_action
from portal.errors import RuleRefused
from portal.models import Organisation
from portal.periods import legal_period
from portal.roles import OrganisationKind, role_names

from .. import draw as draw_module
from .. import risk
from ..workflow import INSPECTION_PLAN
from . import rules
from .models import (
    ExclusionReason,
    InspectionPlan,
    InspectionVisit,
    Inspector,
    InspectorConflict,
    PlanEnterprise,
    PlanExclusion,
    PlanInspector,
    PlanStatus,
)

NUMBER_PREFIX = "并商务抽"


def _agency_of(user) -> str:
    org = user.organisation
    return org.kind if org is not None else OrganisationKind.COMMERCE_BUREAU


@transaction.atomic
def add_inspector(user, *, badge_number: str, actor, today: date) -> Inspector:
    from portal.roles import BUREAU_ROLES, has_role

    from ..workflow import INSPECTING_ROLES

    if not has_role(actor, *BUREAU_ROLES):
        from django.core.exceptions import PermissionDenied
        raise PermissionDenied
    if not (role_names(user) & {str(r) for r in INSPECTING_ROLES}):
        raise ValidationError({"user": [_("执法检查人员须为商务、公安交管或海关的执法人员。")]})
    if Inspector.objects.filter(badge_number=badge_number.strip()).exclude(user=user).exists():
        raise ValidationError({"badge_number": [_("该执法证号已在名录中。")]})
    inspector, _created = Inspector.objects.update_or_create(
        user=user, defaults={"badge_number": badge_number.strip(), "active": True, "added_on": today})
    log_action(inspector, "inspection.inspector_added", actor, visible_to_enterprise=False,
               data={"badge_number": inspector.badge_number})
    return inspector


@transaction.atomic
def declare_conflict(inspector: Inspector, enterprise: Organisation, *, reason: str, actor, today: date):
    if not reason.strip():
        raise ValidationError({"reason": [_("请填写回避事由。")]})
    conflict, _created = InspectorConflict.objects.get_or_create(
        inspector=inspector, enterprise=enterprise, defaults={"reason": reason.strip(), "declared_on": today})
    log_action(inspector, "inspection.conflict_declared", actor, visible_to_enterprise=False,
               data={"enterprise": enterprise.name, "reason": conflict.reason})
    return conflict


@transaction.atomic
def create_plan(*, year: int, quarter: int, sample_size: int, inspectors_per_visit: int = 2, title: str = "",
                actor, today: date) -> InspectionPlan:
    from django.core.exceptions import PermissionDenied

    from portal.roles import BUREAU_ROLES, has_role

    if not has_role(actor, *BUREAU_ROLES):
        raise PermissionDenied
    errors = {}
    if not 1 <= quarter <= 4:
        errors["quarter"] = [_("季度须为1至4。")]
    if not 2000 <= year <= 2100:
        errors["year"] = [_("请填写正确的年度。")]
    if not 1 <= sample_size <= 500:
        errors["sample_size"] = [_("抽取企业数须在1至500之间。")]
    if not 2 <= inspectors_per_visit <= 10:
        errors["inspectors_per_visit"] = [_("每户至少选派2名执法检查人员（国办发〔2015〕58号）。")]
    if errors:
        raise ValidationError(errors)
    serial = InspectionPlan.objects.filter(year=year).count() + 1
    while InspectionPlan.objects.filter(number=f"{NUMBER_PREFIX}〔{year}〕{serial}号").exists():
        serial += 1
    plan = InspectionPlan.objects.create(
        number=f"{NUMBER_PREFIX}〔{year}〕{serial}号", year=year, quarter=quarter, sample_size=sample_size,
        inspectors_per_visit=inspectors_per_visit, created_on=today, created_by=actor,
        title=title.strip() or _("%(year)s年第%(q)s季度二手车出口企业“双随机、一公开”抽查计划")
        % {"year": year, "q": "一二三四"[quarter - 1]})
    log_action(plan, "inspection.plan_created", actor, to_status=plan.status, visible_to_enterprise=False)
    return plan


def _last_inspectors(enterprise_ids: list[int], before_plan: InspectionPlan) -> dict[int, set[int]]:
    """The inspectors of each enterprise's most recent earlier visit (never sent there twice running)."""
    latest: dict[int, InspectionVisit] = {}
    visits = (InspectionVisit.objects.filter(enterprise_id__in=enterprise_ids).exclude(plan=before_plan)
              .select_related("plan").prefetch_related("inspectors").order_by("plan__drawn_on", "plan_id"))
    for visit in visits:
        latest[visit.enterprise_id] = visit
    return {pk: {i.pk for i in v.inspectors.all()} for pk, v in latest.items()}


@transaction.atomic
def publish_seed(plan: InspectionPlan, *, actor, today: date) -> InspectionPlan:
    """Freeze both lists with the risk inputs and exclusions, and publish a fresh random seed before the draw."""
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    INSPECTION_PLAN.check(plan, "publish_seed", actor=actor, today=today)
    enterprises = list(Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE,
                                                   pilot_status__in=rules.SUBJECT_STATUSES).order_by("uscc"))
    inputs = risk.inputs_for([e.pk for e in enterprises], today)
    entries = PlanEnterprise.objects.bulk_create([
        PlanEnterprise(plan=plan, enterprise=e, uscc=e.uscc, name=e.name, inputs=inputs[e.pk],
                       weight=risk.weight(inputs[e.pk])) for e in enterprises])
    inspectors = list(Inspector.objects.filter(active=True, user__is_active=True)
                      .select_related("user__organisation").order_by("badge_number"))
    listed = PlanInspector.objects.bulk_create([
        PlanInspector(plan=plan, inspector=i, badge_number=i.badge_number, name=i.user.display_name,
                      agency=_agency_of(i.user)) for i in inspectors])
    by_inspector = {row.inspector_id: row for row in listed}
    by_enterprise = {row.enterprise_id: row for row in entries}
    exclusions = [
        PlanExclusion(plan=plan, entry=by_enterprise[c.enterprise_id], inspector=by_inspector[c.inspector_id],
                      reason=ExclusionReason.CONFLICT)
        for c in InspectorConflict.objects.filter(enterprise_id__in=by_enterprise, inspector_id__in=by_inspector)
    ]
    for enterprise_id, inspector_ids in _last_inspectors(list(by_enterprise), plan).items():
        exclusions += [PlanExclusion(plan=plan, entry=by_enterprise[enterprise_id], inspector=by_inspector[pk],
                                     reason=ExclusionReason.PREVIOUS) for pk in inspector_ids if pk in by_inspector]
    PlanExclusion.objects.bulk_create(exclusions)
    before = plan.status
    plan.seed = secrets.token_hex(32)
    plan.seed_published_on = today
    plan.status = PlanStatus.SEED_PUBLISHED
    plan.save(update_fields=["seed", "seed_published_on", "status"])
    log_action(plan, "inspection.seed_published", actor, from_status=before, to_status=plan.status,
               visible_to_enterprise=False, data={"seed": plan.seed, "enterprises": len(entries),
                                                  "inspectors": len(listed)})
    return plan


def draw_inputs(plan: InspectionPlan) -> dict:
    """What the draw reads — exactly what the public page and its JSON publish."""
    entries = list(plan.entries.all())
    inspectors = list(plan.inspectors.all())
    exclusions = plan.exclusions.select_related("entry", "inspector")
    return {
        "seed": plan.seed, "sample_size": plan.sample_size, "per_visit": plan.inspectors_per_visit,
        "weights": {e.uscc: e.weight for e in entries},
        "badges": [i.badge_number for i in inspectors],
        "excluded": sorted({(x.entry.uscc, x.inspector.badge_number) for x in exclusions}),
    }


@transaction.atomic
def draw(plan: InspectionPlan, *, actor, today: date) -> InspectionPlan:
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    INSPECTION_PLAN.check(plan, "draw", actor=actor, today=today)
    data = draw_inputs(plan)
    sample = min(plan.sample_size, len(data["weights"]))
    try:
        result = draw_module.run_draw(data["seed"], data["weights"], data["badges"], set(data["excluded"]),
                                      sample, data["per_visit"])
    except draw_module.NotEnoughInspectors as exc:
        raise RuleRefused([rules.NOT_ENOUGH_INSPECTORS.refusal(enterprise=exc.uscc)]) from exc
    entries = {e.uscc: e for e in plan.entries.all()}
    inspectors = {i.badge_number: i.inspector_id for i in plan.inspectors.all()}
    for rank, uscc in enumerate(result.enterprises, start=1):
        entry = entries[uscc]
        PlanEnterprise.objects.filter(pk=entry.pk).update(draw_rank=rank)
        visit = InspectionVisit.objects.create(plan=plan, entry=entry, enterprise_id=entry.enterprise_id)
        visit.inspectors.set([inspectors[b] for b in result.inspectors[uscc]])
    before = plan.status
    plan.status, plan.drawn_on, plan.drawn_by = PlanStatus.DRAWN, today, actor
    plan.save(update_fields=["status", "drawn_on", "drawn_by"])
    log_action(plan, "inspection.drawn", actor, from_status=before, to_status=plan.status, visible_to_enterprise=False,
               data={"enterprises": list(result.enterprises)})
    from portal.models import User
    from portal.services import notify

    sent = User.objects.filter(inspector_record__visits__plan=plan).distinct()
    notify(sent, code="inspection.drawn", title=_("您被随机选派参加抽查：%(plan)s") % {"plan": plan.number},
           link=reverse("supervision:inspection-plan", args=[plan.pk]), event_key=f"inspection.drawn:{plan.pk}")
    return plan


@transaction.atomic
def record_visit(visit: InspectionVisit, *, actor, today: date, visit_type: str, visited_on: date,
                 people_present: str, findings: str, risk_rating: str, follow_up: str) -> InspectionVisit:
    plan = InspectionPlan.objects.select_for_update().get(pk=visit.plan_id)
    INSPECTION_PLAN.check(plan, "record_visit", actor=actor, today=today)
    visit = InspectionVisit.objects.select_for_update().get(pk=visit.pk)
    from portal.roles import is_bureau

    if not is_bureau(actor) and not visit.inspectors.filter(user_id=actor.pk).exists():
        raise RuleRefused([rules.NOT_A_DRAWN_VISIT])
    if visit.visited_on is not None:
        raise RuleRefused([rules.VISIT_ALREADY_RECORDED])
    errors = {name: [_("此项为必填项。")] for name, value in (
        ("visit_type", visit_type), ("findings", findings), ("risk_rating", risk_rating),
        ("follow_up", follow_up), ("people_present", people_present)) if not str(value or "").strip()}
    if visited_on is None:
        errors["visited_on"] = [_("此项为必填项。")]
    elif not rules.visit_date_allowed(visited_on, plan.drawn_on, today):
        errors["visited_on"] = [str(rules.VISIT_BEFORE_DRAW.message)]
    if errors:
        raise ValidationError(errors)
    visit.visit_type, visit.visited_on, visit.people_present = visit_type, visited_on, people_present.strip()
    visit.findings, visit.risk_rating, visit.follow_up = findings.strip(), risk_rating, follow_up
    visit.recorded_by = actor
    visit.result_due_on = legal_period(visited_on, working_days=rules.RESULT_PUBLICATION_WORKING_DAYS).ends_on
    visit.save()
    if plan.status != PlanStatus.VISITING:
        before = plan.status
        plan.status = PlanStatus.VISITING
        plan.save(update_fields=["status"])
        log_action(plan, "inspection.visits_started", actor, from_status=before, to_status=plan.status,
                   visible_to_enterprise=False)
    log_action(plan, "inspection.visit_recorded", actor, visible_to_enterprise=False,
               data={"enterprise": visit.entry.name, "visited_on": visited_on.isoformat(),
                     "result_due_on": visit.result_due_on.isoformat()})
    return visit


@transaction.atomic
def publish_result(visit: InspectionVisit, *, actor, today: date) -> InspectionVisit:
    """Publish one visit's result; the plan's results are public when the last one is."""
    plan = InspectionPlan.objects.select_for_update().get(pk=visit.plan_id)
    INSPECTION_PLAN.check(plan, "publish_result", actor=actor, today=today)
    visit = InspectionVisit.objects.select_for_update().get(pk=visit.pk)
    if visit.visited_on is None:
        raise RuleRefused([rules.VISIT_NOT_RECORDED])
    if visit.published_on is not None:
        raise RuleRefused([rules.RESULT_ALREADY_PUBLISHED])
    visit.published_on = today
    visit.save(update_fields=["published_on"])
    log_action(plan, "inspection.result_published", actor, data={"enterprise": visit.entry.name},
               visible_to_enterprise=False)
    if not plan.visits.filter(published_on__isnull=True).exists():
        before = plan.status
        plan.status, plan.results_published_on = PlanStatus.PUBLISHED, today
        plan.save(update_fields=["status", "results_published_on"])
        log_action(plan, "inspection.results_published", actor, from_status=before, to_status=plan.status,
                   visible_to_enterprise=False)
    return visit


def flag_overdue_results(today: date) -> int:
    """Daily: visits whose result is not public by its due date (20 working days) are flagged once and the
    bureau is told (国办发〔2015〕58号 “抽查结果及时向社会公开”)."""
    from portal.services import notify_bureau

    flagged = 0
    overdue = InspectionVisit.objects.filter(published_on__isnull=True, result_due_on__lt=today,
                                             overdue_flagged_on__isnull=True)
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            changed = InspectionVisit.objects.filter(pk=pk, published_on__isnull=True,
                                                     overdue_flagged_on__isnull=True).update(overdue_flagged_on=today)
            if not changed:
                continue
            visit = InspectionVisit.objects.select_related("plan", "entry").get(pk=pk)
            log_action(visit.plan, "inspection.result_overdue", None, visible_to_enterprise=False,
                       data={"enterprise": visit.entry.name, "due_on": visit.result_due_on.isoformat()})
            notify_bureau(code="inspection.result_overdue",
                          title=_("抽查结果逾期未公开：%(enterprise)s（期限 %(due)s）")
                          % {"enterprise": visit.entry.name, "due": visit.result_due_on.isoformat()},
                          link=reverse("supervision:inspection-plan", args=[visit.plan_id]),
                          event_key=f"inspection.result_overdue:{pk}")
            flagged += 1
    return flagged
