"""The browser journey: empty form → every step saved as a draft → submitted with a receipt."""

from django.urls import reverse

from applications.models import Application, ApplicationStatus


def _step(client, application, slug, data, go="next"):
    return client.post(reverse("applications:step", args=[application.pk, slug]), {**data, "go": go})


def _management(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def test_an_enterprise_goes_from_an_empty_form_to_a_submitted_application(client, enterprise_user):
    client.force_login(enterprise_user)
    assert client.get(reverse("applications:list")).status_code == 200
    response = client.post(reverse("applications:start"))
    application = Application.objects.get(organisation=enterprise_user.organisation)
    assert response["Location"] == reverse("applications:step", args=[application.pk, "company"])
    assert client.get(response["Location"]).status_code == 200

    org = enterprise_user.organisation
    _step(client, application, "company", {
        "company_name": org.name, "uscc": org.uscc, "registered_district": "140105", "address": "小店区 1 号",
        "legal_representative": "张三", "contact_name": "李四", "contact_phone": "0351-1",
        "independent_legal_person": "true", "has_import_export_rights": "true", "violations_last_2_years": "false",
        "fiscal_arrears": "false", "credit_record_clean": "true",
    })
    _step(client, application, "finance", {"registered_capital": "3000", "paid_in_capital": "2000",
                                           "net_assets": ""})
    _step(client, application, "trade", {"foreign_trade_experience": "十年", "sourcing_capacity": "强",
                                         "overseas_channels": "中亚", "destination_policy_knowledge": "熟悉"})
    _step(client, application, "aftersales", {"repair_parts_system": "合作维修站"})
    _step(client, application, "priority", {
        "logistics_park_or_china_europe_railway": "中欧班列", **_management("outlets", 1),
        "outlets-0-name": "阿拉木图展厅", "outlets-0-country": "kz", "outlets-0-city": "Almaty",
        "outlets-0-ownership": "owned",
    })
    _step(client, application, "plan", {
        "business_plan": "中亚市场", "investment_plan": "投资 3000 万元", "business_model": "集采整备",
        **_management("targets", 3),
        **{f"targets-{i}-{k}": v for i, year in enumerate((2027, 2028, 2029))
           for k, v in (("year", year), ("vehicles", 100 * (i + 1)), ("value", 100 * (i + 1)))},  # 万元
    })
    application.refresh_from_db()
    assert [t["value"] for t in application.export_targets] == ["1000000.00", "2000000.00", "3000000.00"]
    assert application.overseas_outlets[0]["country"] == "KZ"
    assert [t["year"] for t in application.export_targets] == [2027, 2028, 2029]
    assert application.status == ApplicationStatus.DRAFT

    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "办法第三条第2项" in detail and "registered_capital" not in detail  # words, not codes (issue 20)

    assert application.registered_capital == 30000000  # typed in 万元, stored in 元
    assert client.get(reverse("applications:check", args=[application.pk])).status_code == 200
    client.post(reverse("applications:submit", args=[application.pk]), {"credit_commitment": "on"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert client.get(reverse("applications:receipt", args=[application.pk]))["Content-Type"] == "application/pdf"
    assert client.get(reverse("applications:step", args=[application.pk, "company"])).status_code == 302


def test_an_error_names_the_field_and_the_rule_and_keeps_what_was_typed(client, enterprise_user):
    client.force_login(enterprise_user)
    client.post(reverse("applications:start"))
    application = Application.objects.get(organisation=enterprise_user.organisation)

    response = _step(client, application, "company", {
        "company_name": "太原新申请汽车贸易有限公司", "uscc": "91350100M000100Y44", "registered_district": "140105",
        "address": "迎泽区 8 号",
    })

    page = response.content.decode()
    assert response.status_code == 200
    assert "GB 32100-2015" in page and "办法第三条第1项" in page and "uscc_valid" not in page  # words (issue 20)
    assert "太原新申请汽车贸易有限公司" in page and "迎泽区 8 号" in page and "91350100M000100Y44" in page
    application.refresh_from_db()
    assert application.address != "迎泽区 8 号"  # nothing saved from an invalid step


def test_duplicate_target_years_are_refused_naming_article_4(client, enterprise_user):
    client.force_login(enterprise_user)
    client.post(reverse("applications:start"))
    application = Application.objects.get(organisation=enterprise_user.organisation)

    response = _step(client, application, "plan", {
        "business_plan": "x", "investment_plan": "y", "business_model": "z", **_management("targets", 2),
        "targets-0-year": "2027", "targets-0-vehicles": "1", "targets-0-value": "1",
        "targets-1-year": "2027", "targets-1-vehicles": "2", "targets-1-value": "2",
    })

    assert response.status_code == 200
    assert "办法第四条" in response.content.decode()


def test_the_bureau_cannot_edit_an_enterprises_draft(client, enterprise_user, bureau_officer):
    client.force_login(enterprise_user)
    client.post(reverse("applications:start"))
    application = Application.objects.get(organisation=enterprise_user.organisation)
    client.force_login(bureau_officer)

    assert client.get(reverse("applications:step", args=[application.pk, "company"])).status_code == 403


def test_the_attachment_step_rejects_a_fake_pdf_next_to_the_field(client, enterprise_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(enterprise_user)
    client.post(reverse("applications:start"))
    application = Application.objects.get(organisation=enterprise_user.organisation)

    response = client.post(reverse("applications:step", args=[application.pk, "attachments"]),
                           {"kind": "other", "file": SimpleUploadedFile("a.pdf", b"not a pdf at all")})

    assert response.status_code == 200
    assert "只接受 PDF、JPEG 或 PNG 文件" in response.content.decode()
    assert not application.attachments.exists()
