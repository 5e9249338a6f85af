"""Work queues: each case waits in the queue of the organisation and role that must act next."""

import io
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from casework import services
from casework.models import CaseKind
from casework.queue import work_queue
from compliance.tests.factories import issued_licence
from portal.errors import RuleRefused
from portal.models import ActivityLog
from portal.roles import Role
from tests.factories import make_user
from traceability.models import Licence, LicenceStatus

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture
def requested(pilot):
    """Three licence requests waiting for an officer to prepare them (实施方案三(二))."""
    out = []
    for _ in range(3):
        licence = issued_licence(pilot, date(2026, 3, 1), date(2026, 6, 30))
        Licence.objects.filter(pk=licence.pk).update(status=LicenceStatus.REQUESTED, number=None)
        out.append(licence)
    return out


def test_licence_requests_wait_for_the_officer_and_not_for_the_head_or_the_police(requested, bureau_officer,
                                                                                   bureau_head, police_officer):
    keys = {i.key for i in work_queue(bureau_officer, today=TODAY)}
    assert {f"licence:{lic.pk}" for lic in requested} <= keys
    assert not any(k.startswith("licence:") for k in {i.key for i in work_queue(bureau_head, today=TODAY)})
    assert not any(k.startswith("licence:") for k in {i.key for i in work_queue(police_officer, today=TODAY)})


def test_a_bulk_reassignment_writes_one_audit_entry_per_case(requested, bureau_officer, bureau_head):
    colleague = make_user(Role.BUREAU_OFFICER, organisation=bureau_officer.organisation)
    keys = [f"licence:{lic.pk}" for lic in requested]
    services.assign_cases(keys, None, actor=bureau_officer, today=TODAY)  # take ownership
    services.assign_cases(keys, colleague, actor=bureau_officer, today=TODAY)  # reassign all
    licence_type = ContentType.objects.get_for_model(Licence)
    for lic in requested:
        entries = ActivityLog.objects.filter(content_type=licence_type, object_id=str(lic.pk), action="casework.assigned")
        assert [e.data["to"] for e in entries.order_by("id")] == [bureau_officer.username, colleague.username]
    mine = work_queue(colleague, today=TODAY)
    from casework.queue import QueueFilter

    assert {i.key for i in work_queue(colleague, QueueFilter(assigned="me"), today=TODAY)} == set(keys)
    assert all(i.assignee for i in mine if i.kind == CaseKind.LICENCE)


def test_a_case_cannot_be_assigned_to_someone_of_another_organisation(requested, bureau_officer, police_officer):
    with pytest.raises(RuleRefused):
        services.assign_cases([f"licence:{requested[0].pk}"], police_officer, actor=bureau_officer, today=TODAY)


def test_the_queue_page_is_bounded_in_queries_and_exports_the_search(client, requested, bureau_officer,
                                                                     django_assert_max_num_queries):
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(30):
        response = client.get("/casework/?kind=licence")
    assert response.status_code == 200
    assert "工作队列" in response.content.decode()
    export = client.get("/casework/export.xlsx?kind=licence")
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert len(rows) == 1 + len(requested)


def test_bulk_assignment_through_the_page_and_a_saved_search(client, requested, bureau_officer):
    client.force_login(bureau_officer)
    keys = [f"licence:{lic.pk}" for lic in requested]
    client.post("/casework/assign/", {"cases": keys, "assignee": ""})
    assert ActivityLog.objects.filter(action="casework.assigned").count() == 3
    client.post("/casework/searches/", {"name": "我的许可证", "query": "kind=licence&assigned=me"})
    page = client.get("/casework/").content.decode()
    assert "我的许可证" in page


def test_taking_a_case_from_the_page_assigns_it_to_me_whoever_the_colleague_list_shows(
        client, requested, bureau_officer, bureau_head):
    """The queue form holds both "由我承办" and the colleague list: taking wins over the listed colleague."""
    client.force_login(bureau_officer)
    key = f"licence:{requested[0].pk}"
    client.post("/casework/assign/", {"cases": [key], "take": "1", "assignee": str(bureau_head.pk)})
    assert [i.assignee_id for i in work_queue(bureau_officer, today=TODAY) if i.key == key] == [bureau_officer.pk]
    client.post("/casework/assign/", {"cases": [key], "assignee": str(bureau_head.pk)})
    assert [i.assignee_id for i in work_queue(bureau_officer, today=TODAY) if i.key == key] == [bureau_head.pk]


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.EXPERT])
def test_a_role_without_a_work_queue_may_not_assign_and_gets_403_before_its_form_is_read(
        client, requested, bureau_officer, role):
    """The auditor changes nothing and an expert scores in review rounds: neither takes nor assigns cases,
    whatever the form names (403, as api.md says for a role that may not do this)."""
    user = make_user(role, organisation=bureau_officer.organisation)
    key = f"licence:{requested[0].pk}"
    client.force_login(user)
    for data in ({}, {"cases": [key], "take": "1"}, {"cases": [key], "assignee": str(bureau_officer.pk)}):
        assert client.post("/casework/assign/", data).status_code == 403
    with pytest.raises(PermissionDenied):
        services.assign_cases([key], bureau_officer, actor=user, today=TODAY)
    assert not ActivityLog.objects.filter(action="casework.assigned").exists()


def test_a_note_visible_to_the_enterprise_appears_in_its_timeline_and_an_internal_one_does_not(
        requested, bureau_officer, client, pilot):
    licence = requested[0]
    services.add_note(CaseKind.LICENCE, licence.pk, actor=bureau_officer, today=TODAY, text="内部意见", internal=True)
    services.add_note(CaseKind.LICENCE, licence.pk, actor=bureau_officer, today=TODAY, text="请补充材料", internal=False)
    from portal.activity import timeline_for

    public = [e.reason for e in timeline_for(licence, include_internal=False)]
    assert "请补充材料" in public and "内部意见" not in public
    client.force_login(bureau_officer)
    assert "内部意见" in client.get(f"/casework/case/licence/{licence.pk}/").content.decode()


def test_police_see_cleared_vehicles_waiting_for_deregistration_and_customs_those_on_issued_licences(
        pilot, police_officer, customs_officer):
    from compliance.tests.factories import VehicleFactory, exported
    from traceability.models import LicenceVehicle

    cleared = exported(pilot, date(2026, 1, 10))
    waiting = VehicleFactory(enterprise=pilot)
    LicenceVehicle.objects.create(licence=issued_licence(pilot, date(2026, 1, 2), date(2026, 6, 30)), vehicle=waiting)
    assert {i.reference for i in work_queue(police_officer, today=TODAY)} == {cleared.vin}
    assert {i.reference for i in work_queue(customs_officer, today=TODAY)} == {waiting.vin}
