"""办法第五条第5项 and domain-rules.md v1.1: 公示 approval and designation are the head's, declared
countersigned, and never by the official who proposed the list; designation is favourable (no
rights paragraph in its letter)."""

from datetime import date

import pytest

from portal.errors import RuleRefused
from portal.pdf import pdf_text
from portal.roles import Role
from review import services
from review.models import RoundStatus
from review.workflow import ROUND
from tests.factories import make_user

from .test_publicity import closed_round

pytestmark = pytest.mark.django_db
AFTER = date(2026, 10, 12)


def test_approval_and_designation_are_declared_countersigned_and_the_head_s():
    for code in ("approve_publicity", "designate"):
        action = ROUND.action(code)
        assert action.countersigned and action.roles == (Role.BUREAU_HEAD,) and not action.adverse


def test_article_5_the_head_who_proposed_the_list_cannot_designate(bureau_officer, bureau_head):
    review_round, entries = closed_round(bureau_officer)
    services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                               actor=bureau_head, today=date(2026, 9, 25))
    other_head = make_user(Role.BUREAU_HEAD, organisation=bureau_head.organisation)
    services.approve_publicity(review_round, actor=other_head, today=date(2026, 9, 25))
    assert "designate" not in ROUND.allowed_codes(review_round, bureau_head, AFTER)
    with pytest.raises(RuleRefused) as refused:
        services.designate(review_round, actor=bureau_head, today=AFTER)
    assert refused.value.reasons[0].code == "same_official"
    review_round.refresh_from_db()
    assert review_round.status == RoundStatus.PUBLICITY
    services.designate(review_round, actor=other_head, today=AFTER)
    review_round.refresh_from_db()
    assert review_round.status == RoundStatus.DESIGNATED and review_round.designated_by == other_head


def test_article_5_the_designation_letter_is_favourable_and_carries_no_rights_paragraph(
        client, bureau_officer, bureau_head):
    review_round, entries = closed_round(bureau_officer)
    services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                               actor=bureau_officer, today=date(2026, 9, 25))
    services.approve_publicity(review_round, actor=bureau_head, today=date(2026, 9, 25))
    services.designate(review_round, actor=bureau_head, today=AFTER)
    client.force_login(bureau_head)
    text = "".join(pdf_text(client.get(f"/review/entries/{entries[0].pk}/letter.pdf").content).split())
    assert "确定为太原市二手车出口试点企业" in text
    for phrase in ("行政复议", "行政诉讼", "陈述", "申辩", "听证"):
        assert phrase not in text, phrase
