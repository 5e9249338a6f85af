import pytest

from tests.factories import PilotEnterpriseFactory


@pytest.fixture
def pilot(db):
    return PilotEnterpriseFactory(name="太原示范汽车出口有限公司")
