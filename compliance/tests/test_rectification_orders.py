"""办法第十二条第6项: rectification orders, maker–checker, answer with evidence, overdue opens a case."""

from datetime import date

import pytest

from compliance import workflows
from compliance.models import ObligationStatus, RectificationStatus, RevocationCase, RuleCode
from compliance.services import run_compliance
from compliance.tests.factories import pdf_upload
from portal.errors import RuleRefused


def _ordered(pilot, officer, head, deadline=date(2026, 3, 31)):
    order = workflows.prepare_rectification(pilot, actor=officer, today=date(2026, 3, 1), reasons="报关资料不全",
                                            deadline=deadline)
    return workflows.authorise_rectification(order, actor=head, today=date(2026, 3, 2))


def test_article_12_item_6_the_preparing_officer_cannot_also_authorise_the_order(pilot, bureau_officer, head):
    order = workflows.prepare_rectification(pilot, actor=head, today=date(2026, 3, 1), reasons="x", deadline=date(2026, 4, 1))
    with pytest.raises(RuleRefused) as refused:
        workflows.authorise_rectification(order, actor=head, today=date(2026, 3, 1))
    assert refused.value.reasons[0].code == "same_official"


def test_article_12_item_6_an_answer_in_time_that_the_bureau_accepts_meets_the_obligation(pilot, bureau_officer, head):
    order = _ordered(pilot, bureau_officer, head)
    evidence = pdf_upload("整改报告.pdf")
    workflows.answer_rectification(order, actor=pilot.user, today=date(2026, 3, 31), answer="已补齐", evidence=[evidence])
    run_compliance(date(2026, 4, 2))  # still under review after the deadline: not overdue
    ob = order.obligations.get(rule=RuleCode.RECTIFICATION)
    assert ob.status == ObligationStatus.OPEN
    workflows.decide_rectification(order, actor=bureau_officer, today=date(2026, 4, 3), accept=True)
    run_compliance(date(2026, 4, 3))
    ob.refresh_from_db()
    assert (ob.status, ob.met_on) == (ObligationStatus.MET, date(2026, 3, 31))
    assert order.evidence.get().original_name == "整改报告.pdf"
    assert not RevocationCase.objects.filter(ground="rectification_overdue").exists()


def test_article_12_item_6_no_rectification_by_the_deadline_opens_a_revocation_case(pilot, bureau_officer, head):
    order = _ordered(pilot, bureau_officer, head)
    run_compliance(date(2026, 3, 31))
    assert not RevocationCase.objects.filter(ground="rectification_overdue").exists()
    run_compliance(date(2026, 4, 1))
    assert order.obligations.get().status == ObligationStatus.OVERDUE
    case = RevocationCase.objects.get(enterprise=pilot, ground="rectification_overdue")
    assert "办法第十二条第6项" in case.reason
    with pytest.raises(RuleRefused):
        workflows.answer_rectification(order, actor=pilot.user, today=date(2026, 4, 1), answer="晚了")


def test_article_12_item_6_a_rejected_answer_is_overdue_after_the_deadline(pilot, bureau_officer, head):
    order = _ordered(pilot, bureau_officer, head)
    workflows.answer_rectification(order, actor=pilot.user, today=date(2026, 3, 10), answer="部分整改")
    order = workflows.decide_rectification(order, actor=bureau_officer, today=date(2026, 4, 5), accept=False)
    assert order.status == RectificationStatus.REJECTED
    run_compliance(date(2026, 4, 5))
    assert order.obligations.get().status == ObligationStatus.OVERDUE
