import pytest

from tests.factories import PilotEnterpriseFactory


@pytest.fixture
def pilot(db):
    return PilotEnterpriseFactory(name="太原晋出海汽车贸易有限公司测试")


@pytest.fixture
def pilot_staff(pilot):
    from portal.roles import Role
    from tests.factories import make_user

    return make_user(Role.ENTERPRISE_USER, organisation=pilot, first_name="企业", last_name="员工")
