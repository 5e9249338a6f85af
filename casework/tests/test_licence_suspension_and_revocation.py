"""Issue 18, defect 1 — domain-rules v1.1 "Adverse decisions are made by two officials": suspending or
revoking an export licence (《货物出口许可证管理办法》) is prepared by a bureau officer and authorised by the
head, never the same user, through casework's decisions, and goes out as a signed decision letter. The
head alone had a direct route (/casework/licences/<id>/lifecycle/); it is gone."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casework.decisions import authorise_decision, prepare_decision
from casework.models import CaseKind, Decision, DecisionStatus, LetterKind
from casework.queue import work_queue
from portal.errors import RuleRefused
from portal.pdf import pdf_text
from traceability.lifecycle import carry_out_decision, change_licence, versions_of
from traceability.models import LicenceStatus
from traceability.workflow import LICENCE

from .helpers import assert_maker_refused_as_checker, requested_licence

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("change", ["suspended", "revoked"])
def test_the_head_alone_cannot_suspend_or_revoke_through_the_lifecycle_route_domain_rules_v1_1(
        issued, bureau_head, client, change):
    """domain-rules v1.1: suspending or revoking a licence is adverse — the head alone has no route to it."""
    client.force_login(bureau_head)
    response = client.post(reverse("casework:licence-change", args=[issued.pk]),
                           {"change": change, "reason": "企业涉嫌虚假申报。"})
    assert response.status_code in (400, 403)
    issued.refresh_from_db()
    assert issued.status == LicenceStatus.ISSUED
    assert [v.change for v in versions_of(issued)] == ["issued"]
    assert not Decision.objects.filter(case_kind=CaseKind.LICENCE, object_id=issued.pk).exclude(
        kind=LetterKind.LICENCE).exists()


def test_no_service_suspends_or_revokes_for_the_head_alone_domain_rules_v1_1(issued, bureau_head):
    """domain-rules v1.1: the service refuses the head's direct change, and the carrying-out refuses a
    decision the head did not authorise on an officer's preparation (there is none here)."""
    today = timezone.localdate()
    for change in ("suspended", "revoked"):
        with pytest.raises(PermissionDenied):
            change_licence(issued, change, actor=bureau_head, today=today, reason="x")
        with pytest.raises(PermissionDenied):
            carry_out_decision(issued, change, decision=None, actor=bureau_head, today=today)
    with pytest.raises(RuleRefused) as refused:
        LICENCE.check(issued, "suspend", actor=bureau_head, today=today)
    assert [r.code for r in refused.value.reasons] == ["not_prepared"]
    issued.refresh_from_db()
    assert issued.status == LicenceStatus.ISSUED


@pytest.mark.parametrize(("kind", "status", "words"), [
    (LetterKind.LICENCE_SUSPENSION, LicenceStatus.SUSPENDED, "本局决定暂停该出口许可证"),
    (LetterKind.LICENCE_REVOCATION, LicenceStatus.REVOKED, "本局决定撤销该出口许可证"),
])
def test_an_officer_prepares_the_head_authorises_and_a_signed_letter_goes_out_货物出口许可证管理办法(
        issued, bureau_officer, bureau_head, kind, status, words):
    today = timezone.localdate()
    decision = prepare_decision(CaseKind.LICENCE, issued.pk, kind, actor=bureau_officer, today=today,
                                facts="经查，该批车辆报关单证与许可证不符。")
    issued.refresh_from_db()
    assert issued.status == LicenceStatus.ISSUED  # preparing decides nothing
    assert f"decision:{decision.pk}" in {i.key for i in work_queue(bureau_head, today=today)}
    assert LICENCE.allowed_codes(issued, bureau_head, today).count(
        "suspend" if kind == LetterKind.LICENCE_SUSPENSION else "revoke") == 1
    authorise_decision(decision, actor=bureau_head, today=today)
    issued.refresh_from_db()
    decision.refresh_from_db()
    assert issued.status == status
    assert decision.status == DecisionStatus.AUTHORISED and decision.authorised_by == bureau_head
    assert versions_of(issued).last().change == ("suspended" if status == LicenceStatus.SUSPENDED else "revoked")
    letter = decision.letter
    assert letter.generation >= 1 and letter.pdf_sha256
    text = "".join(pdf_text(bytes(letter.pdf)).split())  # lines wrap where the official layout breaks them
    assert words in text and "货物出口许可证管理办法" in text and "行政复议" in text


def test_the_preparing_officer_cannot_authorise_the_suspension_same_official(issued, bureau_officer):
    """domain-rules v1.1: never the same user — the service refuses (same_official)."""
    decision = prepare_decision(CaseKind.LICENCE, issued.pk, LetterKind.LICENCE_SUSPENSION, actor=bureau_officer,
                                today=timezone.localdate(), facts="调查期间暂停。")
    assert_maker_refused_as_checker(decision, bureau_officer, timezone.localdate())
    issued.refresh_from_db()
    assert issued.status == LicenceStatus.ISSUED


def test_the_database_refuses_a_suspension_authorised_by_its_maker(issued, bureau_officer):
    """domain-rules v1.1: never the same user — the database CHECK too."""
    decision = prepare_decision(CaseKind.LICENCE, issued.pk, LetterKind.LICENCE_REVOCATION, actor=bureau_officer,
                                today=timezone.localdate(), facts="伪造材料。")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(status=DecisionStatus.AUTHORISED, authorised_by=bureau_officer,
                                                       authorised_on=timezone.localdate())


def test_a_suspension_cannot_be_prepared_on_a_licence_not_issued(pilot_user, bureau_officer):
    """《货物出口许可证管理办法》: only an issued licence is suspended; the officer's form does not offer it."""
    licence = requested_licence(pilot_user, today=timezone.localdate())
    with pytest.raises(RuleRefused) as refused:
        prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.LICENCE_SUSPENSION, actor=bureau_officer,
                         today=timezone.localdate(), facts="x")
    assert refused.value.reasons[0].code == "not_editable"


def test_the_case_page_offers_the_officer_the_decisions_and_the_head_no_direct_change(
        issued, bureau_officer, bureau_head, client):
    client.force_login(bureau_officer)
    page = client.get(reverse("casework:case-detail", args=["licence", issued.pk])).content.decode()
    assert 'value="licence_suspend"' in page and 'value="licence_revoke"' in page
    assert 'value="refusal"' not in page  # an issued licence is no longer refused
    assert reverse("casework:licence-change", args=[issued.pk]) not in page  # the officer changes nothing directly
    client.force_login(bureau_head)
    page = client.get(reverse("casework:case-detail", args=["licence", issued.pk])).content.decode()
    assert 'value="suspended"' not in page and 'value="revoked"' not in page
