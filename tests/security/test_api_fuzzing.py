"""Issue 9 point 7: Schemathesis against the OpenAPI schema the portal serves, as every role.

Each operation of /api/schema/ is called with generated data, in-process through the WSGI app (no
server), by an anonymous client and by a user of each role with their API token. Every answer must
be free of 5xx, its status documented (portal.schema.document_error_answers adds the convention's error
answers to every operation), and its body and content type as documented. Bounded (a few examples per operation and role, no shrinking) to stay within minutes.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.roles import Role
from tests.factories import EnterpriseFactory, PilotEnterpriseFactory, make_user

ROLES = {
    "anonymous": None,
    "enterprise": lambda: make_user(Role.ENTERPRISE_USER, organisation=EnterpriseFactory()),
    "pilot": lambda: make_user(Role.ENTERPRISE_USER, organisation=PilotEnterpriseFactory()),
    "officer": lambda: make_user(Role.BUREAU_OFFICER),
    "head": lambda: make_user(Role.BUREAU_HEAD),
    "expert": lambda: make_user(Role.EXPERT),
    "police": lambda: make_user(Role.POLICE_OFFICER),
    "customs": lambda: make_user(Role.CUSTOMS_OFFICER),
    "inspector": lambda: make_user(Role.INSPECTOR),
    "auditor": lambda: make_user(Role.AUDITOR),
}
# Examples per operation and role: 65 operations × 10 roles × 10 examples stays within a few minutes.
MAX_EXAMPLES = 10
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]


def auth_headers(role: str) -> dict:
    factory = ROLES[role]
    if factory is None:
        return {}
    _instance, token = AuthToken.objects.create(factory())
    return {"Authorization": f"Token {token}"}


def fuzz(operation, headers: dict) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate], derandomize=True,
              suppress_health_check=list(HealthCheck), database=None)
    def calls(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    calls()


@pytest.fixture
def wsgi_in_test_transaction():
    """The WSGI handler closes the database connection after each request, as in production; here the
    request shares the test's connection and transaction (as Django's test client arranges)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", list(ROLES))
def test_no_operation_fails_or_breaks_its_schema_for_any_role(role, db, wsgi_in_test_transaction):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_in_test_transaction)
    headers = {**auth_headers(role), "Accept-Language": "zh-hans"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 50
    failures = []
    for operation in operations:
        try:
            fuzz(operation, headers)
        except Exception as failure:  # noqa: BLE001 - collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {failure}")
    assert failures == [], "\n\n".join(failures)
