"""Issue 24, 办法第一条 ("如有调整，将另文明确"): an officer prepares a new capital threshold in the browser (the form
prefilled from the version in force), the head authorises it (the officer cannot), and the public policy page
shows both versions with their effective dates and basis."""

from datetime import timedelta

import pytest

from portal.models import PolicyVersion, PolicyVersionStatus

from .journeys import arrive, click_to, field, flash, goto, sign_in, sign_out, today

pytestmark = pytest.mark.django_db(transaction=True)

BASIS = "并商外贸发〔2026〕9 号"


def test_article_1_an_officer_prepares_a_threshold_the_head_publishes_it_and_the_public_sees_both_versions(
        page, bureau_officer, bureau_head):
    effective = today() + timedelta(days=30)

    # --- the officer prepares: every parameter prefilled from version 1 ----------------------------------
    sign_in(page, bureau_officer)
    goto(page, "/policy/versions/", shot="policy-1-officer-list")
    click_to(page, "拟定政策参数调整", role="link", shot="policy-2-prepare-form")
    capital = field(page, "注册资本下限（元）")
    assert capital.input_value() == "30000000"
    capital.fill("-5")
    field(page, "调整依据（文号）").fill(BASIS)
    field(page, "施行日期").fill(effective.isoformat())
    field(page, "调整说明").fill("注册资本下限调整为 5000 万元。")
    click_to(page, "提交负责人签发", shot="policy-3-field-error")
    assert "注册资本下限（办法第三条第2项）：不得为负数" in page.locator("main").inner_text()
    field(page, "注册资本下限（元）").fill("50000000")
    click_to(page, "提交负责人签发", shot="policy-4-prepared")
    assert "已拟定，待负责人签发" in flash(page)
    version = PolicyVersion.objects.get(status=PolicyVersionStatus.PREPARED)
    assert page.get_by_role("button", name="签发并发布").count() == 0  # the maker does not authorise
    refused = page.request.post(f"/policy/versions/{version.pk}/authorise/", form={"confirm": "yes"})
    assert refused.status in (302, 403)
    version.refresh_from_db()
    assert version.status == PolicyVersionStatus.PREPARED
    sign_out(page)

    # --- the head authorises and publishes ---------------------------------------------------------------
    sign_in(page, bureau_head)
    goto(page, f"/policy/versions/{version.pk}/", shot="policy-5-head-to-authorise")
    assert "已调整" in page.locator("main").inner_text()
    page.get_by_label("我确认签发并发布，提交后不可修改。").check()
    click_to(page, "签发并发布", shot="policy-6-published")
    assert "已签发发布" in flash(page)
    version.refresh_from_db()
    assert (version.status, version.number, version.authorised_by) == (PolicyVersionStatus.PUBLISHED, 2, bureau_head)
    sign_out(page)

    # --- the public page: version 1 in force, version 2 announced with its date and basis ----------------
    goto(page, "/supervision/policy/parameters/", shot="policy-7-public-page")
    text = page.locator("main").inner_text()
    assert "第1版" in text and "2021-01-13" in text and "并商外贸发〔2021〕2 号" in text
    assert "第2版" in text and f"将于 {effective.isoformat()} 起施行" in text and BASIS in text
    assert "30,000,000 → 50,000,000" in text
    page.set_viewport_size({"width": 390, "height": 844})
    arrive(page, shot="policy-8-public-page-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
