"""Vehicle and licence lists, pages and API: a constant number of queries (issue 10 point 4)."""

from datetime import UTC, datetime

import pytest

from tests.perf.helpers import LARGE, SMALL, add_licences, add_vehicles, assert_flat, client_for
from traceability.models import Vehicle

pytestmark = pytest.mark.django_db

VEHICLE_LISTS = [
    "/vehicles/", "/vehicles/?q=LFV2A21K", "/vehicles/?vehicle_type=noncommercial_passenger_small&stage=in_file",
    "/vehicles/?page=2", "/api/v1/vehicles/", "/api/v1/vehicles/?q=LFV2A21K",
    "/api/v1/vehicles/?stage=in_file", "/api/v1/vehicles/?page=2&page_size=10",
]
LICENCE_LISTS = ["/vehicles/licences/", "/vehicles/licences/?status=issued", "/api/v1/licences/",
                 "/api/v1/licences/?q=TYCKP"]


@pytest.mark.parametrize("url", VEHICLE_LISTS)
def test_a_vehicle_list_takes_as_many_queries_for_thirty_vehicles_as_for_three(
        url, enterprise_user, django_assert_max_num_queries):
    org = enterprise_user.organisation
    add_vehicles(org, enterprise_user, SMALL + 25)  # two pages: the count is read at both sizes
    assert_flat(client_for(enterprise_user, url), url,
                lambda: add_vehicles(org, enterprise_user, LARGE * 10, start=1000), django_assert_max_num_queries, 12)


@pytest.mark.parametrize("url", VEHICLE_LISTS)
def test_the_bureau_sees_every_vehicle_in_a_constant_number_of_queries(
        url, bureau_officer, enterprise_user, other_enterprise_user, django_assert_max_num_queries):
    add_vehicles(enterprise_user.organisation, enterprise_user, SMALL + 25)  # two pages: the count is read at both sizes
    add_vehicles(other_enterprise_user.organisation, other_enterprise_user, SMALL, start=500)
    assert_flat(client_for(bureau_officer, url), url,
                lambda: add_vehicles(other_enterprise_user.organisation, other_enterprise_user, LARGE * 10, start=1000),
                django_assert_max_num_queries, 12)


@pytest.mark.parametrize("url", LICENCE_LISTS)
def test_a_licence_list_takes_as_many_queries_for_thirty_licences_as_for_three(
        url, enterprise_user, django_assert_max_num_queries):
    org = enterprise_user.organisation
    add_licences(org, enterprise_user, SMALL)
    assert_flat(client_for(enterprise_user, url), url,
                lambda: add_licences(org, enterprise_user, LARGE, start=100), django_assert_max_num_queries, 12)


@pytest.mark.parametrize("base", ["/vehicles/?stage=in_file", "/api/v1/vehicles/?stage=in_file"])
def test_a_page_reached_by_cursor_takes_as_many_queries_for_thirty_vehicles_as_for_three(
        base, enterprise_user, django_assert_max_num_queries):
    """The `next` link of the first page (keyset pagination, issue 10 point 3) costs the same at any size."""
    org = enterprise_user.organisation
    add_vehicles(org, enterprise_user, 25 + SMALL)
    client = client_for(enterprise_user, base)
    first = client.get(base)
    page = first.json() if base.startswith("/api/") else first.context["page"]
    cursor = page["next"].split("cursor=")[1].split("&")[0] if isinstance(page, dict) else page.next_cursor
    url = f"{base}&cursor={cursor}"

    def add_older_vehicles():  # registered before the cursor's row: they fill the page after it
        older = add_vehicles(org, enterprise_user, LARGE, start=1000)
        Vehicle.objects.filter(pk__in=[v.pk for v in older]).update(created_at=datetime(2020, 1, 1, tzinfo=UTC))

    assert_flat(client, url, add_older_vehicles, django_assert_max_num_queries, 12)
    response = client.get(url)
    shown = response.context["page"] if base.startswith("/vehicles/") else response.json()["results"]
    assert len(shown) == 25  # the page after the cursor is full: the growth was measured


TREE_HEAD_LISTS = ["/api/v1/public/tree-heads/", "/api/v1/public/tree-heads/?page=2&page_size=5"]


@pytest.mark.parametrize("url", TREE_HEAD_LISTS)
def test_the_published_tree_heads_take_as_many_queries_for_thirty_heads_as_for_three(
        url, django_assert_max_num_queries):
    """Issue 21: the public list of signed tree heads, read by anyone, stays flat as heads accumulate."""
    from traceability.eventlog import publish_tree_head

    for _ in range(SMALL + 5):
        publish_tree_head()
    assert_flat(client_for(None, url), url, lambda: [publish_tree_head() for _ in range(LARGE * 3)],
                django_assert_max_num_queries, 6)
