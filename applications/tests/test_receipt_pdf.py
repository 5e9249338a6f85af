"""The PDF receipt carries the full content in Chinese (parsed back from the PDF)."""

from django.urls import reverse

from portal.pdf import pdf_text

from .helpers import submitted_for


def test_the_receipt_pdf_holds_the_reference_number_and_the_full_content_in_chinese(api, enterprise_user):
    application = submitted_for(enterprise_user)

    response = api(enterprise_user).get(f"/api/v1/applications/{application.pk}/receipt/")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content).replace(" ", "")
    for expected in (
        "二手车出口试点企业申请回执", application.reference_number, application.company_name, application.uscc,
        "3,000万元", "信用承诺时间", "阿拉木图展厅", "三年投资3000万元", "2029", "80000000.00", "注册资本不得低于3000万元人民币",
    ):
        assert expected in text, expected


def test_the_receipt_page_downloads_the_same_pdf(client, enterprise_user):
    application = submitted_for(enterprise_user)
    client.force_login(enterprise_user)

    response = client.get(reverse("applications:receipt", args=[application.pk]))

    assert response.status_code == 200
    assert application.reference_number in pdf_text(response.content)


def test_a_draft_has_no_receipt(api, enterprise_user):
    from .helpers import draft_for

    application = draft_for(enterprise_user)
    assert api(enterprise_user).get(f"/api/v1/applications/{application.pk}/receipt/").status_code == 404
