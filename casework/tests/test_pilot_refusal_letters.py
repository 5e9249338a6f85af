"""Refusals of pilot applications (办法第三、四、五条; issue 13 point 4): prepared by an officer,
authorised by the bureau head — never the same user — through applications' own service, with a
signed letter from a versioned template stating the article, the failed criteria, 陈述、申辩、听证
and the last dates of 行政复议 (60 days) and 行政诉讼 (6 months). Applications left out at review's
designation get the same decision and letter (maker: the officer who proposed the 公示 list)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from applications import services as applications
from applications.models import ApplicationStatus
from applications.tests.helpers import submitted_for
from casework import signing
from casework.decisions import authorise_decision, prepare_decision
from casework.models import CaseKind, Decision, DecisionStatus, LetterKind
from portal.errors import RuleRefused
from portal.pdf import pdf_text
from review import services as review
from review.tests.test_publicity import closed_round

from .helpers import assert_maker_refused_as_checker

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 20)


def _flat(pdf: bytes) -> str:
    return "".join(pdf_text(pdf).split())


@pytest.fixture
def submitted(enterprise_user):
    return submitted_for(enterprise_user)


def _refuse(application, officer, head, *, facts="经核查，申请材料所述对外贸易经验无法证实。"):
    decision = prepare_decision(CaseKind.APPLICATION, application.pk, LetterKind.PILOT_REFUSAL, actor=officer,
                                today=TODAY, facts=facts)
    authorise_decision(decision, actor=head, today=TODAY)
    decision.refresh_from_db()
    return decision


def test_a_refusal_at_intake_states_the_failed_criterion_of_article_3_rights_and_dates_办法第三条第3项(
        submitted, bureau_officer, bureau_head):
    applications.record_finding(submitted, code="foreign_trade_experience", passed=False,
                                evidence="股东未提供任何出口报关记录", actor=bureau_officer, today=TODAY)
    decision = _refuse(submitted, bureau_officer, bureau_head)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.REJECTED and submitted.decision_reason == decision.facts
    assert (decision.status, decision.prepared_by, decision.authorised_by) == (
        DecisionStatus.AUTHORISED, bureau_officer, bureau_head)
    letter = decision.letter
    assert (letter.issued_on, letter.reconsideration_until, letter.litigation_until) == (
        TODAY, date(2026, 7, 20), date(2026, 11, 20))  # 07-19 is a Sunday (api.md 期间)
    text = _flat(bytes(letter.pdf))
    for phrase in ("不予批准二手车出口试点企业申请决定书", letter.number, submitted.reference_number,
                   "第三条第3项", "对外贸易相关经验", "股东未提供任何出口报关记录", "不予批准",
                   "行政复议", "2026-07-20", "行政诉讼", "2026-11-20", "第2版"):
        assert phrase in text, phrase
    # domain-rules v1.1: 陈述、申辩 and 听证 are offered before the decision, never in the decision letter.
    assert "听证" not in text and "陈述、申辩的权利" not in text
    assert "第五条" not in decision.article  # the failed criterion is the ground, not the procedure


def test_the_signature_of_a_refusal_letter_verifies_and_fails_after_one_changed_byte(
        submitted, bureau_officer, bureau_head):
    pdf = bytes(_refuse(submitted, bureau_officer, bureau_head).letter.pdf)
    check = signing.verify_pdf(pdf)
    assert check.valid and check.intact and "太原市商务局" in check.signer
    tampered = bytearray(pdf)
    tampered[len(pdf) // 3] ^= 0x01
    assert not signing.verify_pdf(bytes(tampered)).valid


def test_the_same_user_is_refused_as_checker_of_a_pilot_refusal_same_official(submitted, bureau_officer):
    decision = prepare_decision(CaseKind.APPLICATION, submitted.pk, LetterKind.PILOT_REFUSAL, actor=bureau_officer,
                                today=TODAY, facts="材料虚假。")
    assert_maker_refused_as_checker(decision, bureau_officer, TODAY)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(status=DecisionStatus.AUTHORISED, authorised_by=bureau_officer,
                                                       authorised_on=TODAY)


def test_a_resubmission_after_correction_refused_without_failed_criteria_rests_on_article_5_办法第五条(
        submitted, enterprise_user, bureau_officer, bureau_head):
    applications.return_for_correction(submitted, actor=bureau_officer, today=TODAY, items=["补充信用报告"],
                                       deadline=date(2026, 6, 1))
    applications.submit_application(submitted, actor=enterprise_user, today=TODAY, credit_commitment=True)
    decision = _refuse(submitted, bureau_officer, bureau_head, facts="补正后仍未提交信用报告原件。")
    assert decision.article.endswith("第五条") and decision.grounds == ""
    text = _flat(bytes(decision.letter.pdf))
    assert "第五条" in text and "补正后仍未提交信用报告原件" in text


def test_only_an_application_waiting_for_intake_is_refused_at_intake_办法第五条(
        submitted, bureau_officer, bureau_head):
    decision = prepare_decision(CaseKind.APPLICATION, submitted.pk, LetterKind.PILOT_REFUSAL, actor=bureau_officer,
                                today=TODAY, facts="甲")
    applications.accept_application(submitted, actor=bureau_officer, today=TODAY)
    with pytest.raises(RuleRefused) as refused:
        authorise_decision(decision, actor=bureau_head, today=TODAY)
    assert refused.value.reasons[0].code == "not_awaiting_intake"
    with pytest.raises(RuleRefused):
        prepare_decision(CaseKind.APPLICATION, submitted.pk, LetterKind.PILOT_REFUSAL, actor=bureau_officer,
                         today=TODAY, facts="乙")
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.ACCEPTED


def test_an_application_left_out_at_designation_gets_the_decision_and_a_signed_letter_办法第五条(
        bureau_officer, bureau_head, django_capture_on_commit_callbacks):
    review_round, entries = closed_round(bureau_officer)
    review.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                             actor=bureau_officer, today=date(2026, 9, 25))
    review.approve_publicity(review_round, actor=bureau_head, today=date(2026, 9, 25))
    with django_capture_on_commit_callbacks(execute=True):
        review.designate(review_round, actor=bureau_head, today=date(2026, 10, 12))
    left_out = entries[1].application
    (decision,) = Decision.objects.filter(case_kind=CaseKind.APPLICATION)
    assert (decision.object_id, decision.kind, decision.status) == (
        left_out.pk, LetterKind.PILOT_REFUSAL, DecisionStatus.AUTHORISED)
    assert (decision.prepared_by, decision.prepared_on, decision.authorised_by, decision.authorised_on) == (
        bureau_officer, date(2026, 9, 25), bureau_head, date(2026, 10, 12))
    letter = decision.letter
    letter.refresh_from_db()
    assert letter.generation == 1 and signing.verify_pdf(bytes(letter.pdf)).valid
    text = _flat(bytes(letter.pdf))
    for phrase in ("第五条", "未列入试点企业名单", "最终得分", "行政复议", "2026-12-11", "2027-04-12"):
        assert phrase in text, phrase
    assert "听证" not in text  # domain-rules v1.1: offered before an adverse decision, not after it


def test_the_officer_prepares_on_the_case_page_the_head_authorises_and_the_enterprise_downloads_it(
        client, submitted, enterprise_user, bureau_officer, bureau_head):
    client.force_login(bureau_officer)
    page = client.get(reverse("casework:case-detail", args=[CaseKind.APPLICATION, submitted.pk]))
    assert "不予批准试点企业申请决定书" in page.content.decode()
    response = client.post(reverse("casework:prepare-decision", args=[CaseKind.APPLICATION, submitted.pk]),
                           {"kind": LetterKind.PILOT_REFUSAL, "facts": "企业未取得进出口经营权备案。"})
    decision = Decision.objects.get(case_kind=CaseKind.APPLICATION, object_id=submitted.pk)
    assert response.status_code == 302 and decision.status == DecisionStatus.PREPARED
    client.force_login(bureau_head)
    client.post(reverse("casework:authorise-decision", args=[decision.pk]))
    client.force_login(enterprise_user)
    pdf = client.get(reverse("casework:letter-pdf", args=[decision.pk])).content
    assert signing.verify_pdf(pdf).valid and "企业未取得进出口经营权备案" in _flat(pdf)


def test_a_prepared_refusal_waits_for_the_head_as_a_decision_not_in_the_intake_queue_办法第四条(
        submitted, bureau_officer, bureau_head):
    from casework.queue import work_queue

    key = f"{CaseKind.APPLICATION}:{submitted.pk}"
    assert key in {i.key for i in work_queue(bureau_officer, today=TODAY)}
    decision = prepare_decision(CaseKind.APPLICATION, submitted.pk, LetterKind.PILOT_REFUSAL, actor=bureau_officer,
                                today=TODAY, facts="经核查，申请材料所述对外贸易经验无法证实。")
    assert key not in {i.key for i in work_queue(bureau_officer, today=TODAY)}
    assert f"{CaseKind.DECISION}:{decision.pk}" in {i.key for i in work_queue(bureau_head, today=TODAY)}
