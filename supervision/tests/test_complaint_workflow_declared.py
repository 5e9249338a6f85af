"""Issue 18 (实施方案三(四)): the complaint workflow is declared once. For every state × action × role,
what the service allows equals what the declaration lists, what the page offers and what the API's
`actions` carries."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from portal.errors import RuleRefused
from supervision import services
from supervision.models import Complaint, ComplaintStatus, Severity
from supervision.workflow import COMPLAINT
from tests.fixtures import api_client_for
from tests.workflow_checks import service_allows

pytestmark = pytest.mark.django_db

TODAY = date(2026, 10, 12)
CALLS = {
    "triage": lambda c, **kw: services.triage_complaint(c, Severity.SERIOUS, **kw),
    "assign": lambda c, **kw: services.assign_complaint(c, **kw),
    "answer": lambda c, **kw: services.answer_complaint(c, "已安排维修。", **kw),
    "close": lambda c, **kw: services.close_complaint(c, "已办结。", **kw),
    "request_revocation": lambda c, **kw: services.request_revocation(
        c, "refused_aftersales_or_supervision", reason="拒不履行售后义务。", **kw),
}
PAGE_MARK = {code: f'action="/supervision/complaints/{{pk}}/{code}/"' for code in CALLS}


@pytest.fixture
def people(bureau_officer, bureau_head, pilot_staff, other_enterprise_user, police_officer, auditor, expert):
    return {"officer": bureau_officer, "head": bureau_head, "enterprise": pilot_staff,
            "other_enterprise": other_enterprise_user, "police": police_officer, "expert": expert}


def complaint_in(status, pilot) -> Complaint:
    complaint = services.lodge_complaint(enterprise=pilot.uscc, category="aftersales", description="配件迟迟不到。",
                                         contact_name="Aibek Nurlan", contact_email="aibek@example.kz", today=TODAY)
    reached = list(ComplaintStatus.values).index(status)
    dates = {"assigned_on": TODAY, "due_on": TODAY} if reached >= 2 else {}  # the dates its state implies
    if status in (ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED):
        dates["answered_on"] = TODAY
    if status == ComplaintStatus.CLOSED:
        dates["closed_on"] = TODAY
    Complaint.objects.filter(pk=complaint.pk).update(status=status, severity=Severity.SERIOUS, **dates)
    complaint.refresh_from_db()
    return complaint


def allows(code, complaint, user) -> bool:
    return service_allows(lambda: CALLS[code](complaint, actor=user, today=TODAY), bad_input_is_allowed=True)


@pytest.mark.parametrize("status", ComplaintStatus.values)
def test_service_page_api_and_declaration_agree_for_every_state_action_and_role(status, pilot, people, client):
    """实施方案三(四): each role sees exactly the actions the service lets it take in each state."""
    complaint = complaint_in(status, pilot)
    for name, user in people.items():
        declared = set(COMPLAINT.allowed_codes(complaint, user, TODAY))
        served = {code for code in CALLS if allows(code, complaint, user)}
        assert served == declared, (status, name)
        if name in ("officer", "head", "enterprise"):
            client.force_login(user)
            page = client.get(f"/supervision/complaints/{complaint.pk}/").content.decode()
            offered = {code for code in CALLS if PAGE_MARK[code].format(pk=complaint.pk) in page}
            assert offered == declared, (status, name, "page")
            response = api_client_for(user).get(f"/api/v1/complaints/{complaint.pk}/")
            if response.status_code == 404:  # not yet sent to the enterprise: it sees no complaint, acts on none
                assert not declared, (status, name)
                continue
            assert set(response.json()["actions"]) == declared, (status, name, "api")


def test_an_action_out_of_its_state_names_the_state_and_a_wrong_role_is_a_403(pilot, people):
    complaint = complaint_in(ComplaintStatus.CLOSED, pilot)
    with pytest.raises(RuleRefused) as refused:
        services.triage_complaint(complaint, Severity.MINOR, actor=people["officer"], today=TODAY)
    assert refused.value.as_dict()["reasons"][0]["code"] == "complaint_wrong_status"
    assert "已办结" in refused.value.as_dict()["reasons"][0]["message"]
    with pytest.raises(PermissionDenied):
        services.triage_complaint(complaint_in(ComplaintStatus.RECEIVED, pilot), Severity.MINOR,
                                  actor=people["police"], today=TODAY)
