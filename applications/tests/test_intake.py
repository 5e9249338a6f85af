"""Bureau intake (办法第五条): accept (受理) or return for 补正; resubmission; timeline; notices."""

from datetime import date

from django.core import mail
from django.urls import reverse

from applications import services
from applications.models import ApplicationStatus
from portal.activity import timeline_for
from portal.models import Notification

from .helpers import TODAY, submitted_for


def test_the_bureau_accepts_a_submitted_application_and_the_enterprise_is_told(
    api, enterprise_user, bureau_officer, django_capture_on_commit_callbacks
):
    application = submitted_for(enterprise_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = api(bureau_officer).post(f"/api/v1/applications/{application.pk}/accept/")

    assert response.status_code == 200 and response.json()["status"] == ApplicationStatus.ACCEPTED
    note = Notification.objects.get(recipient=enterprise_user, code="application.accepted")
    assert application.reference_number in note.title
    assert any(application.reference_number in m.subject or application.reference_number in m.body
               for m in mail.outbox)


def test_accepting_twice_is_a_409_not_awaiting_intake(api, enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)
    api(bureau_officer).post(f"/api/v1/applications/{application.pk}/accept/")

    response = api(bureau_officer).post(f"/api/v1/applications/{application.pk}/accept/")

    assert response.status_code == 409
    assert response.json()["reasons"][0]["code"] == "not_awaiting_intake"


def test_an_enterprise_may_not_accept_its_own_application(api, enterprise_user):
    application = submitted_for(enterprise_user)
    assert api(enterprise_user).post(f"/api/v1/applications/{application.pk}/accept/").status_code == 403


def test_return_for_correction_then_resubmit(api, enterprise_user, bureau_officer, django_capture_on_commit_callbacks):
    application = submitted_for(enterprise_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = api(bureau_officer).post(
            f"/api/v1/applications/{application.pk}/return/",
            {"items": ["补充近两年审计报告", "说明海外网点产权"], "deadline": "2099-06-30"}, format="json",
        )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == ApplicationStatus.RETURNED
    assert body["correction"]["items"] == ["补充近两年审计报告", "说明海外网点产权"]
    assert body["correction"]["deadline"] == "2099-06-30"
    note = Notification.objects.get(recipient=enterprise_user, code="application.returned")
    assert "补充近两年审计报告" in note.body

    client = api(enterprise_user)
    assert client.patch(f"/api/v1/applications/{application.pk}/", {"net_assets": "26000000.00"},
                        format="json").status_code == 200
    resubmitted = client.post(f"/api/v1/applications/{application.pk}/submit/").json()
    assert resubmitted["status"] == ApplicationStatus.SUBMITTED
    assert resubmitted["reference_number"] == application.reference_number
    assert resubmitted["correction"] is None


def test_a_return_needs_items_and_a_future_deadline(api, enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)

    response = api(bureau_officer).post(f"/api/v1/applications/{application.pk}/return/",
                                        {"items": [], "deadline": "2000-01-01"}, format="json")

    assert response.status_code == 400
    assert "items" in response.json()


def test_returning_a_draft_is_a_409_not_awaiting_intake(api, enterprise_user, bureau_officer):
    from .helpers import draft_for

    application = draft_for(enterprise_user)
    response = api(bureau_officer).post(f"/api/v1/applications/{application.pk}/return/",
                                        {"items": ["x"], "deadline": "2099-01-01"}, format="json")
    assert response.status_code == 409
    assert response.json()["reasons"][0]["code"] == "not_awaiting_intake"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_every_transition_is_on_the_timeline_with_who_and_why(enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)
    services.return_for_correction(application, actor=bureau_officer, today=TODAY, items=["补充信用报告"],
                                   deadline=date(2026, 6, 1))
    services.submit_application(application, actor=enterprise_user, today=TODAY, credit_commitment=True)
    services.accept_application(application, actor=bureau_officer, today=TODAY)

    transitions = [(e.action, e.actor, e.to_status) for e in timeline_for(application) if e.to_status]
    assert transitions == [
        ("application.created", enterprise_user, "draft"),
        ("application.submitted", enterprise_user, "submitted"),
        ("application.returned", bureau_officer, "returned"),
        ("application.resubmitted", enterprise_user, "submitted"),
        ("application.accepted", bureau_officer, "accepted"),
    ]
    returned = next(e for e in timeline_for(application) if e.action == "application.returned")
    assert returned.reason == "补充信用报告" and returned.data["deadline"] == "2026-06-01"


def test_both_sides_see_the_timeline_in_the_page(client, enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)
    services.accept_application(application, actor=bureau_officer, today=TODAY)
    for user in (enterprise_user, bureau_officer):
        client.force_login(user)
        page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
        assert "受理" in page and "application.accepted" not in page  # the action in words (issue 18 point 5)


def test_the_bureau_returns_an_application_in_the_browser_and_errors_keep_the_typed_items(client, enterprise_user,
                                                                                           bureau_officer):
    application = submitted_for(enterprise_user)
    client.force_login(bureau_officer)
    url = reverse("applications:return", args=[application.pk])

    response = client.post(url, {"items": "补充营业执照副本", "deadline": "2000-01-01"})
    assert response.status_code == 200
    assert "补充营业执照副本" in response.content.decode() and "补正期限须晚于今天" in response.content.decode()

    client.post(url, {"items": "补充营业执照副本", "deadline": "2099-01-01"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED


def test_the_bureau_accepts_in_the_browser(client, enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)
    client.force_login(bureau_officer)

    client.post(reverse("applications:accept", args=[application.pk]))

    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED


def test_an_officer_records_a_finding_through_the_api(api, enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user)

    response = api(bureau_officer).post(f"/api/v1/applications/{application.pk}/findings/",
                                        {"code": "overseas_channels", "passed": False, "evidence": "无合同"},
                                        format="json")

    assert response.status_code == 200
    checks = {c["code"]: c["passed"] for c in response.json()["checks"]}
    assert checks["overseas_channels"] is False
