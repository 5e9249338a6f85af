"""Submission (办法第三、四条): refused with reasons (409) or frozen with a reference number."""

import re

from django.urls import reverse

from applications.models import ApplicationStatus

from .helpers import api_answers, draft_for


def _create(api, user, **overrides):
    response = api(user).post("/api/v1/applications/", api_answers(**overrides), format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_an_eligible_draft_is_submitted_and_gets_a_reference_number(api, enterprise_user):
    created = _create(api, enterprise_user)
    assert created["status"] == "draft" and created["reference_number"] is None
    assert created["company_name"] == enterprise_user.organisation.name  # pre-filled

    response = api(enterprise_user).post(f"/api/v1/applications/{created['id']}/submit/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == ApplicationStatus.SUBMITTED
    assert re.fullmatch(r"TY-ESC-\d{4}-0001", body["reference_number"])


def test_registered_capital_below_30_million_is_a_409_naming_article_3_2(api, enterprise_user):
    created = _create(api, enterprise_user, registered_capital="29999999.99")

    response = api(enterprise_user).post(f"/api/v1/applications/{created['id']}/submit/")

    assert response.status_code == 409
    reasons = response.json()["reasons"]
    assert [r["code"] for r in reasons] == ["registered_capital"]
    assert reasons[0]["article"] == "办法第三条第2项"
    assert "3000 万元" in reasons[0]["message"]
    assert api(enterprise_user).get(f"/api/v1/applications/{created['id']}/").json()["status"] == "draft"


def test_a_district_outside_taiyuan_is_a_409_naming_article_3_1(api, enterprise_user):
    created = _create(api, enterprise_user, registered_district="140202")

    response = api(enterprise_user).post(f"/api/v1/applications/{created['id']}/submit/")

    assert response.status_code == 409
    assert {r["code"] for r in response.json()["reasons"]} == {"registered_in_taiyuan"}


def test_a_business_plan_without_three_years_of_targets_is_a_409_naming_article_4(api, enterprise_user):
    created = _create(api, enterprise_user, export_targets=[{"year": 2027, "vehicles": 10, "value": "100"}],
                      investment_plan="")

    response = api(enterprise_user).post(f"/api/v1/applications/{created['id']}/submit/")

    assert response.status_code == 409
    reasons = {r["code"]: r["article"] for r in response.json()["reasons"]}
    assert reasons == {"export_targets": "办法第四条", "investment_plan": "办法第四条"}


def test_eligibility_endpoint_answers_eligible_and_the_checks(api, enterprise_user):
    created = _create(api, enterprise_user, fiscal_arrears=True)

    body = api(enterprise_user).get(f"/api/v1/applications/{created['id']}/eligibility/").json()

    assert body["eligible"] is False
    by_code = {c["code"]: c for c in body["checks"]}
    assert by_code["no_fiscal_arrears"]["passed"] is False
    assert by_code["registered_capital"]["passed"] is True
    assert by_code["foreign_trade_experience"]["passed"] is None
    assert set(by_code["registered_capital"]) >= {"code", "article", "passed", "message"}


def test_the_submit_page_shows_the_failing_rule_instead_of_submitting(client, enterprise_user):
    application = draft_for(enterprise_user, credit_record_clean=False)
    client.force_login(enterprise_user)

    response = client.post(reverse("applications:submit", args=[application.pk]), {"credit_commitment": "on"},
                           follow=True)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert "会计、纳税和银行信用等方面无不良记录" in response.content.decode()
    assert "credit_clean" not in response.content.decode()  # the rule in words, never its code (issue 20)


def test_a_bad_value_is_a_400_naming_the_field_and_the_rule(api, enterprise_user):
    response = api(enterprise_user).post(
        "/api/v1/applications/", {"uscc": "91350100M000100Y44", "export_targets": [{"year": 2027}]}, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert "GB 32100-2015" in body["uscc"][0] and "办法第三条第1项" in body["uscc"][0]  # the field and the rule
    assert "办法第四条" in body["export_targets"][0]
