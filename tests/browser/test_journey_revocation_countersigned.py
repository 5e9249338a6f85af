"""Issue 18, 办法第十二条 (domain-rules v1.1 "Adverse decisions are made by two officials"): an officer
prepares a revocation in the browser, the head authorises it, the enterprise receives the signed letter
with the routes of 行政复议 and 行政诉讼 — and neither the head alone nor the preparing officer can finish it.
Every page shows the step bar and only the buttons the declaration allows."""

import re
from datetime import timedelta

import pytest

from casework import signing
from casework.models import Decision, DecisionStatus
from compliance.models import CaseStatus
from compliance.rules import RevocationGround
from compliance.services import answer_case, open_revocation_case
from portal.models import PilotStatus
from portal.pdf import pdf_text

from .journeys import arrive, click_to, fetch_pdf, field, flash, goto, sign_in, sign_out, today

pytestmark = pytest.mark.django_db(transaction=True)

FACTS = "经查，该企业被列入严重失信主体名单，且未在期限内完成信用修复。"
STATEMENT = "我司已申请信用修复，请求暂缓作出决定。"
REPLY = "经复核，信用修复申请尚未获准，陈述申辩理由不成立。"


def test_article_12_an_officer_prepares_the_head_authorises_and_the_enterprise_gets_the_signed_letter(
        page, signing_key, pilot_user, bureau_officer, bureau_head):
    from portal.workdays import fill_from_chinesecalendar

    fill_from_chinesecalendar([today().year - 1, today().year, today().year + 1])
    enterprise = pilot_user.organisation
    opened_on = today() - timedelta(days=40)
    case = open_revocation_case(enterprise, RevocationGround.SERIOUS_DISHONESTY, actor=bureau_officer,
                                today=opened_on, reason="信用中国显示为严重失信主体。")
    answer_case(case, actor=pilot_user, today=opened_on + timedelta(days=1), answer=STATEMENT)
    case_url = f"/compliance/cases/{case.pk}/"

    # --- the head alone: no decide button on the case page, and no route to prepare a decision ----------
    sign_in(page, bureau_head)
    goto(page, case_url, shot="revocation-1-head-before-preparation")
    assert page.locator(".step-bar").count() == 1
    assert page.locator("[data-action]").count() == 0  # nothing the head may do before an officer prepares
    response = page.request.get(f"/casework/case/revocation/{case.pk}/decisions/")
    assert response.status in (403, 405)
    sign_out(page)

    # --- the officer prepares the revocation ----------------------------------------------------------
    sign_in(page, bureau_officer)
    goto(page, case_url, shot="revocation-2-officer-case")
    assert STATEMENT in page.locator("main").inner_text()
    click_to(page, "拟办决定", role="link", shot="revocation-3-prepare-form")
    field(page, "决定类别").select_option(label="取消试点资格决定书")
    field(page, "事实与理由").fill(FACTS)
    field(page, "决定内容（取消试点资格案件）").select_option(label="取消试点资格")
    field(page, "对陈述申辩的复核意见（取消试点资格案件）").fill(REPLY)
    click_to(page, "拟办决定，提交负责人签发", shot="revocation-4-prepared")
    assert "决定已拟办，待负责人签发" in flash(page)
    decision = Decision.objects.get(case_kind="revocation", object_id=case.pk)
    assert decision.status == DecisionStatus.PREPARED and decision.prepared_by == bureau_officer
    assert page.get_by_role("button", name="签发决定").count() == 0  # the maker does not authorise
    refused = page.request.post(f"/casework/decisions/{decision.pk}/authorise/")
    assert refused.status in (302, 403)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PREPARED
    sign_out(page)

    # --- the head authorises it from the case page ----------------------------------------------------
    sign_in(page, bureau_head)
    goto(page, case_url, shot="revocation-5-head-case-with-prepared-decision")
    click_to(page, "审核并签发拟办的决定", role="link", shot="revocation-6-decision-to-authorise")
    click_to(page, "签发决定", shot="revocation-7-authorised")
    assert "决定已签发" in flash(page)
    case.refresh_from_db()
    enterprise.refresh_from_db()
    assert case.status == CaseStatus.REVOKED and enterprise.pilot_status == PilotStatus.REVOKED
    letter = Decision.objects.get(pk=decision.pk).letter
    sign_out(page)

    # --- the enterprise reads the signed letter --------------------------------------------------------
    sign_in(page, pilot_user)
    goto(page, case_url, shot="revocation-8-enterprise-case-decided")
    assert [s.inner_text().strip() for s in page.locator(".step-bar .step-current .step-label").all()]
    pdf = fetch_pdf(page, f"/casework/decisions/{decision.pk}/letter.pdf")
    assert signing.verify_pdf(pdf).valid
    text = "".join(pdf_text(pdf).split())
    for expected in (letter.number, "第十二条", FACTS[:10], STATEMENT[:10], REPLY[:10], "行政复议", "行政诉讼",
                     f"{letter.reconsideration_until:%Y-%m-%d}", f"{letter.litigation_until:%Y-%m-%d}"):
        assert "".join(expected.split()) in text, expected
    assert "要求听证" not in text.replace("以及陈述、申辩和要求听证的权利", "")  # offered before, not after
    sign_out(page)

    # --- the public 办事指南 of the procedure, generated from the same declaration --------------------------
    goto(page, "/guide/", shot="revocation-9-guides")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("取消二手车出口试点企业资格程序")).click()
    arrive(page, shot="revocation-10-guide")
    body = page.locator("main").inner_text()
    for words in ("经办人拟办，负责人签发（不得为同一人）", "救济途径", "办法第十二条"):
        assert words in body, words
