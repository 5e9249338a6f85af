"""The inbox and the audit log: a constant number of queries (issue 10 point 4)."""

import pytest

from portal.services import notify
from tests.factories import EnterpriseFactory
from tests.perf.helpers import LARGE, SMALL, assert_list_flat

pytestmark = pytest.mark.django_db

INBOX_LISTS = ["/inbox/", "/inbox/?page=2"]
AUDIT_LISTS = ["/audit/", "/audit/?q=测试", "/audit/?actor=nobody"]


def add_notifications(user, n: int, *, start: int = 0) -> None:
    for k in range(start, start + n):
        notify([user], code="perf.test", title=f"通知{k}", body="正文", link="/home/", event_key=f"perf-{k}")


@pytest.mark.parametrize("url", INBOX_LISTS)
def test_the_inbox_takes_as_many_queries_for_thirty_notifications_as_for_three(
        url, pilot_user, django_assert_max_num_queries):
    add_notifications(pilot_user, SMALL + 25)
    assert_list_flat(pilot_user, url, lambda: add_notifications(pilot_user, LARGE * 2, start=1000),
                     django_assert_max_num_queries, 12)


@pytest.mark.parametrize("url", AUDIT_LISTS)
def test_the_audit_log_takes_as_many_queries_for_thirty_entries_as_for_three(
        url, auditor, django_assert_max_num_queries):
    """Each organisation created writes an audit entry (django-auditlog), with its actor and content type."""
    EnterpriseFactory.create_batch(SMALL)
    assert_list_flat(auditor, url, lambda: EnterpriseFactory.create_batch(LARGE * 2),
                     django_assert_max_num_queries, 12)
