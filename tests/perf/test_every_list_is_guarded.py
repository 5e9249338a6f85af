"""Issue 10 point 4: every list page and every API list has a query-count guard in tests/perf.

The lists are enumerated the way the access matrix enumerates endpoints (tests/security/access.py):
API lists are the schema's paginated operations (a `page` query parameter); list pages are the
parameterless GET pages whose response renders a page of rows (a `Page` in the template context),
requested as the first role the matrix lets in. A guard is a URL in a `*LISTS` constant of a
tests/perf/test_*_lists.py module (ids as "{placeholders}"); a new list without one fails here.
"""

import importlib
import pkgutil
import re

import pytest
from django.core.paginator import Page
from django.urls import resolve

import tests.perf
from tests.security import access
from tests.security.conftest import _quiet_refusals, world  # noqa: F401 - the access matrix's world
from tests.security.matrix import MATRIX

# Lists that show every row of a small, bounded set without pages: guarded like the others.
UNPAGED_PUBLIC_LISTS = {"supervision:pilot-enterprises", "review:public-publicity"}


def guarded_lists() -> set[str]:
    """View names of the URLs listed in the `*LISTS` constants of the guard modules."""
    names = set()
    for info in pkgutil.iter_modules(tests.perf.__path__):
        if not info.name.endswith("_lists"):
            continue
        module = importlib.import_module(f"tests.perf.{info.name}")
        for attr, urls in vars(module).items():
            if attr.endswith("LISTS"):
                # a placeholder ("{round}") stands for the object the test makes: any id resolves the same
                names |= {resolve(re.sub(r"\{\w+\}", "1", url.split("?", 1)[0])).view_name for url in urls}
    return names


def api_lists() -> set[str]:
    return {
        name for name, method, operation in access.schema_operation_items()
        if method == "GET" and any(p["name"] == "page" and p["in"] == "query" for p in operation.get("parameters", []))
    }


def _renders_a_page(response) -> bool:
    contexts = response.context or []
    return any(isinstance(value, Page) for context in contexts for value in context.flatten().values())


def list_pages(built) -> set[str]:
    pages = set()
    for row in access.parse_matrix(MATRIX).values():
        if row.is_api or row.method != "GET" or row.obj != "-" or row.name.startswith("admin"):
            continue
        column = next((c for c, cell in row.cells.items() if cell == "200"), None)
        if column is None:
            continue
        response = built.clients[(column, False)].get(access.url_for(built, row, column))
        if response.status_code == 200 and _renders_a_page(response):
            pages.add(row.name)
    return pages


def test_the_enumeration_finds_the_lists_it_should():
    """The detection itself: the vehicle API list is paginated, a detail operation is not."""
    found = api_lists()
    assert {"api-vehicles", "api-licences", "api-complaints", "api-public-pilots"} <= found
    assert "api-vehicle" not in found and "api-vehicle-events" not in found


@pytest.mark.django_db
def test_every_list_page_and_api_list_has_a_query_count_guard(world):  # noqa: F811 - the fixture imported above
    pages = list_pages(world)
    assert {"traceability:vehicle-list", "inbox", "review:pilots"} <= pages  # the detection works
    lists = pages | api_lists() | UNPAGED_PUBLIC_LISTS
    missing = sorted(lists - guarded_lists())
    assert missing == [], f"lists without a guard in tests/perf/test_<app>_lists.py: {missing}"
