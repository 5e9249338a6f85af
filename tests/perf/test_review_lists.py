"""Review rounds, 公示, objections and the pilot list, pages and API: a constant number of queries
(issue 10 point 4)."""

import pytest

from review import services
from review.tests.factories import TODAY, accepted_application
from tests.factories import PilotEnterpriseFactory
from tests.perf.helpers import LARGE, SMALL, assert_list_flat
from tests.security.world import TODAY as PUBLISHED_ON
from tests.security.world import _review_round

pytestmark = pytest.mark.django_db

ROUND_LISTS = ["/review/", "/review/?status=open&q=批", "/api/v1/review/rounds/"]
# the public lists of pilot enterprises: review's (pages) and supervision's (all, with those that ended)
PILOT_LISTS = ["/review/pilots/", "/review/pilots/?q=太原", "/api/v1/public/pilot-enterprises/",
               "/supervision/pilot-enterprises/"]
PUBLICITY_LISTS = ["/review/publicity/", "/api/v1/public/publicity/"]
OBJECTION_LISTS = ["/api/v1/review/rounds/{round}/objections/"]


def add_rounds(officer, n: int, *, start: int = 0) -> None:
    for k in range(start, start + n):
        services.create_round(name=f"2026年第{k + 1}批", actor=officer, today=TODAY, quorum=1)


@pytest.mark.parametrize("url", ROUND_LISTS)
def test_the_round_list_takes_as_many_queries_for_thirty_rounds_as_for_three(
        url, bureau_officer, django_assert_max_num_queries):
    add_rounds(bureau_officer, SMALL)
    assert_list_flat(bureau_officer, url, lambda: add_rounds(bureau_officer, LARGE, start=SMALL),
                     django_assert_max_num_queries, 12)


@pytest.mark.parametrize("url", PILOT_LISTS)
def test_the_public_pilot_list_takes_as_many_queries_for_thirty_enterprises_as_for_three(
        url, django_assert_max_num_queries):
    PilotEnterpriseFactory.create_batch(SMALL)
    assert_list_flat(None, url, lambda: PilotEnterpriseFactory.create_batch(LARGE), django_assert_max_num_queries, 8)


@pytest.fixture
def panel(bureau_officer, bureau_head, expert):
    return {"officer": bureau_officer, "head": bureau_head, "expert": expert}


def published_round(panel, n: int):
    """A round of n applications, scored and published (公示) with one objection."""
    return _review_round(panel, [accepted_application() for _ in range(n)])


@pytest.mark.parametrize("url", PUBLICITY_LISTS)
def test_the_public_publicity_takes_as_many_queries_for_thirty_listed_enterprises_as_for_three(
        url, panel, django_assert_max_num_queries):
    published_round(panel, SMALL)
    assert_list_flat(None, url, lambda: published_round(panel, LARGE), django_assert_max_num_queries, 8)


@pytest.mark.parametrize("url", OBJECTION_LISTS)
def test_the_objections_to_a_round_take_as_many_queries_for_thirty_as_for_three(
        url, panel, django_assert_max_num_queries):
    review_round, entries, publicity, _objection = published_round(panel, SMALL)

    def lodge(n):
        for k in range(n):
            services.lodge_objection(publicity, content=f"异议{k}", contact_name="钱先生", contact_phone="13900000000",
                                     entry=entries[k % len(entries)], today=PUBLISHED_ON)

    lodge(SMALL - 1)
    assert_list_flat(panel["officer"], url.format(round=review_round.pk), lambda: lodge(LARGE),
                     django_assert_max_num_queries, 12)
