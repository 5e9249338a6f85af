import pytest
from django.utils import timezone

from traceability.services import apply_for_licence, issue_licence
from traceability.tests.helpers import Officials, make_ready, register


@pytest.fixture
def officials(db):
    return Officials()


@pytest.fixture
def issued(pilot_user, officials, bureau_officer, bureau_head):
    """An export licence issued by the head for one ready vehicle: (licence, vehicle)."""
    today = timezone.localdate()
    vehicle = make_ready(register(pilot_user), officials, on=today, today=today)
    licence = apply_for_licence([vehicle.vin], "KZ", actor=pilot_user, today=today)
    issue_licence(licence, actor=bureau_officer, today=today)
    return issue_licence(licence, actor=bureau_head, today=today), vehicle
