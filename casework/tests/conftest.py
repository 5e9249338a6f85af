import pytest

from casework.signing import make_demo_credentials
from tests.factories import PilotEnterpriseFactory


@pytest.fixture
def pilot(db):
    return PilotEnterpriseFactory(name="太原示范汽车出口有限公司")


@pytest.fixture(scope="session")
def _signing_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letter-signing")
    make_demo_credentials(folder / "key.pem", folder / "cert.pem", authority="太原市商务局")
    return folder / "key.pem", folder / "cert.pem"


@pytest.fixture(autouse=True)
def signing_key(settings, _signing_files):
    """Letters are signed with a test key and certificate, as production names them in settings."""
    settings.LETTER_SIGNING_KEY, settings.LETTER_SIGNING_CERT = (str(p) for p in _signing_files)
    return _signing_files
