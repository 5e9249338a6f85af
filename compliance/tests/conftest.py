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


@pytest.fixture(scope="session")
def _signing_files(tmp_path_factory):
    from casework.signing import make_demo_credentials

    folder = tmp_path_factory.mktemp("letter-signing")
    make_demo_credentials(folder / "key.pem", folder / "cert.pem", authority="太原市商务局")
    return folder / "key.pem", folder / "cert.pem"


@pytest.fixture(autouse=True)
def signing_key(settings, _signing_files):
    """Decisions go out as signed letters (casework): a test key and certificate."""
    settings.LETTER_SIGNING_KEY, settings.LETTER_SIGNING_CERT = (str(p) for p in _signing_files)
    return _signing_files

