from datetime import date

import pytest

from portal.roles import Role
from tests.factories import PilotEnterpriseFactory, make_user


@pytest.fixture
def pilot(db):
    """A pilot enterprise designated on 2025-03-01, with one enterprise user."""
    enterprise = PilotEnterpriseFactory(designated_on=date(2025, 3, 1))
    enterprise.user = make_user(Role.ENTERPRISE_USER, organisation=enterprise)
    return enterprise


@pytest.fixture
def head(bureau_officer):
    return make_user(Role.BUREAU_HEAD, organisation=bureau_officer.organisation)


@pytest.fixture(autouse=True)
def _letters_signed(signing_key):
    """Decisions go out as signed letters (casework): a test key and certificate (tests/fixtures.py)."""

