"""The review's demo seeder: the three demo experts on the historical round, idempotently."""

import pytest

from portal.roles import Role
from review.demo import seed_review
from review.models import PanelMember, ReviewRound
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_seeding_twice_leaves_one_round_with_three_experts(bureau_officer, bureau_head):
    users = {"bureau_demo": bureau_officer, "bureau_head_demo": bureau_head}
    users.update({f"expert{n}_demo": make_user(Role.EXPERT) for n in (1, 2, 3)})
    seed_review({"users": users, "organisations": {}})
    seed_review({"users": users, "organisations": {}})
    assert ReviewRound.objects.count() == 1
    assert PanelMember.objects.count() == 3
