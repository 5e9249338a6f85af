"""Issue 3: every change is in the audit log (who, when, before/after), readable by auditor and bureau only."""

import pytest
from auditlog.models import LogEntry

from portal.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_change_through_a_request_records_its_actor_and_before_after(client, bureau_officer):
    org = bureau_officer.organisation
    client.force_login(bureau_officer)
    from auditlog.context import set_actor

    with set_actor(bureau_officer):
        org.address = "太原市迎泽区新地址"
        org.save()
    entry = LogEntry.objects.get_for_object(org).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == bureau_officer
    assert entry.changes_dict["address"] == ["", "太原市迎泽区新地址"]


@pytest.mark.parametrize("role_fixture", ["auditor", "bureau_officer", "bureau_head"])
def test_the_auditor_and_bureau_can_read_the_audit_log(client, request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    Organisation.objects.create(name="审计可见机构", kind="police")
    client.force_login(user)
    response = client.get("/audit/")
    assert response.status_code == 200
    assert "审计可见机构" in response.content.decode()


@pytest.mark.parametrize("role_fixture", ["enterprise_user", "police_officer", "customs_officer", "inspector", "expert"])
def test_other_roles_may_not_read_the_audit_log(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get("/audit/").status_code == 403


def test_anonymous_users_are_sent_to_login(client):
    response = client.get("/audit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
