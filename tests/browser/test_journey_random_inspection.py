"""Issue 23 part 1, 双随机、一公开 (国务院办公厅关于推广随机抽查规范事中事后监管的通知，国办发〔2015〕58号): the bureau
makes a quarter's plan, publishes its seed and lists, draws; the police inspector the draw sent records the
visit; the bureau publishes the result; the public reads the seed, the lists, the result and redoes the draw."""

import re

import pytest

from portal.roles import Role
from supervision.inspections import services as inspections
from supervision.models import InspectionPlan, PlanStatus
from tests.factories import PilotEnterpriseFactory, make_user

from .journeys import arrive, click_to, field, flash, goto, sign_in, sign_out, today

pytestmark = pytest.mark.django_db(transaction=True)

FINDINGS = "一车一档资料齐全，出口车辆均在2个月内办理注销登记，售后服务网点运营正常。"


def test_58_the_bureau_draws_a_police_inspector_records_the_visit_and_the_result_is_public(
        page, bureau_officer, police_officer):
    enterprise = PilotEnterpriseFactory(name="太原随机抽查测试汽车贸易有限公司")
    customs = make_user(Role.CUSTOMS_OFFICER, first_name="关员", last_name="周")
    inspections.add_inspector(police_officer, badge_number="GA-140100-001", actor=bureau_officer, today=today())
    inspections.add_inspector(customs, badge_number="HG-140100-001", actor=bureau_officer, today=today())

    # --- the bureau: a quarter's plan, the seed published before the draw, the draw ---------------------
    sign_in(page, bureau_officer)
    with page.expect_navigation():
        page.get_by_role("link", name="双随机抽查").first.click()
    arrive(page, shot="inspection-1-plans")
    field(page, "年度").fill(str(today().year))
    field(page, "季度").select_option(str((today().month - 1) // 3 + 1))
    field(page, "抽取企业数").fill("1")
    click_to(page, "制定计划", shot="inspection-2-plan-draft")
    plan = InspectionPlan.objects.get()
    assert plan.status == PlanStatus.DRAFT and page.locator("[data-action]").count() == 1
    page.get_by_label(re.compile("我确认公布随机种子和名录")).check()
    click_to(page, "公布随机种子和名录", shot="inspection-3-seed-published")
    assert "随机种子和名录已公布" in flash(page)
    plan.refresh_from_db()
    assert plan.seed in page.locator("main").inner_text()
    page.get_by_label(re.compile("我确认随机抽取")).check()
    click_to(page, "随机抽取", shot="inspection-4-drawn")
    assert "已随机抽取" in flash(page)
    assert enterprise.name in page.locator("main").inner_text()
    sign_out(page)

    # --- the police inspector the draw sent records the visit ---------------------------------------------
    sign_in(page, police_officer)
    goto(page, f"/supervision/inspections/{plan.pk}/", shot="inspection-5-police-plan")
    click_to(page, enterprise.name, role="link", shot="inspection-6-visit-form")
    field(page, "检查方式").select_option(label="现场检查")
    field(page, "检查日期").fill(today().isoformat())
    field(page, "在场人员").fill("执法检查人员黄民警、周关员；企业总经理")
    field(page, "检查情况").fill(FINDINGS)
    field(page, "风险评级").select_option(label="低风险")
    field(page, "后续处理").select_option(label="未发现问题，无需后续处理")
    click_to(page, "保存检查记录", shot="inspection-7-visit-recorded")
    assert "检查记录已保存" in flash(page)
    assert page.get_by_role("button", name="在门户网站公开检查结果").count() == 0  # the bureau publishes
    sign_out(page)

    # --- the bureau publishes the result -------------------------------------------------------------------
    sign_in(page, bureau_officer)
    visit = plan.visits.get()
    goto(page, f"/supervision/inspections/visits/{visit.pk}/")
    page.get_by_label(re.compile("我确认公开检查结果")).check()
    click_to(page, "在门户网站公开检查结果", shot="inspection-8-result-published")
    assert "检查结果已在门户网站公开" in flash(page)
    sign_out(page)

    # --- the public: results, then the plan with its seed, lists and the stated algorithm -----------------
    goto(page, "/")
    click_to(page, "随机抽查结果", role="link", shot="inspection-9-public-results")
    assert FINDINGS in page.locator("main").inner_text()
    click_to(page, plan.number, role="link", shot="inspection-10-public-plan")
    body = page.locator("main").inner_text()
    for words in (plan.seed, enterprise.uscc, "GA-140100-001", "SHA-256", "抽取权重"):
        assert words in body, words
    published = page.request.get(f"/supervision/random-checks/{plan.pk}/draw.json").json()
    assert published["result"][0]["uscc"] == enterprise.uscc

    # --- the same public pages on a 390 px phone: nothing wider than the screen (the seed wraps) ---------
    page.set_viewport_size({"width": 390, "height": 844})
    for url, shot in ((f"/supervision/random-checks/{plan.pk}/", "inspection-11-public-plan-phone"),
                      ("/supervision/random-checks/results/", "inspection-12-public-results-phone")):
        goto(page, url, shot=shot)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
