"""Issue 18, the compliance part: each decision of 办法第十二条 and 第十三条 has one route (domain-rules v1.1),
a 第十二条第2、6项 case opens only when its ground exists, the work queue reads the declaration, and the pages
offer only the actions the declaration allows.
"""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from casework.decisions import authorise_decision, prepare_decision
from casework.models import Decision, DecisionStatus
from casework.queue import work_queue
from compliance import workflows
from compliance.models import CaseStatus, ExitStatus, RectificationStatus, RevocationCase, RevocationGround
from compliance.services import (
    answer_case,
    apply_for_exit,
    decide_case,
    decide_exit,
    open_revocation_case,
    run_compliance,
)
from compliance.tests.factories import exported
from compliance.tests.helpers import decide_through_casework
from portal.errors import RuleRefused
from portal.models import PilotStatus
from portal.pdf import pdf_text
from portal.workdays import fill_from_chinesecalendar

OPENED = date(2026, 9, 25)  # Fri: the answer period ends on Fri 2026-10-09 (5 working days over National Day)
AFTER = date(2026, 10, 12)
NOW = timezone.localdate()  # the day the pages act on


def _flat(pdf) -> str:
    return "".join(pdf_text(bytes(pdf)).split())


@pytest.fixture
def case(pilot, bureau_officer):
    fill_from_chinesecalendar([2026])
    return open_revocation_case(pilot, RevocationGround.SERIOUS_DISHONESTY, actor=bureau_officer, today=OPENED,
                                reason="信用中国显示为严重失信主体")


# --- 1. revocation: only prepare (officer) → authorise (head), never the head alone -------------------------


def test_article_12_the_head_alone_cannot_revoke_through_the_case_page(client, case, pilot, head):
    """办法第十二条第3项, domain-rules v1.1: the page's old "decide" form is gone and its POST decides nothing."""
    RevocationCase.objects.filter(pk=case.pk).update(answer_due_on=date(2026, 9, 28))  # the period is over
    client.force_login(head)
    page = client.get(f"/compliance/cases/{case.pk}/").content.decode()
    assert 'value="decide"' not in page and "data-action=" not in page
    client.post(f"/compliance/cases/{case.pk}/", {"action": "decide", "decision": "revoke", "reasons": "严重失信"})
    case.refresh_from_db()
    pilot.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED and pilot.pilot_status == PilotStatus.DESIGNATED


def test_article_12_decide_case_refuses_a_call_outside_casework(case, head, bureau_officer):
    """办法第十二条: decide_case carries out only the decision the head is authorising in casework."""
    with pytest.raises(RuleRefused) as refused:
        decide_case(case, decision=None, actor=head, today=AFTER)
    assert refused.value.reasons[0].code == "not_prepared"
    prepared = prepare_decision("revocation", case.pk, "revocation", actor=bureau_officer, today=AFTER,
                                facts="严重失信", revoke=True)
    with pytest.raises(PermissionDenied):  # prepared, not authorised: 403 (portal.workflow)
        decide_case(case, decision=prepared, actor=head, today=AFTER)
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED


