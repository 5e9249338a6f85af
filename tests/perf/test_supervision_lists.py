"""Complaints, for the bureau and for the enterprise they are sent to: a constant number of queries
(issue 10 point 4). The public pilot list is guarded with review's (test_review_lists.py)."""

import pytest

from tests.perf.helpers import LARGE, SMALL, add_complaints, assert_list_flat

pytestmark = pytest.mark.django_db

LISTS = ["/supervision/complaints/", "/supervision/complaints/?status=assigned&severity=minor&q=LFV",
         "/api/v1/complaints/"]


@pytest.mark.parametrize("viewer", ["bureau_officer", "pilot_user"])
@pytest.mark.parametrize("url", LISTS)
def test_thirty_complaints_take_as_many_queries_as_three(
        url, viewer, request, bureau_officer, pilot_user, django_assert_max_num_queries):
    add_complaints(pilot_user, bureau_officer, SMALL)
    assert_list_flat(request.getfixturevalue(viewer), url,
                     lambda: add_complaints(pilot_user, bureau_officer, LARGE, start=100),
                     django_assert_max_num_queries, 12)
