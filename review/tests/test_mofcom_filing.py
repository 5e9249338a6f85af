"""办法第五条: the designated list is reported to MOFCOM — the last declared step of the round."""

from datetime import date

import pytest
from django.urls import reverse

from portal.errors import RuleRefused
from review import services
from review.models import RoundStatus
from review.workflow import ROUND

from .test_publicity import closed_round

pytestmark = pytest.mark.django_db
AFTER = date(2026, 10, 12)


def test_article_5_filing_with_mofcom_follows_designation_and_keeps_the_filing_list(
        client, bureau_officer, bureau_head):
    review_round, entries = closed_round(bureau_officer)
    with pytest.raises(RuleRefused) as refused:
        services.record_filing(review_round, actor=bureau_officer, today=AFTER)
    assert refused.value.reasons[0].code == "not_editable"
    services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                               actor=bureau_officer, today=date(2026, 9, 25))
    services.approve_publicity(review_round, actor=bureau_head, today=date(2026, 9, 25))
    services.designate(review_round, actor=bureau_head, today=AFTER)
    client.force_login(bureau_officer)
    page = client.get(reverse("review:round-detail", args=[review_round.pk])).content.decode()
    assert reverse("review:round-file", args=[review_round.pk]) in page and "报商务部备案" in page
    client.post(reverse("review:round-file", args=[review_round.pk]))
    review_round.refresh_from_db()
    assert review_round.status == RoundStatus.FILED
    assert ROUND.allowed_codes(review_round, bureau_officer, AFTER) == []
    assert client.get(reverse("review:filing-pdf", args=[review_round.pk])).status_code == 200
    page = client.get(reverse("review:round-detail", args=[review_round.pk])).content.decode()
    assert reverse("review:round-file", args=[review_round.pk]) not in page
    assert "已报商务部备案" in page