def test_article_12_the_officer_prepares_and_another_head_authorises_with_the_signed_letter(
        client, case, pilot, head, bureau_officer):
    """办法第十二条, domain-rules v1.1: the officer's page links to casework's 拟办决定; the maker may not
    authorise even holding the head's role; the head's authorisation revokes and sends the letter."""
    client.force_login(bureau_officer)
    RevocationCase.objects.filter(pk=case.pk).update(answer_due_on=NOW + timedelta(days=3))  # pages use today
    page = client.get(f"/compliance/cases/{case.pk}/").content.decode()
    assert 'data-action="prepare"' not in page  # the answer period runs: nothing to prepare yet
    RevocationCase.objects.filter(pk=case.pk).update(answer_due_on=date(2026, 9, 28))
    page = client.get(f"/compliance/cases/{case.pk}/").content.decode()
    assert f'href="/casework/case/revocation/{case.pk}/" data-action="prepare"' in page
    client.post(f"/casework/case/revocation/{case.pk}/decisions/", {
        "kind": "revocation", "facts": "经查，信用中国显示你单位为严重失信主体。", "revoke": "yes"})
    decision = Decision.objects.get(case_kind="revocation", object_id=case.pk)
    bureau_officer.groups.add(Group.objects.get(name="bureau_head"))
    with pytest.raises(RuleRefused) as refused:
        authorise_decision(decision, actor=type(bureau_officer).objects.get(pk=bureau_officer.pk), today=AFTER)
    assert refused.value.reasons[0].code == "same_official"
    client.force_login(head)
    page = client.get(f"/compliance/cases/{case.pk}/").content.decode()
    assert f'href="/casework/decisions/{decision.pk}/" data-action="revoke"' in page
    client.post(f"/casework/decisions/{decision.pk}/authorise/")
    case.refresh_from_db()
    decision.refresh_from_db()
    assert case.status == CaseStatus.REVOKED and decision.status == DecisionStatus.AUTHORISED
    assert case.decision_number == decision.letter.number
    text = _flat(decision.letter.pdf)
    assert "第十二条" in text and "行政复议" in text and "行政诉讼" in text


# --- 2. voluntary exit: a letter either way; refusing is countersigned -----------------------------------


@pytest.fixture
def exit_application(pilot):
    return apply_for_exit(pilot, actor=pilot.user, today=date(2026, 2, 1), reason="业务调整",
                          aftersales_arrangements="委托当地服务商")


def test_article_13_one_officer_cannot_decide_an_exit(client, exit_application, bureau_officer):
    """办法第十三条: the exit page decides nothing, and the service refuses a call outside casework."""
    client.force_login(bureau_officer)
    client.post(f"/compliance/exit/{exit_application.pk}/", {"decision": "approve", "note": ""})
    exit_application.refresh_from_db()
    assert exit_application.status == ExitStatus.SUBMITTED
    page = client.get(f"/compliance/exit/{exit_application.pk}/").content.decode()
    assert 'data-action="prepare"' in page and 'value="approve"' not in page
    casework_page = client.get(f"/casework/case/exit/{exit_application.pk}/").content.decode()
    assert 'value="exit_approval"' in casework_page and 'value="exit_refusal"' in casework_page
    with pytest.raises(PermissionDenied):
        decide_exit(exit_application, decision=None, actor=bureau_officer, today=date(2026, 2, 2))


def test_article_13_an_approved_exit_has_a_letter_without_a_rights_paragraph(exit_application, pilot, bureau_officer,
                                                                              head):
    """办法第十三条, domain-rules v1.1: approving is favourable: a signed letter, no 陈述申辩/复议 paragraph."""
    decision = decide_through_casework("exit", exit_application, "exit_approval", officer=bureau_officer, head=head,
                                       today=date(2026, 2, 3), facts="材料齐全，售后服务已委托。")
    exit_application.refresh_from_db()
    pilot.refresh_from_db()
    assert exit_application.status == ExitStatus.APPROVED and pilot.pilot_status == PilotStatus.EXITED
    text = _flat(decision.letter.pdf)
    assert "准予退出" in text and "第十三条" in text and "第十四条" in text
    assert "行政复议" not in text and "陈述、申辩" not in text


def test_article_13_a_refused_exit_is_countersigned_and_its_letter_states_the_routes(exit_application, pilot,
                                                                                      bureau_officer, head):
    """办法第十三条, domain-rules v1.1: refusing an exit is adverse: officer prepares, head authorises."""
    decision = prepare_decision("exit", exit_application.pk, "exit_refusal", actor=bureau_officer,
                                today=date(2026, 2, 3), facts="尚有未结的售后服务投诉。")
    bureau_officer.groups.add(Group.objects.get(name="bureau_head"))
    with pytest.raises(RuleRefused):
        authorise_decision(decision, actor=type(bureau_officer).objects.get(pk=bureau_officer.pk), today=date(2026, 2, 3))
    authorise_decision(decision, actor=head, today=date(2026, 2, 3))
    exit_application.refresh_from_db()
    pilot.refresh_from_db()
    assert exit_application.status == ExitStatus.REFUSED and pilot.pilot_status == PilotStatus.DESIGNATED
    decision.refresh_from_db()
    text = _flat(decision.letter.pdf)
    assert "不予批准" in text and "行政复议" in text and "行政诉讼" in text


