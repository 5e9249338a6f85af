"""好差评 monthly figures (国办发〔2019〕51号: results are made public): count, mean, the shares of 好评
(3–5) and 差评 (1–2), and the follow-ups answered on time; the public page, the bureau's XLSX and the
bounded queries of the lists."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from supervision import rating_rules, ratings
from supervision.models import RatingFollowUp, ServiceKind, ServiceRating
from supervision.tests.helpers import make_licence

pytestmark = pytest.mark.django_db


def rated(enterprise, user, score, rated_on, comment="意见"):
    licence = make_licence(enterprise, user, issued_on=date(2026, 1, 5))
    return ratings.rate_service(ServiceKind.LICENCE, licence.pk, score=score, comment=comment, actor=user,
                                today=rated_on)


def test_51hao_month_figures_from_scores_and_follow_ups():
    figures = rating_rules.month_figures(
        "2026-03", [5, 4, 3, 2, 1, 5], [(date(2026, 3, 20), date(2026, 3, 19)), (date(2026, 3, 20), None)],
        today=date(2026, 3, 31))
    assert (figures.count, figures.good, figures.bad) == (6, 4, 2)
    assert figures.mean == Decimal("3.33")  # 20 / 6, half-up
    assert figures.good_share == Decimal("66.7") and figures.bad_share == Decimal("33.3")
    assert (figures.follow_ups, figures.on_time, figures.late, figures.pending) == (2, 1, 1, 0)
    assert figures.on_time_share == Decimal("50.0")


def test_51hao_a_follow_up_answered_on_its_due_date_is_on_time_and_one_not_yet_due_is_pending():
    assert rating_rules.resolved_on_time(date(2026, 3, 20), date(2026, 3, 20))
    assert not rating_rules.resolved_on_time(date(2026, 3, 20), date(2026, 3, 21))
    figures = rating_rules.month_figures("2026-03", [1], [(date(2026, 4, 10), None)], today=date(2026, 3, 31))
    assert (figures.on_time, figures.late, figures.pending, figures.on_time_share) == (0, 0, 1, None)


def test_monthly_figures_are_computed_per_month_of_rating(pilot_user, bureau_officer):
    org = pilot_user.organisation
    for score in (5, 4, 2):
        rated(org, pilot_user, score, date(2026, 2, 10))
    late = rated(org, pilot_user, 1, date(2026, 3, 2)).follow_up
    rated(org, pilot_user, 3, date(2026, 3, 3))
    ratings.resolve_follow_up(RatingFollowUp.objects.get(rating__rated_on=date(2026, 2, 10)), reply="已整改",
                              actor=bureau_officer, today=date(2026, 2, 11))
    ratings.resolve_follow_up(late, reply="已整改", actor=bureau_officer, today=late.due_on.replace(day=28))

    march, february = ratings.monthly_figures(date(2026, 4, 30))
    assert (february.month, february.count, february.mean, february.good_share, february.bad_share) == \
        ("2026-02", 3, Decimal("3.67"), Decimal("66.7"), Decimal("33.3"))
    assert (february.follow_ups, february.on_time, february.late) == (1, 1, 0)
    assert (march.month, march.count, march.mean, march.good, march.bad) == ("2026-03", 2, Decimal("2.00"), 1, 1)
    assert (march.follow_ups, march.on_time, march.late, march.on_time_share) == (1, 0, 1, Decimal("0.0"))


def test_the_public_page_shows_the_figures_and_only_the_bureau_exports_them(client, pilot_user, bureau_officer):
    rated(pilot_user.organisation, pilot_user, 5, date(2026, 2, 10))
    rated(pilot_user.organisation, pilot_user, 2, date(2026, 2, 11))
    page = client.get("/supervision/ratings/figures/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "2026-02" in text and "3.50" in text and "50.0%" in text
    assert "/supervision/ratings/figures/" in client.get("/").content.decode()  # linked from the public home
    assert client.get("/supervision/ratings/figures/export/").status_code == 302  # to the login
    client.force_login(pilot_user)
    assert client.get("/supervision/ratings/figures/export/").status_code == 403
    client.force_login(bureau_officer)
    response = client.get("/supervision/ratings/figures/export/")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("月份", "评价数", "平均分")
    assert rows[1][:5] == ("2026-02", 2, 3.5, 1, 1)


def test_the_rating_lists_and_the_figures_read_in_bounded_queries(
        client, pilot_user, bureau_officer, django_assert_max_num_queries):
    for i in range(8):
        rated(pilot_user.organisation, pilot_user, 1 + i % 5, date(2026, 1 + i % 3, 10))
    for _ in range(5):
        make_licence(pilot_user.organisation, pilot_user, issued_on=date(2026, 4, 1))  # to rate
    assert ServiceRating.objects.count() == 8
    with django_assert_max_num_queries(10):
        assert client.get("/supervision/ratings/figures/").status_code == 200
    client.force_login(pilot_user)
    with django_assert_max_num_queries(16):
        assert client.get("/supervision/ratings/").status_code == 200
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(16):
        assert client.get("/supervision/ratings/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/supervision/ratings/follow-ups/?status=all").status_code == 200
    follow_up = RatingFollowUp.objects.first()
    with django_assert_max_num_queries(20):
        assert client.get(f"/supervision/ratings/follow-ups/{follow_up.pk}/").status_code == 200
