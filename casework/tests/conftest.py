import pytest

from tests.factories import PilotEnterpriseFactory


@pytest.fixture
def pilot(db):
    return PilotEnterpriseFactory(name="太原示范汽车出口有限公司")


@pytest.fixture(autouse=True)
def _letters_signed(signing_key):
    """Letters are signed with a test key and certificate (tests/fixtures.py)."""
