"""api.md v1.1 "Personal data" (issue 22 point 6): names, phones and e-mails in full only to the
bureau and the person's own organisation; reads of complaints and personal data audited; the
auditor reads the audit log only."""

import pytest
from auditlog.models import LogEntry
from knox.models import AuthToken

from applications import selectors as application_selectors
from applications.tests.helpers import submitted_for
from supervision.models import Complaint, ComplaintStatus
from tests.factories import PilotEnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(enterprise_user):
    return submitted_for(enterprise_user)  # 李建华, 李申请, 0351-6000200


@pytest.fixture
def complaint(db):
    pilot = PilotEnterpriseFactory()
    return Complaint.objects.create(
        number="TS2026000001", enterprise=pilot, category="aftersales", description="x", contact_name="Aibek Nurlan",
        contact_email="aibek@example.kz", contact_phone="13812345678", received_on="2026-03-02",
        status=ComplaintStatus.ASSIGNED, assigned_on="2026-03-03", due_on="2026-03-31",
    )


def test_the_bureau_and_the_own_enterprise_see_an_applications_personal_data_in_full(
    api, application, bureau_officer, enterprise_user
):
    for user in (bureau_officer, enterprise_user):
        data = api(user).get(f"/api/v1/applications/{application.pk}/").json()
        assert (data["legal_representative"], data["contact_phone"]) == ("李建华", "0351-6000200")


def test_an_expert_sees_an_applications_personal_data_masked_in_list_and_detail(api, application, expert, monkeypatch):
    monkeypatch.setattr(application_selectors, "_EXPERT_VISIBILITY",
                        [lambda user: application_selectors.Application.objects.filter(pk=application.pk).values("pk")])
    detail = api(expert).get(f"/api/v1/applications/{application.pk}/").json()
    assert (detail["legal_representative"], detail["contact_name"], detail["contact_phone"]) == \
        ("李**", "李**", "0351-***0200")
    listed = api(expert).get("/api/v1/applications/").json()["results"][0]
    assert listed["contact_phone"] == "0351-***0200"


def test_the_bureau_sees_a_complainants_contact_details_and_the_enterprise_them_masked(api, complaint, bureau_officer):
    from portal.roles import Role
    from tests.factories import make_user

    staff = make_user(Role.ENTERPRISE_USER, organisation=complaint.enterprise)
    full = api(bureau_officer).get("/api/v1/complaints/").json()["results"][0]
    assert (full["contact_phone"], full["contact_email"]) == ("13812345678", "aibek@example.kz")
    masked = api(staff).get(f"/api/v1/complaints/{complaint.pk}/").json()
    assert (masked["contact_name"], masked["contact_phone"], masked["contact_email"]) == \
        ("A**** N*****", "138****5678", "a****@example.kz")


def test_reading_complaints_in_a_list_or_in_detail_is_audited(api, complaint, bureau_officer):
    api(bureau_officer).get("/api/v1/complaints/")
    api(bureau_officer).get(f"/api/v1/complaints/{complaint.pk}/")
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(complaint.pk), actor=bureau_officer)
    assert reads.count() == 2


def test_reading_the_applications_list_is_audited(api, application, bureau_officer):
    api(bureau_officer).get("/api/v1/applications/")
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(application.pk),
                                   actor=bureau_officer).exists()


def _token_client(api, user):
    _instance, token = AuthToken.objects.create(user)
    client = api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.mark.parametrize("path", ["/api/v1/applications/", "/api/v1/applications/{pk}/",
                                  "/api/v1/applications/{pk}/receipt/", "/api/v1/applications/{pk}/timeline/",
                                  "/api/v1/clocks/", "/api/v1/vehicles/", "/api/v1/licences/", "/api/v1/complaints/"])
def test_the_auditor_gets_a_403_for_everything_in_the_api_but_its_own_account(api, auditor, application, path):
    client = _token_client(api, auditor)
    response = client.get(path.format(pk=application.pk))
    assert response.status_code == 403, (path, response.status_code)
    assert client.get("/api/v1/me/").status_code == 200


def test_the_auditor_reads_the_audit_log_page_and_no_other_page(client, auditor, application):
    client.force_login(auditor)
    assert client.get("/audit/").status_code == 200
    assert client.get(f"/applications/{application.pk}/").status_code == 403
    assert client.get("/vehicles/").status_code == 403
    assert client.get("/verify/").status_code == 200  # public, as for anyone
