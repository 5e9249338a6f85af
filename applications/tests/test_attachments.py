"""Attachments: PDF/JPEG/PNG by content, size limit, served only to those who may see them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import AttachmentKind

from .helpers import draft_for, minimal_pdf, submitted_for


def _upload(api, user, application, content, name="doc.pdf", kind=AttachmentKind.BUSINESS_LICENCE):
    return api(user).post(
        f"/api/v1/applications/{application.pk}/attachments/",
        {"kind": kind, "file": SimpleUploadedFile(name, content)}, format="multipart",
    )


def test_a_real_pdf_is_stored_and_served_to_the_applicant(api, enterprise_user):
    application = draft_for(enterprise_user)
    response = _upload(api, enterprise_user, application, minimal_pdf())
    assert response.status_code == 201
    document = response.json()
    assert document["content_type"] == "application/pdf" and document["original_name"] == "doc.pdf"

    download = api(enterprise_user).get(f"/api/v1/applications/{application.pk}/attachments/{document['id']}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_file_named_pdf_that_is_not_a_pdf_is_rejected_naming_the_field(api, enterprise_user):
    application = draft_for(enterprise_user)

    response = _upload(api, enterprise_user, application, b"MZ\x90\x00 this is an executable", name="report.pdf")

    assert response.status_code == 400
    assert "file" in response.json()
    assert not application.attachments.exists()


def test_a_file_over_the_size_limit_is_rejected(api, enterprise_user, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    application = draft_for(enterprise_user)

    response = _upload(api, enterprise_user, application, minimal_pdf() + b"\n" * 2048)

    assert response.status_code == 400
    assert "file" in response.json()


def test_another_organisation_cannot_download_the_document(api, client, enterprise_user, other_enterprise_user):
    application = draft_for(enterprise_user)
    document_id = _upload(api, enterprise_user, application, minimal_pdf()).json()["id"]

    assert api(other_enterprise_user).get(
        f"/api/v1/applications/{application.pk}/attachments/{document_id}/").status_code == 404
    client.force_login(other_enterprise_user)
    assert client.get(reverse("applications:attachment", args=[application.pk, document_id])).status_code == 404


def test_no_upload_after_submission(api, enterprise_user):
    application = submitted_for(enterprise_user)

    response = _upload(api, enterprise_user, application, minimal_pdf())

    assert response.status_code == 409
    assert response.json()["reasons"][0]["code"] == "not_editable"


def test_a_plan_document_satisfies_the_business_plan_requirement_of_article_4(api, enterprise_user):
    application = draft_for(enterprise_user, business_plan="")
    refused = api(enterprise_user).post(f"/api/v1/applications/{application.pk}/submit/")
    assert [r["code"] for r in refused.json()["reasons"]] == ["business_plan"]

    _upload(api, enterprise_user, application, minimal_pdf(), kind=AttachmentKind.BUSINESS_PLAN)

    assert api(enterprise_user).post(f"/api/v1/applications/{application.pk}/submit/").status_code == 200
