"""Keyset (cursor) pages of the vehicle lists, page and API (issue 10 point 3): following `next`
visits every vehicle exactly once, newest first, even while vehicles are being registered; `page`
keeps working as api.md says."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.fixtures import api_client_for
from tests.perf.helpers import add_vehicles
from traceability.models import Vehicle
from traceability.pagination import AFTER, encode_cursor

pytestmark = pytest.mark.django_db


def newest_first(org) -> list[str]:
    return list(Vehicle.objects.filter(enterprise=org).order_by("-created_at", "-id").values_list("vin", flat=True))


def follow_api(client, url: str, link: str, *, between=lambda step: None) -> tuple[list[str], list[dict]]:
    vins, bodies = [], []
    while url:
        body = client.get(url).json()
        bodies.append(body)
        vins += [row["vin"] for row in body["results"]]
        between(len(bodies))
        url = body[link]
    return vins, bodies


def test_following_next_covers_every_vehicle_once_in_order_while_vehicles_are_registered(enterprise_user):
    org = enterprise_user.organisation
    add_vehicles(org, enterprise_user, 35)
    before = newest_first(org)
    client = api_client_for(enterprise_user)

    def register_more(step):  # new vehicles are the newest: they come before the first page, never inside
        add_vehicles(org, enterprise_user, 3, start=1000 + 10 * step)

    vins, bodies = follow_api(client, "/api/v1/vehicles/?page_size=10", "next", between=register_more)
    assert vins == before
    assert len(bodies) == 4 and all("cursor=" in b["next"] and "page=" not in b["next"] for b in bodies[:-1])
    assert bodies[0]["previous"] is None and bodies[0]["count"] == 35
    assert set(bodies[0]) == {"count", "next", "previous", "results"}  # api.md's envelope


def test_following_previous_from_the_last_page_covers_every_vehicle_once(enterprise_user):
    org = enterprise_user.organisation
    add_vehicles(org, enterprise_user, 23)
    expected = newest_first(org)
    client = api_client_for(enterprise_user)
    last = client.get("/api/v1/vehicles/?page=3&page_size=10").json()
    assert [r["vin"] for r in last["results"]] == expected[20:] and last["next"] is None
    vins, bodies = follow_api(client, last["previous"], "previous")
    assert [len(b["results"]) for b in bodies] == [10, 10]
    assert vins == expected[10:20] + expected[:10]  # pages come back one by one, each in the list's order


def test_a_numbered_page_still_works_and_links_to_its_neighbours_by_cursor(enterprise_user):
    org = enterprise_user.organisation
    add_vehicles(org, enterprise_user, 30)
    expected = newest_first(org)
    client = api_client_for(enterprise_user)
    page2 = client.get("/api/v1/vehicles/?page=2&page_size=10&stage=in_file").json()
    assert [r["vin"] for r in page2["results"]] == expected[10:20]
    assert "stage=in_file" in page2["next"] and "page_size=10" in page2["next"]
    following = client.get(page2["next"]).json()
    preceding = client.get(page2["previous"]).json()
    assert [r["vin"] for r in following["results"]] == expected[20:30]
    assert [r["vin"] for r in preceding["results"]] == expected[:10]


def test_a_cursor_the_portal_did_not_make_is_a_404_in_the_api_and_the_first_page_on_the_page(enterprise_user):
    add_vehicles(enterprise_user.organisation, enterprise_user, 3)
    assert api_client_for(enterprise_user).get("/api/v1/vehicles/?cursor=not-a-cursor").status_code == 404
    client = Client()
    client.force_login(enterprise_user)
    response = client.get("/vehicles/?cursor=not-a-cursor")
    assert response.status_code == 200 and response.context["page"].number == 1


def test_a_cursor_shows_only_what_the_user_may_see(enterprise_user, other_enterprise_user):
    """A cursor is a position, not a permission: another enterprise's vehicles stay out (一车一档 visibility)."""
    mine = add_vehicles(enterprise_user.organisation, enterprise_user, 3)
    add_vehicles(other_enterprise_user.organisation, other_enterprise_user, 3, start=500)
    theirs_newest = Vehicle.objects.filter(enterprise=other_enterprise_user.organisation).latest("created_at", "id")
    body = api_client_for(enterprise_user).get(f"/api/v1/vehicles/?cursor={encode_cursor(theirs_newest, AFTER)}").json()
    assert {r["vin"] for r in body["results"]} <= {v.vin for v in mine}


def test_the_list_page_walks_its_next_links_through_every_vehicle_once(enterprise_user):
    org = enterprise_user.organisation
    add_vehicles(org, enterprise_user, 60)
    expected = newest_first(org)
    client = Client()
    client.force_login(enterprise_user)
    url, seen = "/vehicles/?stage=in_file", []
    while url:
        response = client.get(url)
        seen += [v.vin for v in response.context["page"]]
        html = response.content.decode()
        nxt = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = "/vehicles/" + unescape(nxt.group(1)) if nxt else None
        if url:
            assert "stage=in_file" in url and "cursor=" in url
    assert seen == expected
    last = client.get("/vehicles/?page=3")
    assert '<a rel="prev" href="?cursor=' in last.content.decode() and "第 3 / 3 页" in last.content.decode()


def test_a_list_that_fits_on_its_first_page_is_counted_without_a_count_query(enterprise_user):
    vehicles = add_vehicles(enterprise_user.organisation, enterprise_user, 30)
    client = api_client_for(enterprise_user)
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(f"/api/v1/vehicles/?q={vehicles[0].vin}").json()
    assert body["count"] == 1 and [r["vin"] for r in body["results"]] == [vehicles[0].vin]
    assert not any("COUNT(" in q["sql"] for q in ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/v1/vehicles/").json()["count"] == 30  # 30 do not fit: counted
    assert any("COUNT(" in q["sql"] for q in ctx.captured_queries)


def test_numbered_pages_past_the_middle_read_from_the_other_end_and_show_the_same_rows(enterprise_user):
    """A deep `page=N` (api.md) walks the ordering index from its nearer end: every page, the partial
    last one included, holds exactly the rows of the list's order at its offset."""
    org = enterprise_user.organisation
    add_vehicles(org, enterprise_user, 58)
    expected = newest_first(org)
    client = api_client_for(enterprise_user)
    pages = [[r["vin"] for r in client.get(f"/api/v1/vehicles/?page={n}&page_size=10").json()["results"]]
             for n in range(1, 7)]
    assert pages == [expected[k:k + 10] for k in range(0, 60, 10)]
    with CaptureQueriesContext(connection) as ctx:
        client.get("/api/v1/vehicles/?page=5&page_size=10")
    assert any('ORDER BY "traceability_vehicle"."created_at" ASC' in q["sql"] for q in ctx.captured_queries)
