"""Who sees which application: own organisation, the bureau all, experts by grant, the auditor none."""

import pytest
from django.urls import reverse

from applications import selectors
from applications.models import Application
from portal.roles import Role
from tests.factories import make_user

from .helpers import draft_for, submitted_for


@pytest.fixture
def foreign_application(other_enterprise_user):
    return submitted_for(other_enterprise_user)


@pytest.mark.parametrize("suffix", ["", "eligibility/", "receipt/", "timeline/", "attachments/"])
def test_another_organisations_application_is_a_404_in_the_api(api, enterprise_user, foreign_application, suffix):
    response = api(enterprise_user).get(f"/api/v1/applications/{foreign_application.pk}/{suffix}")
    assert response.status_code == 404


def test_patch_and_submit_of_another_organisations_application_are_404s(api, enterprise_user, foreign_application):
    client = api(enterprise_user)
    assert client.patch(f"/api/v1/applications/{foreign_application.pk}/", {"business_model": "x"},
                        format="json").status_code == 404
    assert client.post(f"/api/v1/applications/{foreign_application.pk}/submit/").status_code == 404


def test_another_organisations_application_is_a_404_in_the_pages(client, enterprise_user, foreign_application):
    client.force_login(enterprise_user)
    assert client.get(reverse("applications:detail", args=[foreign_application.pk])).status_code == 404
    assert client.get(reverse("applications:receipt", args=[foreign_application.pk])).status_code == 404


def test_the_bureau_sees_all_and_police_and_the_auditor_none(bureau_officer, auditor, police_officer,
                                                             foreign_application, enterprise_user):
    mine = draft_for(enterprise_user)
    assert set(selectors.applications_visible_to(bureau_officer)) == {mine, foreign_application}
    assert list(selectors.applications_visible_to(auditor)) == []  # api.md v1.1: the audit log only
    assert list(selectors.applications_visible_to(police_officer)) == []
    assert list(selectors.applications_visible_to(enterprise_user)) == [mine]


def test_an_expert_sees_only_what_a_registered_function_grants(expert, foreign_application, enterprise_user,
                                                               monkeypatch):
    draft_for(enterprise_user)
    monkeypatch.setattr(selectors, "_EXPERT_VISIBILITY", [])
    assert list(selectors.applications_visible_to(expert)) == []

    selectors.register_expert_visibility(lambda user: Application.objects.filter(pk=foreign_application.pk)
                                         .values("pk"))
    assert list(selectors.applications_visible_to(expert)) == [foreign_application]


def test_the_detail_read_is_recorded_in_the_audit_log(api, bureau_officer, foreign_application):
    from auditlog.models import LogEntry

    api(bureau_officer).get(f"/api/v1/applications/{foreign_application.pk}/")

    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(foreign_application.pk),
                                   actor=bureau_officer).exists()


def test_the_api_list_takes_a_bounded_number_of_queries(api, bureau_officer, django_assert_max_num_queries):
    for _ in range(8):
        submitted_for(make_user(Role.ENTERPRISE_USER))
    client = api(bureau_officer)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/applications/?status=submitted")
    assert response.json()["count"] == 8


def test_the_intake_queue_page_takes_a_bounded_number_of_queries(client, bureau_officer,
                                                                  django_assert_max_num_queries):
    for _ in range(8):
        submitted_for(make_user(Role.ENTERPRISE_USER))
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("applications:list"), {"status": "submitted", "q": "太原"})
    assert response.status_code == 200
    assert response.content.decode().count("TY-ESC-") == 8
