"""Pages: dashboards, lists (bounded queries), and an overdue rule taken to a published revocation."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from compliance.models import CaseStatus, RevocationCase
from compliance.services import run_compliance
from compliance.tests.factories import exported
from portal.roles import Role
from tests.factories import PilotEnterpriseFactory, make_user

LISTS = ["/compliance/", "/compliance/obligations/", "/compliance/violations/", "/compliance/networks/",
         "/compliance/rectifications/", "/compliance/cases/", "/compliance/exit/"]


@pytest.fixture
def overdue(pilot):
    other = PilotEnterpriseFactory(designated_on=date(2025, 9, 1), name="太原乙汽车贸易有限公司")
    for _ in range(3):
        exported(pilot, date(2025, 12, 31))
    run_compliance(date(2026, 3, 2))
    return other


@pytest.mark.parametrize("url", LISTS)
def test_every_list_page_renders_with_a_bounded_number_of_queries(client, bureau_officer, overdue, url,
                                                                   django_assert_max_num_queries):
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    assert 'class="breadcrumbs"' in response.content.decode()


def test_the_bureau_dashboard_sorts_by_overdue_count_and_exports_xlsx(client, bureau_officer, pilot, overdue):
    client.force_login(bureau_officer)
    page = client.get("/compliance/?sort=-overdue").content.decode()
    assert page.index(pilot.name) < page.index(overdue.name)
    page = client.get("/compliance/?sort=-name").content.decode()
    assert (page.index(overdue.name) < page.index(pilot.name)) == (overdue.name > pilot.name)
    sheet = load_workbook(BytesIO(client.get("/compliance/?format=xlsx").content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[pilot.name][4] >= 4  # 3 deregistrations, first export, networks overdue


def test_the_enterprise_dashboard_shows_its_own_obligations_with_days_left(client, pilot, overdue):
    client.force_login(pilot.user)
    response = client.get("/compliance/")
    text = response.content.decode()
    assert "我的义务" in text and 'class="countdown"' in text
    assert overdue.name not in text


def test_other_roles_are_refused_and_another_enterprises_case_is_a_404(client, pilot, overdue, bureau_officer):
    client.force_login(make_user(Role.POLICE_OFFICER))
    assert client.get("/compliance/").status_code == 403
    case = RevocationCase.objects.create(enterprise=overdue, ground="other", reason="x", opened_on=date(2026, 3, 2),
                                         answer_due_on=date(2026, 3, 9))
    client.force_login(pilot.user)
    assert client.get(f"/compliance/cases/{case.pk}/").status_code == 404


def test_the_bureau_takes_an_overdue_rule_to_a_published_revocation_in_the_browser(client, pilot, head, bureau_officer):
    """办法第十二条第2项: the sweep opens the case; the officer prepares the decision and the head authorises
    it in casework (domain-rules v1.1); the officer publishes it."""
    run_compliance(date(2026, 3, 2))  # no export for 12 months since 2025-03-01
    case = RevocationCase.objects.get(enterprise=pilot, ground="no_export_12m")
    client.force_login(pilot.user)
    response = client.post(f"/compliance/cases/{case.pk}/", {"action": "answer", "answer": ""})
    assert response.context["answer_form"].errors["answer"]
    case.answer_due_on = date(2026, 3, 1)
    case.save(update_fields=["answer_due_on"])
    client.force_login(bureau_officer)
    response = client.post(f"/casework/case/revocation/{case.pk}/decisions/", {
        "kind": "revocation", "facts": "连续12个月无出口实绩，未陈述申辩", "revoke": "yes"})
    assert response.status_code == 302
    client.force_login(head)
    response = client.post(response["Location"].rstrip("/") + "/authorise/")
    assert response.status_code == 302
    client.force_login(bureau_officer)
    client.post(f"/compliance/cases/{case.pk}/", {"action": "publish"})  # without the confirmation box
    case.refresh_from_db()
    assert case.status == CaseStatus.REVOKED and case.published_on is None
    client.post(f"/compliance/cases/{case.pk}/", {"action": "publish", "confirm": "yes"})
    case.refresh_from_db()
    assert case.published_on is not None
    client.logout()
    public = client.get("/compliance/revocations/").content.decode()
    assert pilot.name in public and "第十二条第2项" in public


def test_the_bureau_opens_a_case_from_the_form_and_errors_stay_next_to_the_fields(client, bureau_officer, pilot):
    client.force_login(bureau_officer)
    response = client.post("/compliance/cases/new/", {"enterprise": pilot.pk, "ground": "other", "reason": ""})
    assert response.status_code == 200 and 'class="error"' in response.content.decode()
    assert f'value="{pilot.pk}" selected' in response.content.decode()
    response = client.post("/compliance/cases/new/", {"enterprise": pilot.pk, "ground": "other", "reason": "不宜继续试点"})
    assert response.status_code == 302
    assert pilot.user.notifications.filter(code="compliance.case_opened").exists()


def test_the_public_revocations_page_is_linked_from_the_public_home(client, db):
    assert "/compliance/revocations/" in client.get("/").content.decode()