# --- 3. 第十二条第6项 and 第2项: a case opens only when its ground exists ---------------------------------


def _ordered(pilot, officer, head, *, deadline):
    order = workflows.prepare_rectification(pilot, actor=officer, today=date(2026, 3, 1), reasons="报关资料不全",
                                            deadline=deadline)
    return workflows.authorise_rectification(order, actor=head, today=date(2026, 3, 2))


def test_article_12_item_6_no_case_while_the_rectification_deadline_runs(client, pilot, bureau_officer, head):
    """办法第十二条第6项, domain-rules v1.1: a 409 naming the rule while the deadline runs; a case after it
    passed unfulfilled."""
    _ordered(pilot, bureau_officer, head, deadline=date(2026, 3, 31))
    with pytest.raises(RuleRefused) as refused:
        open_revocation_case(pilot, RevocationGround.RECTIFICATION_OVERDUE, actor=bureau_officer,
                             today=date(2026, 3, 31), reason="逾期未完成整改")
    assert refused.value.as_dict()["reasons"][0]["code"] == "rectification_deadline_running"
    assert refused.value.as_dict()["reasons"][0]["article"] == "办法第十二条第6项"
    case = open_revocation_case(pilot, RevocationGround.RECTIFICATION_OVERDUE, actor=bureau_officer,
                                today=date(2026, 4, 1), reason="逾期未完成整改")
    assert case.status == CaseStatus.NOTIFIED


def test_article_12_item_6_the_case_form_answers_409_while_the_deadline_runs(client, pilot, bureau_officer, head):
    """办法第十二条第6项: the bureau's form names the rule next to the ground (the page acts on today)."""
    order = workflows.prepare_rectification(pilot, actor=bureau_officer, today=NOW, reasons="报关资料不全",
                                            deadline=NOW + timedelta(days=30))
    workflows.authorise_rectification(order, actor=head, today=NOW)
    client.force_login(bureau_officer)
    response = client.post("/compliance/cases/new/", {"enterprise": pilot.pk, "ground": "rectification_overdue",
                                                      "reason": "逾期未完成整改"})
    assert response.status_code == 409 and "整改期限尚未届满" in response.content.decode()
    assert not RevocationCase.objects.exists()


def test_article_12_item_6_an_accepted_rectification_opens_no_case(pilot, bureau_officer, head):
    """办法第十二条第6项: a rectification answered in time and accepted was fulfilled."""
    order = _ordered(pilot, bureau_officer, head, deadline=date(2026, 3, 31))
    workflows.answer_rectification(order, actor=pilot.user, today=date(2026, 3, 20), answer="已补齐")
    workflows.decide_rectification(order, actor=bureau_officer, today=date(2026, 3, 25), accept=True)
    with pytest.raises(RuleRefused):
        open_revocation_case(pilot, RevocationGround.RECTIFICATION_OVERDUE, actor=bureau_officer,
                             today=date(2026, 4, 5), reason="x")


def test_article_12_item_2_a_case_only_once_a_12_month_window_has_no_export(pilot, bureau_officer):
    """办法第十二条第2项, domain-rules v1.1: not while exports keep every window; the sweep opens it after."""
    exported(pilot, date(2025, 12, 1))
    with pytest.raises(RuleRefused) as refused:
        open_revocation_case(pilot, RevocationGround.NO_EXPORT_12M, actor=bureau_officer, today=date(2026, 6, 1),
                             reason="x")
    assert refused.value.reasons[0].code == "no_export_window_not_over"
    run_compliance(date(2026, 12, 2))  # 12 months after the last export
    assert RevocationCase.objects.filter(enterprise=pilot, ground=RevocationGround.NO_EXPORT_12M).exists()


# --- 4. the queue reads the declaration: a re-answer after a rejection waits for the enterprise ----------


