"""The complaint pages: the bureau handles a complaint through the page; the enterprise answers it
and never sees the complainant."""

from datetime import date

import pytest

from supervision import services
from supervision.models import ComplaintStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(pilot):
    return services.lodge_complaint(enterprise=pilot.uscc, category="quality", description="漏油", contact_name="张三丰",
                                    contact_phone="13812345678", today=date(2026, 11, 2))


def test_the_bureau_triages_and_assigns_through_the_page(client, bureau_officer, complaint):
    client.force_login(bureau_officer)
    html = client.get(f"/supervision/complaints/{complaint.pk}/").content.decode()
    assert "张三丰" in html and "13812345678" in html and "分级" in html
    client.post(f"/supervision/complaints/{complaint.pk}/triage/", {"severity": "major"})
    response = client.post(f"/supervision/complaints/{complaint.pk}/assign/", {"working_days": "10"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ASSIGNED and complaint.due_on


def test_an_invalid_action_form_shows_the_error_next_to_the_field(client, bureau_officer, complaint):
    client.force_login(bureau_officer)
    response = client.post(f"/supervision/complaints/{complaint.pk}/triage/", {"severity": ""})
    assert response.status_code == 400
    assert 'id="id_triage_severity_error"' in response.content.decode()


def test_the_action_forms_on_one_page_have_ids_of_their_own(client, bureau_officer, complaint):
    """Several action forms on the complaint page once repeated `id_note` (axe: duplicate-id-aria)."""
    import re
    from collections import Counter

    services.triage_complaint(complaint, "serious", actor=bureau_officer, today=date(2026, 11, 2))
    client.force_login(bureau_officer)
    html = client.get(f"/supervision/complaints/{complaint.pk}/").content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert len([i for i in ids if i.startswith("id_")]) >= 2
    assert [i for i, n in ids.items() if n > 1] == []


def test_the_enterprise_answers_through_the_page_without_seeing_the_complainant(client, bureau_officer, pilot_staff,
                                                                                  complaint):
    services.triage_complaint(complaint, "minor", actor=bureau_officer, today=date(2026, 11, 2))
    services.assign_complaint(complaint, actor=bureau_officer, today=date(2026, 11, 2))
    client.force_login(pilot_staff)
    html = client.get(f"/supervision/complaints/{complaint.pk}/").content.decode()
    assert "张三丰" not in html and "13812345678" not in html and "答复投诉" in html
    client.post(f"/supervision/complaints/{complaint.pk}/answer/", {"answer": "已维修"})
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED


def test_another_enterprise_gets_a_404(client, other_enterprise_user, complaint):
    client.force_login(other_enterprise_user)
    assert client.get(f"/supervision/complaints/{complaint.pk}/").status_code == 404


def test_an_action_the_rules_refuse_is_shown_with_its_article_per_implementation_plan_3_4(client, bureau_officer,
                                                                                        complaint):
    """实施方案三(四): a complaint is assigned only once triaged."""
    client.force_login(bureau_officer)
    response = client.post(f"/supervision/complaints/{complaint.pk}/assign/", {"working_days": "10"}, follow=True)
    assert response.redirect_chain[-1][1] == 302
    assert "不能办理此操作" in response.content.decode() and "实施方案三(四)" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED
