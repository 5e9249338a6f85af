"""Issue 24 (办法第一条 "如有调整，将另文明确"): a text that states a threshold or period reads it from the version
in force, never from a copy of the number: the 办事指南, the public home, the application form and the
designation letter follow a published change."""

import pytest
from django.utils import timezone

from portal import policy
from tests.policy import publish_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def raised(bureau_officer, bureau_head):
    """From today: capital 5000 万元, targets for 4 years, first export within 8 months (办法第三、四、八条)."""
    today = timezone.localdate()
    return publish_version(bureau_officer, bureau_head, today=today, effective_from=today,
                           registered_capital_min="50000000", plan_target_years=4, first_export_months=8)


def test_the_wording_states_money_in_wan_yuan_as_the_measures_write_it_办法第三条第2项():
    values = policy.wording(policy.first_version_values())
    assert values["registered_capital_min"] == "3000"
    assert values["plan_target_years"] == "3" and values["first_export_months"] == "6"


def test_the_guide_and_the_public_home_state_the_capital_of_the_version_in_force_办法第三条第2项(client, raised):
    guide = client.get("/guide/pilot_application/").content.decode()
    assert "注册资本不低于 5000 万元" in guide and "3000 万元" not in guide
    home = client.get("/").content.decode()
    assert "注册资本不低于5000万元" in home and "3000万元" not in home


def test_the_application_form_asks_for_the_years_of_targets_in_force_办法第四条(client, raised, enterprise_user):
    from applications import services

    application = services.create_application(actor=enterprise_user)
    client.force_login(enterprise_user)
    page = client.get(f"/applications/{application.pk}/edit/plan/").content.decode()
    assert "至少前 4 年" in page
