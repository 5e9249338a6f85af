"""Issue 20 point 4: the business plan's export targets (办法第四条) are typed and read in 万元, like the capital,
shown with thousands separators, and kept exactly in 元 (Decimal, no float); api.md keeps "value" in 元."""

from decimal import Decimal

from django.urls import reverse

from .helpers import draft_for

PLAN = {"business_plan": "中亚市场", "investment_plan": "投资 3000 万元", "business_model": "集采整备"}


def _plan_post(client, application, rows, *, initial=0):
    data = {**PLAN, "go": "stay", "targets-TOTAL_FORMS": str(len(rows)), "targets-INITIAL_FORMS": str(initial),
            "targets-MIN_NUM_FORMS": "0", "targets-MAX_NUM_FORMS": "1000"}
    for i, (year, vehicles, value) in enumerate(rows):
        data.update({f"targets-{i}-year": year, f"targets-{i}-vehicles": vehicles, f"targets-{i}-value": value})
    return client.post(reverse("applications:step", args=[application.pk, "plan"]), data)


def test_the_plan_step_shows_the_stored_targets_in_wan_yuan(client, enterprise_user):
    application = draft_for(enterprise_user)  # 20,000,000 元 for 2027
    client.force_login(enterprise_user)
    form = client.get(reverse("applications:step", args=[application.pk, "plan"])).content.decode()
    assert "出口金额（万元）" in form and "以万元为单位" in form
    assert 'name="targets-0-value" value="2,000"' in form


def test_targets_typed_in_wan_yuan_are_stored_exactly_in_yuan_and_the_api_keeps_yuan(client, api, enterprise_user):
    application = draft_for(enterprise_user)
    client.force_login(enterprise_user)
    response = _plan_post(client, application, [(2027, 100, "2,000.5"), (2028, 200, "4000"), (2029, 300, "0.0001")])
    assert response.status_code == 302, response.content.decode()[:2000]
    application.refresh_from_db()
    assert application.export_targets == [{"year": 2027, "vehicles": 100, "value": "20005000.00"},
                                          {"year": 2028, "vehicles": 200, "value": "40000000.00"},
                                          {"year": 2029, "vehicles": 300, "value": "1.00"}]
    body = api(enterprise_user).get(f"/api/v1/applications/{application.pk}/").json()
    assert [Decimal(t["value"]) for t in body["export_targets"]] == [Decimal("20005000"), Decimal("40000000"),
                                                                     Decimal("1")]
    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "2,000.5 万元" in detail and "4,000 万元" in detail and "0.0001 万元" in detail


def test_an_amount_finer_than_one_fen_is_refused_naming_the_field(client, enterprise_user):
    application = draft_for(enterprise_user)
    client.force_login(enterprise_user)
    response = _plan_post(client, application, [(2027, 100, "2000.0000001"), (2028, 200, "4000"), (2029, 300, "8000")])
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["value"], "the error stands next to the amount"
    application.refresh_from_db()
    assert application.export_targets[0]["value"] == "20000000.00"


def test_saving_the_step_again_unchanged_keeps_every_target_even_a_zero_one(client, enterprise_user):
    """办法第四条 asks for the targets of at least three years: re-saving the step must not drop a row."""
    application = draft_for(enterprise_user, export_targets=[{"year": 2027, "vehicles": 0, "value": "0.00"},
                                                             {"year": 2028, "vehicles": 400, "value": "40000000.00"},
                                                             {"year": 2029, "vehicles": 800, "value": "80000000.00"}])
    client.force_login(enterprise_user)
    response = _plan_post(client, application, [(2027, 0, "0"), (2028, 400, "4000"), (2029, 800, "8,000")], initial=3)
    assert response.status_code == 302
    application.refresh_from_db()
    assert [t["value"] for t in application.export_targets] == ["0.00", "40000000.00", "80000000.00"]
