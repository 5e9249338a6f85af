"""Pilot applications, page and API: a constant number of queries (issue 10 point 4)."""

import pytest

from review.tests.factories import accepted_application
from tests.perf.helpers import LARGE, SMALL, assert_list_flat

pytestmark = pytest.mark.django_db

LISTS = ["/applications/", "/applications/?status=accepted", "/applications/?q=TY-REV", "/api/v1/applications/",
         "/api/v1/applications/?status=accepted&q=TY"]


def add_applications(n: int) -> None:
    """n accepted applications (第四条 intake done), each of its own enterprise."""
    for _ in range(n):
        accepted_application()


@pytest.mark.parametrize("url", LISTS)
def test_the_intake_queue_takes_as_many_queries_for_thirty_applications_as_for_three(
        url, bureau_officer, django_assert_max_num_queries):
    add_applications(SMALL)
    assert_list_flat(bureau_officer, url, lambda: add_applications(LARGE), django_assert_max_num_queries, 12)
