"""Demo records: the demo experts sit on a (closed) panel of the pilot enterprise's historical round."""

from datetime import date

from django.utils.translation import gettext as _

from .models import PanelMember, ReviewRound, RoundStatus


def seed_review(context: dict) -> None:
    """Idempotent: one historical round (2021, designated and filed with MOFCOM) with the three demo experts."""
    users = context["users"]
    review_round, _created = ReviewRound.objects.get_or_create(
        name=_("2021年第一批二手车出口试点企业评审"),
        defaults={"created_by": users["bureau_demo"], "status": RoundStatus.FILED,
                  "designated_on": date(2021, 3, 1), "designated_by": users["bureau_head_demo"]},
    )
    for username in ("expert1_demo", "expert2_demo", "expert3_demo"):
        PanelMember.objects.get_or_create(round=review_round, user=users[username])
