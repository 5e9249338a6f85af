"""办法第一条, 第五条 (issue 24): a review round takes its defaults (split, quorum) from the policy version in force on
the day it is created and records it; a 公示 takes its length from the version in force when it is proposed."""

from datetime import date

import pytest

from portal.policy import initial_values
from review import services
from tests.policy import publish_version

from .test_publicity import closed_round

pytestmark = pytest.mark.django_db


def test_a_round_and_its_publicity_record_the_version_whose_defaults_they_took_办法第五条(
        bureau_officer, bureau_head):
    before = services.create_round(name="调整前", actor=bureau_officer, today=date(2026, 8, 31))
    split = dict(initial_values()["review_criteria"], basic_conditions=20, new_trade_formats=5)
    publish_version(bureau_officer, bureau_head, today=date(2026, 6, 1), effective_from=date(2026, 9, 1),
                    review_criteria=split, review_quorum=4, publicity_working_days=7)
    after = services.create_round(name="调整后", actor=bureau_officer, today=date(2026, 9, 1))
    before.refresh_from_db()
    assert (before.policy_version_id, before.quorum, before.criteria["basic_conditions"]) == (1, 3, 15)
    assert (after.policy_version_id, after.quorum, after.criteria) == (2, 4, split)

    review_round, entries = closed_round(bureau_officer)
    publicity = services.propose_publicity(review_round, entry_ids=[entries[0].pk], starts_on=date(2026, 9, 28),
                                           actor=bureau_officer, today=date(2026, 9, 25))
    assert (publicity.working_days, publicity.policy_version_id) == (7, 2)
