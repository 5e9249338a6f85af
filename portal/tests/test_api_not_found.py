"""api.md "Conventions": a 404 under /api/ is JSON, also for a URL that no route matches; pages stay HTML."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/no-such-thing/", "/api/v1/applications/-25789/"])
def test_an_api_path_no_route_matches_is_a_json_404(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_a_page_no_route_matches_is_an_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
