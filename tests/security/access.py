"""Machinery of the access matrix: enumerate endpoints, fill their parameters, request them.

Endpoints come from the URL resolver (every page and API route) and from drf-spectacular's
generator (every API operation), so a new route or operation without a row in the matrix fails
the completeness test.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

COLUMNS = ("anon", "ent", "pilot", "other", "officer", "head", "expert", "police", "customs", "inspector", "auditor")
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
# Cells: an HTTP status; "login" = a redirect to the login page; "ok" = an unsafe call the role may
# make (not requested: it would need a valid body); "-" = the column does not apply (no object of
# another organisation in the URL).
NOT_REQUESTED = ("ok", "-")


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    obj: str
    cells: dict

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api-")


def parse_matrix(text: str) -> dict[tuple[str, str], Row]:
    """One row per endpoint: `url-name METHOD object cell × COLUMNS` (blank lines and # comments skipped)."""
    rows = {}
    for line in text.strip().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("endpoint"):
            continue
        name, method, obj, *cells = line.split()
        assert len(cells) == len(COLUMNS), f"{name} {method}: {len(cells)} cells for {len(COLUMNS)} columns"
        assert (name, method) not in rows, f"{name} {method} appears twice in the matrix"
        rows[(name, method)] = Row(name, method, obj, dict(zip(COLUMNS, cells, strict=True)))
    return rows


def url_patterns(resolver=None, namespace=""):
    """(qualified name, route) of every URL pattern, walking included resolvers recursively."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or str(pattern.pattern)
            yield (f"{namespace}:{name}" if namespace else name), str(pattern.pattern)


def schema_operation_items():
    """(url name, METHOD, OpenAPI operation) of every operation in the schema the portal serves."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, item in schema["paths"].items():
        concrete = re.sub(r"\{(\w+)\}", "1", path)
        match = resolve(concrete)
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield match.url_name, method.upper(), operation


def schema_operations() -> set[tuple[str, str]]:
    """(url name, METHOD) of every operation in the OpenAPI schema the portal serves."""
    return {(name, method) for name, method, _operation in schema_operation_items()}


def _parameters(world, obj: str, enterprise) -> tuple[dict, str]:
    """URL kwargs and query string for the object kind named in a row."""
    o, shared = enterprise.objects, world.shared
    if obj == "-":
        return {}, ""
    table = {
        "application": lambda: {"pk": o["application"].pk},
        "application-step": lambda: {"pk": o["application"].pk, "step": "company"},
        "application-attachment": lambda: {"pk": o["application"].pk, "attachment_id": o["application_attachment"].pk},
        "round": lambda: {"pk": shared["round"].pk},
        "publicity": lambda: {"pk": shared["publicity"].pk},
        "objection": lambda: {"pk": shared["objection"].pk},
        "entry": lambda: {"pk": o["entry"].pk},
        "vehicle": lambda: {"vin": o["vehicle"].vin},
        "vehicle-event": lambda: {"vin": o["vehicle"].vin, "seq": 1},
        "vehicle-attachment": lambda: {"vin": o["vehicle"].vin, "pk": o["vehicle_attachment"].pk},
        "vehicle-import": lambda: {"pk": o["vehicle_import"].pk},
        "licence": lambda: {"pk": o["licence"].pk},
        "licence-number": lambda: {"number": o["licence"].number},
        "obligation": lambda: {"pk": o["obligation"].pk},
        "violation": lambda: {"pk": o["violation"].pk},
        "network": lambda: {"pk": o["network"].pk},
        "network-evidence": lambda: {"kind": "network", "pk": o["network_evidence"].pk},
        "rectification": lambda: {"pk": o["rectification"].pk},
        "rectification-evidence": lambda: {"kind": "rectification", "pk": o["rectification_evidence"].pk},
        "case": lambda: {"pk": o["case"].pk},
        "incident": lambda: {"pk": o["incident"].pk},  # closed, with its closing report (实施方案三(四))
        "incident-evidence": lambda: {"pk": o["incident_evidence"].pk},
        "exit": lambda: {"pk": o["exit"].pk},
        "complaint": lambda: {"pk": o["complaint"].pk},
        "complaint-number": lambda: {"number": o["complaint"].number},
        "complaint-action": lambda: {"pk": o["complaint"].pk, "action": "answer"},
        "complaint-attachment": lambda: {"pk": o["complaint"].pk, "attachment_id": o["complaint_attachment"].pk},
        "clock": lambda: {"pk": o["clock"].pk},
        "casework-case": lambda: {"kind": "rectification", "pk": o["rectification"].pk},
        "information": lambda: {"pk": o["information"].pk},
        "note-attachment": lambda: {"pk": o["note_attachment"].pk},
        "decision": lambda: {"pk": o["decision"].pk},  # authorised, with its signed letter
        "prepared-decision": lambda: {"pk": o["prepared_decision"].pk},  # waiting for the head
        "guide": lambda: {"kind": "pilot_application"},
        "announcement": lambda: {"pk": shared["announcement"].pk},  # published to the pilot enterprises only
        "policy-version": lambda: {"pk": _first_policy_version()},  # version 1: published, never edited (issue 24)
        "policy-version-action": lambda: {"pk": _first_policy_version(), "action": "authorise"},
        "rate": lambda: {"kind": "licence", "pk": o["licence"].pk},  # issued for A, only requested for B
        "rating-token": lambda: {"token": o["rating_token"]},  # the closed complaint's rating link
        "follow-up": lambda: {"pk": o["follow_up"].pk},
        "panel-day": lambda: {"pk": shared["panel_day"].pk},  # the second round's 答辩会, minutes signed
        "panel-item": lambda: {"pk": shared["panel_item"].pk},  # its one item, scored and closed
        "inspection-plan": lambda: {"pk": shared["inspection_plan"].pk},  # drawn; police and customs on its visit
        "inspection-visit": lambda: {"pk": shared["inspection_visit"].pk},  # recorded, result published
        "meeting": lambda: {"pk": shared["meeting"].pk},  # held, minutes signed
        "meeting-task": lambda: {"pk": shared["meeting_task"].pk},  # the police's task
        "discrepancy": lambda: {"pk": o["discrepancy"].pk},  # the bureau's own finding in the world  # a public 办事指南 (portal.workflow)
    }
    size = shared["tree_head"].tree_size if "tree_head" in shared else 0
    queries = {"working-days": "start=2026-09-28&days=5", "deadline": "from=2026-12-02&days=60",
               "eligibility-as-of": "as_of=2026-06-15",
               "tree-heads": f"first={size}&second={size}"}
    if obj in queries:
        return {}, queries[obj]
    return table[obj](), ""


def _first_policy_version() -> int:
    from portal.models import PolicyVersion

    return PolicyVersion.objects.get(number=1).pk


def is_shared(obj: str) -> bool:
    """Objects that belong to no enterprise (the bureau's round, the public 公示): no "other" column."""
    return obj in ("-", "guide", "round", "publicity", "objection", "working-days", "deadline", "licence-number",
                   "complaint-number", "announcement", "policy-version", "policy-version-action",
                   "tree-heads", "panel-day", "panel-item", "inspection-plan", "inspection-visit", "meeting", "meeting-task")


def url_for(world, row: Row, column: str) -> str:
    enterprise = world.other if column == "other" else world.own
    kwargs, query = _parameters(world, row.obj, enterprise)
    url = "/" + row.name if "/" in row.name else reverse(row.name, kwargs=kwargs)  # an unnamed route
    return f"{url}?{query}" if query else url


def client_for(user, api: bool):
    if api:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def login_clients(world) -> None:
    """One page client and one API client per column, logged in once: reads share them."""
    for column in COLUMNS:
        user = None if column == "anon" else world.users[column]
        for api in (False, True):
            world.clients[(column, api)] = client_for(user, api)


def outcome(response) -> str:
    """What the matrix records for a response: its status, or "login" for a redirect to the login page."""
    if response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL)):
        return "login"
    return str(response.status_code)