def test_article_12_item_6_a_rejected_rectification_stays_in_the_enterprises_queue(pilot, bureau_officer, head):
    """办法第十二条第6项: the enterprise may answer again after a rejection, so it waits in its queue."""
    order = _ordered(pilot, bureau_officer, head, deadline=date(2026, 3, 31))
    keys = lambda user: {i.key for i in work_queue(user, today=date(2026, 3, 10))}  # noqa: E731
    assert f"rectification:{order.pk}" in keys(pilot.user)
    workflows.answer_rectification(order, actor=pilot.user, today=date(2026, 3, 10), answer="部分整改")
    assert f"rectification:{order.pk}" in keys(bureau_officer)
    workflows.decide_rectification(order, actor=bureau_officer, today=date(2026, 3, 12), accept=False)
    order.refresh_from_db()
    assert order.status == RectificationStatus.REJECTED
    assert f"rectification:{order.pk}" in keys(pilot.user)
    assert f"rectification:{order.pk}" not in keys(bureau_officer)


def test_article_13_an_exit_waits_for_the_officer_then_as_a_decision_for_the_head(exit_application, bureau_officer,
                                                                                    head):
    """办法第十三条: the officer's queue holds the exit; once prepared it waits as the head's decision."""
    keys = lambda user: {i.key for i in work_queue(user, today=date(2026, 2, 2))}  # noqa: E731
    assert f"exit:{exit_application.pk}" in keys(bureau_officer)
    assert f"exit:{exit_application.pk}" not in keys(head)
    decision = prepare_decision("exit", exit_application.pk, "exit_approval", actor=bureau_officer,
                                today=date(2026, 2, 2), facts="材料齐全。")
    assert f"exit:{exit_application.pk}" not in keys(bureau_officer)
    assert f"decision:{decision.pk}" in keys(head)


# --- 5. pages show only what the declaration allows -------------------------------------------------------


def test_article_12_the_page_offers_nothing_the_service_would_refuse_in_the_answer_period(client, case, pilot,
                                                                                          head, bureau_officer):
    """办法第十二条: in the answer period only the enterprise's 陈述申辩 is open; after its answer the
    officer prepares (the head's 签发 appears only on a prepared decision)."""
    RevocationCase.objects.filter(pk=case.pk).update(answer_due_on=NOW + timedelta(days=3))  # pages use today
    client.force_login(head)
    assert "data-action=" not in client.get(f"/compliance/cases/{case.pk}/").content.decode()
    client.force_login(bureau_officer)
    assert "data-action=" not in client.get(f"/compliance/cases/{case.pk}/").content.decode()
    client.force_login(pilot.user)
    assert 'data-action="answer"' in client.get(f"/compliance/cases/{case.pk}/").content.decode()
    answer_case(case, actor=pilot.user, today=NOW, answer="已申请信用修复")
    client.force_login(bureau_officer)
    assert 'data-action="prepare"' in client.get(f"/compliance/cases/{case.pk}/").content.decode()
    client.force_login(head)
    assert "data-action=" not in client.get(f"/compliance/cases/{case.pk}/").content.decode()


def test_the_case_rectification_and_exit_pages_show_the_step_bar(client, case, pilot, bureau_officer, head,
                                                                 exit_application):
    order = _ordered(pilot, bureau_officer, head, deadline=date(2026, 12, 31))
    client.force_login(bureau_officer)
    for url in (f"/compliance/cases/{case.pk}/", f"/compliance/rectifications/{order.pk}/",
                f"/compliance/exit/{exit_application.pk}/"):
        page = client.get(url).content.decode()
        assert 'class="step-bar"' in page and 'aria-current="step"' in page, url


@pytest.mark.parametrize(("kind", "article"), [("revocation", "第十二条"), ("exit", "第十三条")])
def test_the_public_guide_is_rendered_from_the_declaration(client, db, kind, article):
    """办事指南 (issue 18 point 4): conditions with their articles, who decides, how to appeal."""
    page = client.get(f"/guide/{kind}/").content.decode()
    assert article in page and "负责人签发" in page and "行政复议" in page
