import pytest

from tests.factories import PilotEnterpriseFactory


@pytest.fixture
def pilot(db):
    return PilotEnterpriseFactory(name="太原示范汽车出口有限公司")


@pytest.fixture(autouse=True)
def _letters_signed(signing_key):
    """Letters are signed with a test key and certificate (tests/fixtures.py)."""


@pytest.fixture
def issued(pilot_user, bureau_officer, bureau_head):
    """A licence requested today, prepared by the officer and issued by the head."""
    from django.utils import timezone

    from traceability.services import issue_licence

    from .helpers import requested_licence

    today = timezone.localdate()
    licence = requested_licence(pilot_user, today=today)
    issue_licence(licence, actor=bureau_officer, today=today)
    return issue_licence(licence, actor=bureau_head, today=today)
