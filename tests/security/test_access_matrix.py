"""Issue 9 point 1: every page and API endpoint against every role (pretix's permission table habit).

The endpoints are enumerated from the URL resolver and from the OpenAPI schema, so a new route or
operation fails `test_every_endpoint_has_a_row_in_the_access_matrix` until its row is written.
"""

import pytest
from django.urls import reverse

from . import access
from .matrix import MATRIX

ROWS = access.parse_matrix(MATRIX)
ADMIN = "admin:"


def _expected(cell: str) -> set[str]:
    return {"200", "503"} if cell == "up" else {cell}


def test_every_endpoint_has_a_row_in_the_access_matrix():
    named = {name for name, _route in access.url_patterns() if not name.startswith(ADMIN)}
    covered = {name for name, _method in ROWS}
    assert sorted(named - covered) == [], "URL patterns without a row in tests/security/matrix.py"
    assert sorted(access.schema_operations() - set(ROWS)) == [], "API operations without a row in the matrix"


def test_the_matrix_has_no_row_for_an_endpoint_that_no_longer_exists():
    named = {name for name, _route in access.url_patterns()}
    operations = access.schema_operations()
    in_schema = {name for name, _method in operations}
    stale = [key for key in ROWS if key[0] not in named or (key[0] in in_schema and key not in operations)]
    assert stale == []


@pytest.mark.parametrize("row", ROWS.values(), ids=[f"{m} {n}" for n, m in ROWS])
def test_each_endpoint_answers_each_role_as_the_matrix_says(world, db, row):
    differences = {}
    for column, cell in row.cells.items():
        if cell in access.NOT_REQUESTED:
            continue
        got = access.request(world, row, column)
        if got not in _expected(cell):
            differences[column] = f"expected {cell}, got {got}"
    assert differences == {}, access.url_for(world, row, "pilot")


def test_the_admin_site_lets_no_portal_role_in(world, db):
    """The Django admin is for superusers only: every admin route sends anonymous visitors and every
    role to a login (or refuses the method), and none answers 200 or fails."""
    officials = [None, world.users["officer"], world.users["head"], world.users["auditor"], world.users["pilot"]]
    routes = [(name, route) for name, route in access.url_patterns() if name.startswith(ADMIN)]
    assert len(routes) > 20
    clients = [access.client_for(user, api=False) for user in officials]
    admin_login, portal_login, admin_index = reverse("admin:login"), reverse("login"), reverse("admin:index")
    failures = []
    for name, route in routes:
        url = access.admin_url(name, route)
        for client in clients:
            response = client.get(url)
            # /admin/logout/ sends a visitor back to /admin/, which sends them to the login.
            to_login = response.status_code == 302 and (
                response["Location"].startswith((admin_login, portal_login)) or response["Location"] == admin_index
            )
            if not (to_login or response.status_code in (404, 405)):
                failures.append((url, response.status_code, response.get("Location")))
    assert failures == []
