"""api.md: an organisation has at most one open application (a draft, or one not yet decided)."""

from applications import services

from .helpers import TODAY, api_answers, submitted_for


def test_a_second_application_while_one_is_open_is_a_409(api, enterprise_user):
    assert api(enterprise_user).post("/api/v1/applications/", api_answers(), format="json").status_code == 201

    response = api(enterprise_user).post("/api/v1/applications/", api_answers(), format="json")

    assert response.status_code == 409
    assert response.json()["reasons"][0]["code"] == "open_application_exists"


def test_a_new_application_is_possible_after_a_rejection(api, enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)
    services.accept_application(application, actor=bureau_officer, today=TODAY)
    services.record_decision(application, approved=False, actor=bureau_officer, today=TODAY, reason="得分不足")

    assert api(enterprise_user).post("/api/v1/applications/", api_answers(), format="json").status_code == 201


def test_only_enterprise_users_create_applications(api, bureau_officer):
    assert api(bureau_officer).post("/api/v1/applications/", api_answers(), format="json").status_code == 403
