"""A licence issued on traceability's own maker–checker route (实施方案三(二); api.md POST
/licences/{id}/issue/: an officer prepares, the head issues) gets the same authorised decision and
signed letter (准予签发出口许可证决定书) as one issued through a casework decision — exactly one."""

from datetime import date

import pytest
from django.urls import reverse

from casework import signing
from casework.decisions import authorise_decision, prepare_decision
from casework.models import CaseKind, Decision, DecisionLetter, DecisionStatus, LetterKind
from portal.pdf import pdf_text
from traceability.models import LicenceStatus
from traceability.services import issue_licence

from .helpers import requested_licence

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 16)


def _flat(pdf: bytes) -> str:
    return "".join(pdf_text(pdf).split())


def test_a_licence_issued_through_the_api_has_its_signed_letter_实施方案三_二(
        api, pilot_user, bureau_officer, bureau_head, django_capture_on_commit_callbacks):
    licence = requested_licence(pilot_user)
    assert api(bureau_officer).post(f"/api/v1/licences/{licence.pk}/issue/").json()["status"] == "prepared"
    with django_capture_on_commit_callbacks(execute=True):
        body = api(bureau_head).post(f"/api/v1/licences/{licence.pk}/issue/").json()
    assert body["status"] == "issued"
    (decision,) = Decision.objects.filter(case_kind=CaseKind.LICENCE, object_id=licence.pk)
    assert (decision.kind, decision.status, decision.prepared_by, decision.authorised_by) == (
        LetterKind.LICENCE, DecisionStatus.AUTHORISED, bureau_officer, bureau_head)
    letter = DecisionLetter.objects.get(decision=decision)
    assert letter.issued_on.isoformat() == body["issued_on"] and letter.generation == 1
    pdf = bytes(letter.pdf)
    assert signing.verify_pdf(pdf).valid
    text = _flat(pdf)
    for phrase in ("准予签发出口许可证决定书", body["number"], body["valid_until"]):
        assert phrase in text, phrase
    # domain-rules v1.1: a favourable decision carries no rights paragraph.
    for phrase in ("陈述、申辩", "听证", "行政复议", "行政诉讼"):
        assert phrase not in text, phrase


def test_the_letter_waits_for_the_commit_and_the_first_download_renders_it(
        client, pilot_user, bureau_officer, bureau_head):
    licence = requested_licence(pilot_user)
    issue_licence(licence, actor=bureau_officer, today=TODAY)
    issue_licence(licence, actor=bureau_head, today=TODAY)  # on-commit task not run: the letter is pending
    letter = DecisionLetter.objects.get(decision__object_id=licence.pk, decision__case_kind=CaseKind.LICENCE)
    assert letter.generation == 0 and bytes(letter.pdf) == b""
    client.force_login(pilot_user)
    response = client.get(reverse("casework:letter-pdf", args=[letter.decision_id]))
    assert response.status_code == 200
    assert signing.verify_pdf(response.content).valid
    letter.refresh_from_db()
    assert letter.generation == 1 and (letter.reconsideration_until, letter.litigation_until) == (
        date(2026, 8, 17), date(2026, 12, 16))  # 60 days end on Saturday 08-15: Monday (api.md 期间)


def test_a_licence_prepared_in_casework_and_issued_on_its_page_completes_that_decision(
        api, pilot_user, bureau_officer, bureau_head):
    licence = requested_licence(pilot_user)
    decision = prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.LICENCE, actor=bureau_officer, today=TODAY,
                                facts="材料齐全。")
    assert api(bureau_head).post(f"/api/v1/licences/{licence.pk}/issue/").json()["status"] == "issued"
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.AUTHORISED and decision.authorised_by == bureau_head
    assert Decision.objects.filter(case_kind=CaseKind.LICENCE, object_id=licence.pk).count() == 1
    assert DecisionLetter.objects.filter(decision=decision).count() == 1


def test_a_casework_authorisation_issues_one_letter_signed_at_once(pilot_user, bureau_officer, bureau_head):
    licence = requested_licence(pilot_user)
    decision = prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.LICENCE, actor=bureau_officer, today=TODAY,
                                facts="材料齐全。")
    authorise_decision(decision, actor=bureau_head, today=TODAY)
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.ISSUED
    assert Decision.objects.filter(case_kind=CaseKind.LICENCE, object_id=licence.pk).count() == 1
    letter = DecisionLetter.objects.get(decision=decision)
    assert letter.generation == 1 and signing.verify_pdf(bytes(letter.pdf)).valid


def test_a_refusal_waiting_on_the_licence_does_not_block_its_issue_on_traceability_s_route(
        api, pilot_user, bureau_officer, bureau_head):
    licence = requested_licence(pilot_user)
    refusal = prepare_decision(CaseKind.LICENCE, licence.pk, LetterKind.REFUSAL, actor=bureau_officer, today=TODAY,
                               facts="待核实。")
    api(bureau_officer).post(f"/api/v1/licences/{licence.pk}/issue/")
    assert api(bureau_head).post(f"/api/v1/licences/{licence.pk}/issue/").json()["status"] == "issued"
    statuses = dict(Decision.objects.filter(case_kind=CaseKind.LICENCE, object_id=licence.pk).values_list("kind", "status"))
    assert statuses == {LetterKind.REFUSAL: DecisionStatus.PREPARED, LetterKind.LICENCE: DecisionStatus.AUTHORISED}
    refusal.refresh_from_db()
    assert refusal.status == DecisionStatus.PREPARED
