"""Maker–checker (issue 13 point 4): an officer prepares, the bureau head authorises through the
workflows' own services, and never the same user (service and database CHECK)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from casework.decisions import authorise_decision, prepare_decision, return_decision
from casework.models import CaseKind, Decision, DecisionStatus, LetterKind
from casework.queue import work_queue
from compliance.models import CaseStatus, RectificationOrder, RectificationStatus, RevocationGround
from compliance.services import open_revocation_case
from compliance.tests.factories import no_export_window_overdue
from portal.errors import RuleRefused
from portal.models import PilotStatus
from traceability.models import LicenceStatus

from .helpers import assert_maker_refused_as_checker, requested_licence

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 16)


@pytest.fixture
def licence(pilot_user):
    return requested_licence(pilot_user)


def test_the_officer_prepares_a_licence_and_the_head_issues_it_with_a_letter_实施方案三_二(
        licence, bureau_officer, bureau_head):
    decision = prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.LICENCE, actor=bureau_officer, today=TODAY,
                                facts="材料齐全。")
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.PREPARED and licence.prepared_by == bureau_officer
    assert f"decision:{decision.pk}" in {i.key for i in work_queue(bureau_head, today=TODAY)}
    authorise_decision(decision, actor=bureau_head, today=TODAY)
    licence.refresh_from_db()
    decision.refresh_from_db()
    assert licence.status == LicenceStatus.ISSUED and licence.issued_by == bureau_head
    assert decision.status == DecisionStatus.AUTHORISED and decision.letter.issued_on == TODAY


def test_the_same_user_is_refused_as_checker_even_holding_both_roles_same_official(licence, bureau_officer):
    decision = prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.REFUSAL, actor=bureau_officer, today=TODAY,
                                facts="车辆未取得检测报告。", item="第（二）项")
    assert_maker_refused_as_checker(decision, bureau_officer, TODAY)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PREPARED


def test_the_database_refuses_a_decision_authorised_by_its_maker(licence, bureau_officer):
    decision = prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.REFUSAL, actor=bureau_officer, today=TODAY,
                                facts="不符合条件。")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(status=DecisionStatus.AUTHORISED, authorised_by=bureau_officer,
                                                       authorised_on=TODAY)


def test_a_refusal_authorised_by_the_head_refuses_the_licence_办法第七条(licence, bureau_officer, bureau_head):
    decision = prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.REFUSAL, actor=bureau_officer, today=TODAY,
                                facts="车辆属禁止出口情形。", item="第（一）项")
    assert decision.article.endswith("第七条")
    authorise_decision(decision, actor=bureau_head, today=TODAY)
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.REFUSED and licence.cancelled_reason == "车辆属禁止出口情形。"


def test_a_second_decision_on_the_same_case_waits_for_the_first(licence, bureau_officer):
    prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.REFUSAL, actor=bureau_officer, today=TODAY, facts="甲")
    with pytest.raises(RuleRefused):
        prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.REFUSAL, actor=bureau_officer, today=TODAY,
                         facts="乙")


def test_a_rectification_order_is_prepared_and_authorised_through_compliance_办法第十二条第6项(
        licence, bureau_officer, bureau_head):
    decision = prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.RECTIFICATION, actor=bureau_officer,
                                today=TODAY, facts="一车一档资料不全。", deadline=date(2026, 7, 31))
    assert decision.case_kind == CaseKind.RECTIFICATION and decision.item == "第6项"
    authorise_decision(decision, actor=bureau_head, today=TODAY)
    order = RectificationOrder.objects.get(pk=decision.object_id)
    assert order.status == RectificationStatus.ORDERED and order.authorised_by == bureau_head
    assert order.prepared_by == bureau_officer and order.deadline == date(2026, 7, 31)


def test_a_revocation_decision_revokes_the_pilot_through_compliance_办法第十二条第2项(
        pilot_user, bureau_officer, bureau_head):
    no_export_window_overdue(pilot_user.organisation, date(2026, 6, 1))  # v1.1: only after such a window
    case = open_revocation_case(pilot_user.organisation, RevocationGround.NO_EXPORT_12M, actor=bureau_officer,
                                today=date(2026, 6, 1), reason="连续12个月没有出口实绩。")
    decision = prepare_decision(CaseKind.REVOCATION, case.pk, LetterKind.REVOCATION, actor=bureau_officer,
                                today=TODAY, facts="企业未在期限内陈述申辩。", revoke=True)
    assert "第十二条第2项" in decision.item
    authorise_decision(decision, actor=bureau_head, today=TODAY)
    case.refresh_from_db()
    pilot_user.organisation.refresh_from_db()
    assert case.status == CaseStatus.REVOKED and case.decided_by == bureau_head
    assert pilot_user.organisation.pilot_status == PilotStatus.REVOKED


def test_the_head_may_return_a_prepared_decision_which_then_cannot_be_authorised(licence, bureau_officer, bureau_head):
    decision = prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.REFUSAL, actor=bureau_officer, today=TODAY,
                                facts="甲")
    return_decision(decision, actor=bureau_head, today=TODAY, note="请补充事实。")
    with pytest.raises(RuleRefused) as refused:
        authorise_decision(decision, actor=bureau_head, today=TODAY)
    assert refused.value.reasons[0].code == "not_prepared"
