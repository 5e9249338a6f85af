"""办法第五条第5项: objections answered before designation; the head designates after 公示."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from applications.models import ApplicationStatus
from portal.errors import RuleRefused
from portal.models import PilotStatus
from portal.pdf import pdf_text
from review import services
from review.models import Publicity

from .test_publicity import closed_round

pytestmark = pytest.mark.django_db

DURING = date(2026, 10, 8)
AFTER = date(2026, 10, 12)


def _flat(text: str) -> str:
    """PDF text wraps long lines; compare without whitespace."""
    return "".join(text.split())


@pytest.fixture
def published(bureau_officer, bureau_head):
    review_round, entries = closed_round(bureau_officer)
    services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                               actor=bureau_officer, today=date(2026, 9, 25))
    publicity = services.approve_publicity(review_round, actor=bureau_head, today=date(2026, 9, 25))
    return review_round, entries, publicity


def test_anyone_may_object_during_publicity_and_contact_details_stay_private(api, client, published):
    review_round, entries, publicity = published
    # The public endpoint judges "during 公示" on the real date: put the period around it.
    now = timezone.localdate()
    Publicity.objects.filter(pk=publicity.pk).update(starts_on=now - timedelta(days=1), ends_on=now + timedelta(days=9))
    response = api(None).post(f"/api/v1/public/publicity/{publicity.pk}/objections/", {
        "content": "该企业近两年有违规行为", "contact_name": "张三", "contact_phone": "13800000000",
        "entry": entries[0].pk}, format="json")
    assert response.status_code == 201
    assert response.json()["number"]
    public = client.get("/review/publicity/").content.decode() + str(api(None).get("/api/v1/public/publicity/").json())
    assert "13800000000" not in public and "张三" not in public


def test_an_objection_needs_a_phone_or_an_email(api, published):
    review_round, entries, publicity = published
    response = api(None).post(f"/api/v1/public/publicity/{publicity.pk}/objections/",
                              {"content": "异议", "contact_name": "张三"}, format="json")
    assert response.status_code == 400


def test_article_5_designation_waits_for_the_end_of_publicity(bureau_head, published):
    review_round, entries, publicity = published
    with pytest.raises(RuleRefused) as refused:
        services.designate(review_round, actor=bureau_head, today=date(2026, 10, 9))
    assert refused.value.reasons[0].code == "publicity_not_over"


def test_article_5_an_unanswered_objection_blocks_designation_until_answered(bureau_officer, bureau_head,
                                                                            published):
    review_round, entries, publicity = published
    objection = services.lodge_objection(publicity, content="异议", contact_name="李四", contact_email="a@b.cn",
                                         entry=entries[0], today=DURING)
    with pytest.raises(RuleRefused) as refused:
        services.designate(review_round, actor=bureau_head, today=AFTER)
    assert [r.code for r in refused.value.reasons] == ["objections_unanswered"]
    assert entries[0].application.organisation.pilot_status == PilotStatus.NONE
    services.answer_objection(objection, answer="经核查，异议不成立。", actor=bureau_officer, today=AFTER)
    services.designate(review_round, actor=bureau_head, today=AFTER)
    organisation = entries[0].application.organisation
    organisation.refresh_from_db()
    assert organisation.pilot_status == PilotStatus.DESIGNATED
    assert organisation.designated_on == AFTER


def test_designation_decides_every_application_and_tells_each_applicant(bureau_head, published):
    review_round, entries, publicity = published
    services.designate(review_round, actor=bureau_head, today=AFTER)
    chosen, other = (e.application for e in entries)
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.status == ApplicationStatus.APPROVED
    assert other.status == ApplicationStatus.REJECTED
    assert other.organisation.pilot_status == PilotStatus.NONE
    assert chosen.created_by.notifications.filter(code="review.result").exists()
    assert other.created_by.notifications.filter(code="review.result").exists()


def test_an_officer_cannot_designate(api, bureau_officer, published):
    review_round, entries, publicity = published
    assert api(bureau_officer).post(f"/api/v1/review/rounds/{review_round.pk}/designate/").status_code == 403


def test_result_letters_filing_list_and_public_pilot_list(client, bureau_head, published):
    review_round, entries, publicity = published
    services.designate(review_round, actor=bureau_head, today=AFTER)
    chosen, other = entries
    applicant = chosen.application.created_by
    client.force_login(applicant)
    letter = _flat(pdf_text(client.get(f"/review/entries/{chosen.pk}/letter.pdf").content))
    assert chosen.application.organisation.name in letter and "确定为太原市二手车出口试点企业" in letter
    assert client.get(f"/review/entries/{other.pk}/letter.pdf").status_code == 404
    client.force_login(bureau_head)
    rejected = _flat(pdf_text(client.get(f"/review/entries/{other.pk}/letter.pdf").content))
    assert "未被确定为试点企业" in rejected
    filing = _flat(pdf_text(client.get(f"/review/rounds/{review_round.pk}/filing.pdf").content))
    assert chosen.application.organisation.uscc in filing
    assert other.application.organisation.name not in filing
    sheet = load_workbook(io.BytesIO(client.get(f"/review/rounds/{review_round.pk}/filing.xlsx").content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [chosen.application.organisation.name]
    client.logout()
    pilots = client.get("/review/pilots/").content.decode()
    assert chosen.application.organisation.name in pilots
    api_pilots = client.get("/api/v1/public/pilot-enterprises/").json()
    assert chosen.application.organisation.name in [p["name"] for p in api_pilots["results"]]
