"""The panel day's demo records (issue 24): `seed_demo` leaves one signed 答辩会 on the demo round, whose minutes
the demo experts and the bureau read; seeding again adds nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.models import User
from review.panel_models import PanelDay, PanelDayStatus

pytestmark = pytest.mark.django_db


def test_seed_demo_leaves_one_signed_panel_day_on_the_demo_round(client, signing_key):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    day = PanelDay.objects.get()
    assert day.status == PanelDayStatus.SIGNED and day.round.members.count() == 3
    assert day.items.get().entry.final_score == sum(s.total for s in day.items.get().entry.sheets.all()) / 3
    client.force_login(User.objects.get(username="expert1_demo"))
    page = client.get(reverse("review:panel-day", args=[day.pk]))
    assert page.status_code == 200 and "纪要已签署" in page.content.decode()
    minutes = client.get(reverse("review:panel-minutes", args=[day.pk]))
    assert minutes.status_code == 200 and minutes["Content-Type"] == "application/pdf"
