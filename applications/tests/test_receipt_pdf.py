"""The PDF receipt carries the full content in Chinese (parsed back from the PDF), in the official format of
GB/T 9704-2012 (issue 20): the 申请回执 once submitted, the 受理通知书 once accepted."""

from django.urls import reverse
from django.utils import timezone

from applications.services import accept_application
from portal.pdf import pdf_text
from tests.official_pdf import assert_official

from .helpers import TODAY, submitted_for


def test_the_receipt_pdf_holds_the_reference_number_and_the_full_content_in_chinese(api, enterprise_user):
    application = submitted_for(enterprise_user)

    response = api(enterprise_user).get(f"/api/v1/applications/{application.pk}/receipt/")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content).replace(" ", "")
    for expected in (
        "二手车出口试点企业申请回执", application.reference_number, application.company_name, application.uscc,
        "3,000万元", "信用承诺时间", "阿拉木图展厅", "哈萨克斯坦", "三年投资3000万元", "2029", "8,000",
        "出口金额（万元）", "注册资本不得低于3000万元人民币",
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


def test_the_receipt_is_an_official_document_numbered_after_the_reference_number(api, enterprise_user):
    application = submitted_for(enterprise_user)
    serial = int(application.reference_number.rsplit("-", 1)[1])
    day = timezone.localdate(application.submitted_at)

    pdf = api(enterprise_user).get(f"/api/v1/applications/{application.pk}/receipt/").content

    text = assert_official(pdf, "applications-receipt", title="二手车出口试点企业申请回执",
                           number=f"并商务收〔{day.year}〕{serial}号", day=day,
                           more=(f"{application.company_name}：", "附件：二手车出口试点企业申请内容", "印发"))
    assert "受理通知书" not in text


def test_once_accepted_the_receipt_becomes_the_acceptance_notice(api, enterprise_user, bureau_officer):
    """办法第五条: the bureau's 受理 is told in a 受理通知书 with the same serial."""
    application = accept_application(submitted_for(enterprise_user), actor=bureau_officer, today=TODAY)
    serial = int(application.reference_number.rsplit("-", 1)[1])
    day = timezone.localdate(application.accepted_at)

    pdf = api(enterprise_user).get(f"/api/v1/applications/{application.pk}/receipt/").content

    text = assert_official(pdf, "applications-acceptance-notice", title="二手车出口试点企业申请受理通知书",
                           number=f"并商务受〔{day.year}〕{serial}号", day=day,
                           more=("本局决定予以受理", application.reference_number))
    assert "阿拉木图展厅" in text, "the application's content is still the annex"
