"""办法第五条第5项: 公示 approved by the head (maker–checker), its length in working days."""

from datetime import date

import pytest

from portal.errors import RuleRefused
from portal.models import CalendarYear
from review import services
from review.models import PublicityStatus

from .factories import TODAY, full_marks_but, round_with, submit

pytestmark = pytest.mark.django_db


def closed_round(officer):
    review_round, panel, entries = round_with(officer, applications=2)
    for entry in entries:
        for member in panel:
            submit(entry, member, full_marks_but(review_round))
    services.close_scoring(review_round, actor=officer, today=TODAY)
    return review_round, entries


def test_five_working_days_from_28_september_2026_cross_national_day_and_end_9_october(bureau_officer):
    review_round, entries = closed_round(bureau_officer)
    publicity = services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                                           working_days=5, actor=bureau_officer, today=date(2026, 9, 25))
    assert publicity.ends_on == date(2026, 10, 9)
    assert not publicity.provisional


def test_the_adjusted_working_saturday_10_october_counts_as_a_publicity_day(bureau_officer):
    review_round, entries = closed_round(bureau_officer)
    publicity = services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 30),
                                           working_days=3, actor=bureau_officer, today=date(2026, 9, 25))
    # Wed 30 Sep is day 1, 1–7 Oct National Day, Thu 8 Oct day 2, Fri 9 Oct day 3.
    assert publicity.ends_on == date(2026, 10, 9)
    publicity.delete()
    review_round.status = "scoring_closed"
    review_round.save()
    longer = services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 30),
                                        working_days=4, actor=bureau_officer, today=date(2026, 9, 25))
    assert longer.ends_on == date(2026, 10, 10)  # 调休上班 Saturday


def test_a_publicity_beyond_the_calendar_is_provisional(bureau_officer):
    CalendarYear.objects.filter(year=2027).delete()
    review_round, entries = closed_round(bureau_officer)
    publicity = services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 12, 30),
                                           working_days=5, actor=bureau_officer, today=date(2026, 12, 1))
    assert publicity.provisional
    assert publicity.ends_on == date(2027, 1, 5)


def test_the_proposing_officer_cannot_approve_and_the_head_can(bureau_officer, bureau_head, api):
    review_round, entries = closed_round(bureau_officer)
    officer_and_head = bureau_head
    publicity = services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                                           actor=officer_and_head, today=date(2026, 9, 25))
    with pytest.raises(RuleRefused) as refused:
        services.approve_publicity(review_round, actor=officer_and_head, today=date(2026, 9, 25))
    assert refused.value.reasons[0].code == "same_official"
    assert api(bureau_officer).post(f"/api/v1/review/rounds/{review_round.pk}/publicity/approve/").status_code == 403
    publicity.refresh_from_db()
    assert publicity.status == PublicityStatus.PROPOSED


def test_the_head_publishes_and_the_public_page_lists_the_proposed_enterprises(bureau_officer, bureau_head, client):
    review_round, entries = closed_round(bureau_officer)
    services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                               actor=bureau_officer, today=date(2026, 9, 25))
    publicity = services.approve_publicity(review_round, actor=bureau_head, today=date(2026, 9, 25))
    assert publicity.status == PublicityStatus.PUBLISHED and publicity.approved_by == bureau_head
    page = client.get("/review/publicity/").content.decode()
    assert entries[0].application.organisation.name in page
    assert entries[1].application.organisation.name not in page
    body = client.get("/api/v1/public/publicity/").json()
    assert body["results"][0]["ends_on"] == "2026-10-09"
