"""After submission the content is frozen, in the services and in the database itself."""

import pytest
from django.db import DatabaseError, connection, transaction

from applications import services
from applications.models import Application, ApplicationAttachment, ApplicationStatus

from .helpers import TODAY, submitted_for


def test_patch_of_a_submitted_application_is_a_409_not_editable(api, enterprise_user):
    application = submitted_for(enterprise_user)

    response = api(enterprise_user).patch(f"/api/v1/applications/{application.pk}/", {"business_model": "改"},
                                          format="json")

    assert response.status_code == 409
    assert response.json()["reasons"][0]["code"] == "not_editable"


def test_the_database_refuses_raw_sql_that_changes_submitted_content(enterprise_user):
    application = submitted_for(enterprise_user)

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE applications_application SET registered_capital = 1 WHERE id = %s", [application.pk])

    application.refresh_from_db()
    assert application.registered_capital == 30000000


def test_the_database_refuses_a_queryset_update_and_a_delete_of_a_submitted_application(enterprise_user):
    application = submitted_for(enterprise_user)

    with pytest.raises(DatabaseError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(business_plan="偷偷修改")
    with pytest.raises(DatabaseError), transaction.atomic():
        Application.objects.filter(pk=application.pk).delete()


def test_the_status_columns_still_change_after_submission(enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)

    services.accept_application(application, actor=bureau_officer, today=TODAY)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED


def test_the_database_refuses_new_attachments_on_a_submitted_application(enterprise_user):
    application = submitted_for(enterprise_user)

    with pytest.raises(DatabaseError), transaction.atomic():
        ApplicationAttachment.objects.create(
            application=application, kind="other", file="x", original_name="x.pdf", content_type="application/pdf",
            size=1, sha256="0" * 64, uploaded_by=enterprise_user,
        )


def test_a_returned_application_can_be_edited_again(api, enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)
    services.return_for_correction(application, actor=bureau_officer, today=TODAY, items=["补充审计报告"],
                                   deadline=TODAY.replace(day=30))

    response = api(enterprise_user).patch(f"/api/v1/applications/{application.pk}/", {"business_model": "补正后"},
                                          format="json")

    assert response.status_code == 200
    assert response.json()["business_model"] == "补正后"
