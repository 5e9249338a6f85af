"""办法第八条: networks accepted by 9 months, and the 3-year scale."""

from datetime import date

from compliance import workflows
from compliance.models import NetworkKind, Obligation, ObligationStatus, RuleCode, ScaleTarget
from compliance.services import run_compliance, set_scale_target
from compliance.tests.factories import exported, pdf_upload


def _report(pilot, kind, on):
    evidence = pdf_upload("合作协议.pdf")
    return workflows.submit_network_report(pilot, actor=pilot.user, today=on, kind=kind, countries="kz, ru",
                                           partners="Astana Motors", addresses="Astana", evidence=[evidence])


def _ob(pilot, rule):
    return Obligation.objects.get(rule=rule, enterprise=pilot)


def test_article_8_all_three_networks_accepted_by_9_months_meet_the_obligation(pilot, bureau_officer):
    for kind in NetworkKind:
        report = _report(pilot, kind, date(2025, 11, 1))
        workflows.decide_network_report(report, actor=bureau_officer, today=date(2025, 12, 1), accept=True)
    run_compliance(date(2025, 12, 2))
    ob = _ob(pilot, RuleCode.NETWORKS_9M)
    assert (ob.due_on, ob.status, ob.met_on) == (date(2025, 12, 1), ObligationStatus.MET, date(2025, 12, 1))
    assert report.evidence.count() == 1 and report.countries == "KZ, RU"


def test_article_8_a_returned_network_report_leaves_the_obligation_overdue(pilot, bureau_officer):
    for kind in NetworkKind:
        report = _report(pilot, kind, date(2025, 11, 1))
        accept = kind != NetworkKind.PARTS_SUPPLY
        workflows.decide_network_report(report, actor=bureau_officer, today=date(2025, 11, 5), accept=accept, note="补充")
    run_compliance(date(2025, 12, 2))
    assert _ob(pilot, RuleCode.NETWORKS_9M).status == ObligationStatus.OVERDUE


def test_article_8_the_scale_is_met_when_exports_reach_the_target_the_bureau_set(pilot, bureau_officer):
    set_scale_target(pilot, 2, actor=bureau_officer, today=date(2025, 4, 1))
    exported(pilot, date(2026, 1, 10))
    run_compliance(date(2026, 2, 1))
    assert _ob(pilot, RuleCode.SCALE_3Y).status == ObligationStatus.OPEN
    exported(pilot, date(2028, 3, 1))
    run_compliance(date(2028, 3, 2))
    ob = _ob(pilot, RuleCode.SCALE_3Y)
    assert (ob.due_on, ob.target, ob.status, ob.met_on) == (date(2028, 3, 1), 2, ObligationStatus.MET, date(2028, 3, 1))


def test_article_8_below_the_scale_at_3_years_is_overdue_and_the_default_comes_from_the_plan(pilot):
    from applications.models import Application, ApplicationStatus

    Application.objects.create(organisation=pilot, created_by=pilot.user, status=ApplicationStatus.APPROVED,
                               reference_number="TY-2025-001", export_targets=[{"year": 1, "count": 10},
                                                                               {"year": 2, "count": 20},
                                                                               {"year": 3, "count": 30}])
    exported(pilot, date(2026, 1, 10))
    run_compliance(date(2028, 3, 2))
    assert ScaleTarget.objects.get(enterprise=pilot).vehicles == 60
    assert _ob(pilot, RuleCode.SCALE_3Y).status == ObligationStatus.OVERDUE


def test_article_8_the_default_scale_is_the_plans_three_year_vehicle_target_as_applications_store_it():
    from compliance.rules import plan_three_year_target

    stored = [
        {"year": 2026, "vehicles": 100, "value": "1000000"},
        {"year": 2027, "vehicles": 200, "value": "2000000"},
        {"year": 2028, "vehicles": 300, "value": "3000000"},
        {"year": 2029, "vehicles": 999, "value": "9000000"},
    ]
    assert plan_three_year_target(stored) == 600
    assert plan_three_year_target([{"year": 1, "count": 5}, 7]) == 12
    assert plan_three_year_target([]) is None
