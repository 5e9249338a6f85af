"""Issue 20 point 4: a "check your answers" page with the 信用承诺书 before submission; the commitment is
recorded on the application and the service refuses a submission without it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications import services
from applications.models import ApplicationStatus

from .helpers import TODAY, draft_for

pytestmark = pytest.mark.django_db


def test_the_check_page_summarises_every_section_and_shows_the_credit_commitment(client, enterprise_user):
    application = draft_for(enterprise_user)
    client.force_login(enterprise_user)
    page = client.get(reverse("applications:check", args=[application.pk])).content.decode()
    for heading in ("企业基本情况", "资本与财务", "贸易能力与海外渠道", "海外维修及零配件体系", "优先条件",
                    "经营计划与出口目标", "申请材料"):
        assert heading in page
    assert "李建华" in page and "3,000 万元" in page and "阿拉木图展厅" in page and "集中采购整备" in page
    assert "信用承诺书" in page and "信用监管" in page and "第十二条" in page
    assert 'name="credit_commitment"' in page and "required" in page
    # the detail page leads there instead of submitting at once
    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert reverse("applications:check", args=[application.pk]) in detail
    assert f'action="{reverse("applications:submit", args=[application.pk])}"' not in detail


def test_without_the_box_ticked_nothing_is_submitted(client, enterprise_user):
    application = draft_for(enterprise_user)
    client.force_login(enterprise_user)
    response = client.post(reverse("applications:submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT and application.credit_commitment_at is None
    assert response.status_code == 400 and "请阅读并勾选信用承诺书" in response.content.decode()


def test_with_the_box_ticked_the_application_is_submitted_and_the_commitment_time_recorded(client, enterprise_user):
    application = draft_for(enterprise_user)
    client.force_login(enterprise_user)
    response = client.post(reverse("applications:submit", args=[application.pk]), {"credit_commitment": "on"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.credit_commitment_at is not None
    assert application.credit_commitment_at <= application.submitted_at


def test_the_service_refuses_a_submission_without_the_commitment_naming_the_field(enterprise_user):
    application = draft_for(enterprise_user)
    with pytest.raises(ValidationError) as refused:
        services.submit_application(application, actor=enterprise_user, today=TODAY, credit_commitment=False)
    assert "credit_commitment" in refused.value.message_dict
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_the_api_submit_keeps_its_contract_and_records_the_commitment(api, enterprise_user):
    application = draft_for(enterprise_user)
    response = api(enterprise_user).post(f"/api/v1/applications/{application.pk}/submit/")
    assert response.status_code == 200, response.content
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.credit_commitment_at is not None
    assert "credit_commitment_at" not in response.json()  # api.md unchanged


def test_capital_is_entered_in_wan_yuan_and_stored_in_yuan(client, enterprise_user):
    application = draft_for(enterprise_user)
    client.force_login(enterprise_user)
    form = client.get(reverse("applications:step", args=[application.pk, "finance"])).content.decode()
    assert "注册资本（万元）" in form and "以万元为单位" in form
    assert 'value="3,000"' in form  # 30,000,000 元 shown as 3,000 万元
    response = client.post(reverse("applications:step", args=[application.pk, "finance"]),
                           {"registered_capital": "3000.5", "paid_in_capital": "2000", "net_assets": "", "go": "stay"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.registered_capital == Decimal("30005000.00")
    assert application.paid_in_capital == Decimal("20000000.00") and application.net_assets is None
    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "3,000.5 万元" in detail and "2,000 万元" in detail


def test_the_api_keeps_capital_in_yuan(api, enterprise_user):
    application = draft_for(enterprise_user)
    body = api(enterprise_user).get(f"/api/v1/applications/{application.pk}/").json()
    assert Decimal(body["registered_capital"]) == Decimal("30000000")
