"""通知公告 and 好差评 (issue 23 points 3 and 4): their list pages take a constant number of queries
(issue 10 point 4), for the bureau, an enterprise and the public."""

from datetime import date

import pytest

from portal import announcements
from supervision import ratings
from supervision.models import ServiceKind
from supervision.tests.helpers import make_licence
from tests.perf.helpers import LARGE, SMALL, assert_list_flat

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 28)
LISTS = ["/announcements/", "/supervision/ratings/", "/supervision/ratings/follow-ups/?status=all",
         "/supervision/ratings/figures/"]


def add_announcements(officer, pilot_user, n, start=0):
    for i in range(start, start + n):
        a = announcements.create_announcement(title=f"通知{i}", body="正文", audience="pilots" if i % 2 else "public",
                                              actor=officer, today=TODAY)
        a = announcements.publish_announcement(a, actor=officer, today=TODAY)
        announcements.record_read(a, pilot_user)


def add_ratings(pilot_user, n, start=0):
    for i in range(start, start + n):
        licence = make_licence(pilot_user.organisation, pilot_user, issued_on=TODAY)
        ratings.rate_service(ServiceKind.LICENCE, licence.pk, score=1 + i % 5, comment="意见", actor=pilot_user,
                             today=date(2026, 1 + i % 9, 10))
        make_licence(pilot_user.organisation, pilot_user, issued_on=TODAY)  # one more to rate


@pytest.mark.parametrize("viewer", ["bureau_officer", "pilot_user", None])
def test_thirty_announcements_take_as_many_queries_as_three(
        viewer, request, bureau_officer, pilot_user, django_assert_max_num_queries):
    add_announcements(bureau_officer, pilot_user, SMALL)
    assert_list_flat(request.getfixturevalue(viewer) if viewer else None, LISTS[0],
                     lambda: add_announcements(bureau_officer, pilot_user, LARGE, start=100),
                     django_assert_max_num_queries, 12)


@pytest.mark.parametrize("viewer, url", [("pilot_user", LISTS[1]), ("bureau_officer", LISTS[1]),
                                         ("bureau_officer", LISTS[2]), (None, LISTS[3])])
def test_thirty_ratings_take_as_many_queries_as_three(
        viewer, url, request, bureau_officer, pilot_user, django_assert_max_num_queries):
    add_ratings(pilot_user, SMALL)
    assert_list_flat(request.getfixturevalue(viewer) if viewer else None, url,
                     lambda: add_ratings(pilot_user, LARGE, start=100), django_assert_max_num_queries, 16)
