import pytest
from django.core.management import call_command

from portal.demo import ACCOUNTS
from portal.models import Organisation, PilotStatus, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_creates_one_account_per_role(settings):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert User.objects.filter(username__endswith="_demo").count() == len(ACCOUNTS) == 11
    for username, role, *_ in ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert list(user.groups.values_list("name", flat=True)) == [role.value]


def test_the_demo_pilot_enterprise_was_designated_on_2021_03_01_and_the_inspection_body_is_cma_2021_001():
    call_command("seed_demo", verbosity=0)
    pilot = User.objects.get(username="pilot_demo").organisation
    assert pilot.pilot_status == PilotStatus.DESIGNATED
    assert str(pilot.designated_on) == "2021-03-01"
    inspector_org = User.objects.get(username="inspector_demo").organisation
    assert inspector_org.certificate_number == "CMA-2021-001"
    assert User.objects.get(username="applicant_demo").organisation.pilot_status == PilotStatus.NONE
    assert Organisation.objects.filter(kind="enterprise").count() >= 2
