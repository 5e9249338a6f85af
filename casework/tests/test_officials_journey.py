"""Issue 13 "done when": a bureau officer works a day from the queue (takes a case, asks for
information, prepares a decision that the head authorises), and the clock, the signed letter and
the public status agree — through the test client, page by page."""

import pytest
from django.utils import timezone

from casework import signing
from casework.clocks import sync_clocks
from casework.models import Clock, ClockKind, ClockStatus, Decision, InformationRequest
from portal.models import ActivityLog
from portal.pdf import pdf_text
from portal.periods import period_end

from .helpers import requested_licence

pytestmark = pytest.mark.django_db


def test_an_officer_works_a_licence_request_from_the_queue_to_a_signed_letter(
        client, pilot_user, bureau_officer, bureau_head, other_enterprise_user):
    today = timezone.localdate()
    licence = requested_licence(pilot_user, today=today)
    sync_clocks(today)  # the clock job starts the licence-issue service time
    clock = Clock.objects.get(kind=ClockKind.LICENCE_ISSUE, subject_id=str(licence.pk))
    key = f"licence:{licence.pk}"

    client.force_login(bureau_officer)
    assert key in client.get("/casework/?kind=licence").content.decode()
    client.post("/casework/assign/", {"cases": [key], "assignee": ""})
    assert f"licence:{licence.pk}" in client.get("/casework/?assigned=me").content.decode()
    deadline = period_end(today, working_days=10)
    response = client.post(f"/casework/case/licence/{licence.pk}/information/",
                           {"items": "请补充车辆购置合同", "deadline": deadline.isoformat()})
    assert response.status_code == 302
    clock.refresh_from_db()
    assert clock.status == ClockStatus.PAUSED

    client.force_login(pilot_user)
    info = InformationRequest.objects.get(kind="licence", object_id=licence.pk)
    client.post(f"/casework/information/{info.pk}/answer/", {"answer": "已补充购置合同"})
    clock.refresh_from_db()
    assert clock.status == ClockStatus.RUNNING

    client.force_login(bureau_officer)
    prepared = client.post(f"/casework/case/licence/{licence.pk}/decisions/",
                           {"kind": "licence", "facts": "经审核，车辆与材料符合出口条件。"})
    decision = Decision.objects.get(case_kind="licence", object_id=licence.pk)
    assert prepared.status_code == 302 and prepared["Location"] == f"/casework/decisions/{decision.pk}/"
    refused = client.post(f"/casework/decisions/{decision.pk}/authorise/", follow=True)
    assert refused.status_code == 403 or "拟办人与签发人不能为同一人" in refused.content.decode()

    client.force_login(bureau_head)
    assert f"/casework/decisions/{decision.pk}/" in client.get("/casework/").content.decode()
    client.post(f"/casework/decisions/{decision.pk}/authorise/")
    decision.refresh_from_db()
    letter = decision.letter
    licence.refresh_from_db()
    clock.refresh_from_db()

    # The clock, the letter and the public status agree.
    assert clock.status == ClockStatus.STOPPED and clock.stopped_on == letter.issued_on == today
    assert (letter.reconsideration_until, letter.litigation_until) == (
        period_end(today, days=60), period_end(today, months=6))
    licence.refresh_from_db()  # api.md v1.1: the full public answer needs the licence's check code
    public = client.get(f"/api/v1/public/licences/{licence.number}/?code={licence.check_code}").json()
    assert public["status"] == "issued" and public["issued_on"] == letter.issued_on.isoformat()

    client.force_login(pilot_user)
    pdf = client.get(f"/casework/decisions/{decision.pk}/letter.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert signing.verify_pdf(pdf.content).valid
    text = pdf_text(pdf.content)
    assert licence.number in text
    assert "行政诉讼" not in text  # domain-rules v1.1: the favourable licence letter has no rights paragraph
    client.force_login(other_enterprise_user)
    assert client.get(f"/casework/decisions/{decision.pk}/letter.pdf").status_code == 404
    actions = set(ActivityLog.objects.filter(object_id=str(licence.pk)).values_list("action", flat=True))
    assert {"casework.assigned", "casework.information_requested", "casework.information_answered",
            "casework.decision_prepared", "licence.prepared", "licence.issued", "casework.decision_authorised"} <= actions


def test_a_decision_form_refused_keeps_what_was_typed_and_names_the_field(client, pilot_user, bureau_officer):
    licence = requested_licence(pilot_user, today=timezone.localdate())
    client.force_login(bureau_officer)
    response = client.post(f"/casework/case/licence/{licence.pk}/decisions/",
                           {"kind": "rectification", "facts": "档案缺少检测报告", "item": "第6项"})
    page = response.content.decode()
    assert response.status_code == 400 and "档案缺少检测报告" in page and "请填写整改期限" in page


def test_the_decision_list_is_bounded_in_queries_and_hides_prepared_decisions_from_the_enterprise(
        client, pilot_user, bureau_officer, django_assert_max_num_queries):
    from casework.decisions import prepare_decision

    for _ in range(3):
        licence = requested_licence(pilot_user, today=timezone.localdate())
        prepare_decision("licence", licence.pk, "refusal", actor=bureau_officer, today=timezone.localdate(), facts="甲")
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(12):
        response = client.get("/casework/decisions/?status=prepared&q=甲")
    links = [f'href="/casework/decisions/{d.pk}/"' for d in Decision.objects.all()]
    assert response.status_code == 200 and all(link in response.content.decode() for link in links)
    client.force_login(pilot_user)
    page = client.get("/casework/decisions/").content.decode()
    assert not any(link in page for link in links)
