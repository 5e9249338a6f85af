"""国办发〔2015〕58号 (随机选派执法检查人员) and the rules of 回避: an inspector who declared a conflict with an
enterprise, or who inspected it last time, is never drawn for it — whatever the seed."""

from datetime import date

import pytest

from portal.errors import RuleRefused
from portal.roles import Role
from supervision import draw
from supervision.inspections import services
from supervision.models import ExclusionReason, FollowUp, RiskRating, VisitType

from .inspection_helpers import drawn_plan, enterprises, listed_inspector

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 8)


def test_58_an_excluded_pair_is_never_drawn_for_any_seed():
    weights = {f"E{i}": 1 + i for i in range(6)}
    badges = ["A", "B", "C", "D"]
    excluded = {("E0", "A"), ("E0", "B"), ("E3", "C")}
    for n in range(300):
        result = draw.run_draw(f"{n:064x}", weights, badges, excluded, 6, 2)
        for uscc, chosen in result.inspectors.items():
            assert not {(uscc, b) for b in chosen} & excluded
            assert len(set(chosen)) == 2


def test_58_a_conflicted_inspector_and_last_times_inspector_are_never_drawn_for_that_enterprise(bureau_officer):
    (company,) = enterprises(1)
    inspectors = [listed_inspector(role, actor=bureau_officer, today=TODAY)
                  for role in (Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER, Role.BUREAU_OFFICER, Role.POLICE_OFFICER,
                               Role.CUSTOMS_OFFICER)]
    conflicted = inspectors[0]
    services.declare_conflict(conflicted, company, reason="配偶在该企业任职", actor=bureau_officer, today=TODAY)

    first = drawn_plan(bureau_officer, TODAY, sample_size=1, quarter=1)
    last_time = set(first.visits.get().inspectors.all())
    assert conflicted not in last_time and len(last_time) == 2
    visit = first.visits.get()
    services.record_visit(visit, actor=bureau_officer, today=TODAY, visit_type=VisitType.ONSITE, visited_on=TODAY,
                          people_present="检查人员2名", findings="未发现问题。", risk_rating=RiskRating.LOW,
                          follow_up=FollowUp.NONE)

    second = drawn_plan(bureau_officer, TODAY, sample_size=1, quarter=2)
    reasons = {(x.inspector.inspector, x.reason) for x in second.exclusions.select_related("inspector__inspector")}
    assert (conflicted, ExclusionReason.CONFLICT) in reasons
    assert {i for i, r in reasons if r == ExclusionReason.PREVIOUS} == last_time
    assert set(second.visits.get().inspectors.all()) == set(inspectors) - last_time - {conflicted}


def test_58_a_draw_that_cannot_send_enough_inspectors_is_refused_naming_the_enterprise(bureau_officer):
    (company,) = enterprises(1)
    a, b = (listed_inspector(actor=bureau_officer, today=TODAY) for _ in range(2))
    services.declare_conflict(a, company, reason="曾在该企业任职", actor=bureau_officer, today=TODAY)
    plan = services.create_plan(year=2026, quarter=2, sample_size=1, actor=bureau_officer, today=TODAY)
    services.publish_seed(plan, actor=bureau_officer, today=TODAY)
    with pytest.raises(RuleRefused) as refused:
        services.draw(plan, actor=bureau_officer, today=TODAY)
    assert refused.value.reasons[0].code == "inspection_not_enough_inspectors"
    assert company.uscc in refused.value.as_dict()["reasons"][0]["message"]