def request(world, row: Row, column: str) -> str:
    """Make the row's request as the column's user, inside a savepoint rolled back afterwards, so no
    request changes what the next one sees."""
    url = url_for(world, row, column)
    user = None if column == "anon" else world.users[column]
    if row.method == "GET":
        client = world.clients[(column, row.is_api)]  # logged in once, with the world (login_clients)
    else:
        client = client_for(user, row.is_api)  # a fresh session: an unsafe call may end or change it
    with transaction.atomic():
        if row.method == "GET":
            response = client.get(url)
        else:  # an empty body: the refusal must come before any look at what was sent
            response = client.generic(row.method, url)
        transaction.set_rollback(True)
    return outcome(response)


def admin_url(name: str, route: str) -> str:
    """A concrete URL for an admin route: its parameters filled with a plausible value."""
    groups = re.findall(r"\(\?P<(\w+)>", route) + re.findall(r"<(?:\w+:)?(\w+)>", route)
    kwargs = {g: ("portal" if g == "app_label" else "1") for g in groups}
    if ":" in name and not name.endswith("/"):
        try:
            return reverse(name, kwargs=kwargs)
        except Exception:  # noqa: BLE001 - an app_label the pattern does not list: use the route itself
            pass
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: kwargs[m.group(1)], route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: kwargs[m.group(1)], path)
    return "/" + path.lstrip("^").rstrip("$").replace("\\Z", "")
