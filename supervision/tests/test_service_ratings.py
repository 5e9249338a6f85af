"""好差评 (issue 23 point 4; 国办发〔2019〕51号《关于建立政务服务“好差评”制度提高政务服务水平的意见》):
a completed service is rated once, 1–5; a 差评 (1–2) opens exactly one follow-up case for the bureau,
due by the legal-period rule; the bureau answers the rater; a complainant rates through the link."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from applications import services as application_services
from applications.tests.helpers import submitted_for
from casework.queue import work_queue
from portal.errors import RuleRefused
from portal.models import Notification
from supervision import ratings
from supervision import services as complaint_services
from supervision.models import FollowUpStatus, RatingFollowUp, ServiceKind, ServiceRating
from supervision.tests.helpers import make_licence

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 28)  # a Monday before National Day (domain-rules "Working days")


@pytest.fixture(autouse=True)
def calendar_2026():
    from portal.workdays import fill_from_chinesecalendar

    fill_from_chinesecalendar([2026])


def test_51hao_a_bad_rating_opens_exactly_one_follow_up_case_due_in_15_working_days(pilot_user, bureau_officer):
    licence = make_licence(pilot_user.organisation, pilot_user, issued_on=date(2026, 9, 25))
    rating = ratings.rate_service(ServiceKind.LICENCE, licence.pk, score=2, comment="签发晚了两天。",
                                  actor=pilot_user, today=TODAY)
    follow_up = RatingFollowUp.objects.get(rating=rating)
    # 15 working days from Monday 28 September 2026: National Day (1–7 October) is skipped and Saturday
    # 10 October is a working day, so the 15th working day is Friday 23 October.
    assert follow_up.due_on == date(2026, 10, 23)
    assert follow_up.status == FollowUpStatus.OPEN and follow_up.opened_on == TODAY
    assert RatingFollowUp.objects.count() == 1
    assert Notification.objects.filter(recipient=bureau_officer, code="rating_follow_up.opened").count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():  # one follow-up per rating, in the database
        RatingFollowUp.objects.create(rating=rating, opened_on=TODAY, due_on=TODAY)


def test_51hao_rating_the_same_service_twice_is_refused_by_the_unique_constraint(pilot_user):
    licence = make_licence(pilot_user.organisation, pilot_user, issued_on=date(2026, 9, 25))
    ratings.rate_service(ServiceKind.LICENCE, licence.pk, score=1, comment="很慢", actor=pilot_user, today=TODAY)
    with pytest.raises(RuleRefused) as refused:
        ratings.rate_service(ServiceKind.LICENCE, licence.pk, score=5, actor=pilot_user, today=TODAY)
    assert refused.value.reasons[0].code == "rating_already_given"
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRating.objects.create(service_kind=ServiceKind.LICENCE, object_id=licence.pk, reference="x",
                                     enterprise=pilot_user.organisation, completed_on=TODAY, score=4, rated_on=TODAY)
    assert ServiceRating.objects.count() == 1 and RatingFollowUp.objects.count() == 1


@pytest.mark.parametrize("score", [3, 4, 5])
def test_51hao_ratings_of_3_to_5_open_no_follow_up(pilot_user, score):
    licence = make_licence(pilot_user.organisation, pilot_user, issued_on=date(2026, 9, 25))
    ratings.rate_service(ServiceKind.LICENCE, licence.pk, score=score, actor=pilot_user, today=TODAY)
    assert RatingFollowUp.objects.count() == 0


@pytest.mark.parametrize("score", [0, 6, "五", None])
def test_a_score_outside_1_to_5_is_a_400_naming_the_field(pilot_user, score):
    licence = make_licence(pilot_user.organisation, pilot_user, issued_on=date(2026, 9, 25))
    with pytest.raises(ValidationError) as refused:
        ratings.rate_service(ServiceKind.LICENCE, licence.pk, score=score, actor=pilot_user, today=TODAY)
    assert "score" in refused.value.message_dict


def test_a_bad_rating_states_its_reason(pilot_user):
    licence = make_licence(pilot_user.organisation, pilot_user, issued_on=date(2026, 9, 25))
    with pytest.raises(ValidationError) as refused:
        ratings.rate_service(ServiceKind.LICENCE, licence.pk, score=1, comment=" ", actor=pilot_user, today=TODAY)
    assert "comment" in refused.value.message_dict


def test_only_the_enterprise_rates_its_own_completed_service(pilot_user, other_enterprise_user, bureau_officer):
    licence = make_licence(pilot_user.organisation, pilot_user, issued_on=date(2026, 9, 25))
    for outsider in (other_enterprise_user, bureau_officer):
        with pytest.raises(PermissionDenied):
            ratings.rate_service(ServiceKind.LICENCE, licence.pk, score=5, actor=outsider, today=TODAY)
    assert [s.pk for s in ratings.services_to_rate(pilot_user)] == [licence.pk]
    assert ratings.services_to_rate(other_enterprise_user) == []


def test_a_service_not_yet_completed_cannot_be_rated(enterprise_user):
    application = submitted_for(enterprise_user, today=TODAY)  # submitted, not decided
    with pytest.raises(RuleRefused) as refused:
        ratings.rate_service(ServiceKind.APPLICATION, application.pk, score=5, actor=enterprise_user, today=TODAY)
    assert refused.value.reasons[0].code == "rating_service_not_completed"


def test_a_decided_application_is_rated_and_then_no_longer_offered(enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user, today=TODAY)
    application = application_services.accept_application(application, actor=bureau_officer, today=TODAY)
    application_services.record_decision(application, approved=False, actor=bureau_officer, today=TODAY,
                                         reason="注册资本不足。")
    offered = ratings.services_to_rate(enterprise_user)
    assert [(s.kind, s.pk) for s in offered] == [(ServiceKind.APPLICATION, application.pk)]
    ratings.rate_service(ServiceKind.APPLICATION, application.pk, score=3, actor=enterprise_user, today=TODAY)
    assert ratings.services_to_rate(enterprise_user) == []


def test_a_closed_complaint_is_rated_by_its_complainant_through_the_link_given_on_closing(
        client, pilot_user, bureau_officer, mailoutbox, django_capture_on_commit_callbacks):
    complaint = complaint_services.lodge_complaint(
        enterprise=pilot_user.organisation.name, category="aftersales", description="配件迟迟不到。",
        contact_name="Aigerim", contact_email="buyer@example.kz", today=TODAY)
    token = ratings.complaint_token(complaint)
    assert client.get(f"/supervision/ratings/complaint/{token}/").status_code == 404  # not closed yet
    with pytest.raises(PermissionDenied):  # the enterprise may not rate the complaint about itself
        ratings.rate_service(ServiceKind.COMPLAINT, complaint.pk, score=5, actor=pilot_user, today=TODAY)

    with django_capture_on_commit_callbacks(execute=True):  # the invitation goes out on commit
        complaint_services.close_complaint(complaint, "已协调企业补发配件。", actor=bureau_officer, today=TODAY)
    (invitation,) = [m for m in mailoutbox if m.to == ["buyer@example.kz"]]
    assert f"/supervision/ratings/complaint/{token}/" in invitation.body

    assert client.get("/supervision/ratings/complaint/forged:token/").status_code == 404
    response = client.post(f"/supervision/ratings/complaint/{token}/", {"score": "1", "comment": "处理太慢。"})
    assert response.status_code == 302
    rating = ServiceRating.objects.get(service_kind=ServiceKind.COMPLAINT, object_id=complaint.pk)
    assert rating.rated_by is None and rating.enterprise == pilot_user.organisation
    assert RatingFollowUp.objects.filter(rating=rating).count() == 1
    again = client.post(f"/supervision/ratings/complaint/{token}/", {"score": "5"}, follow=True)
    assert "每项服务只能评价一次" in again.content.decode()
    assert ServiceRating.objects.count() == 1


def test_the_follow_up_waits_in_the_bureaus_queue_and_its_resolution_answers_the_rater(pilot_user, bureau_officer):
    licence = make_licence(pilot_user.organisation, pilot_user, issued_on=date(2026, 9, 25))
    rating = ratings.rate_service(ServiceKind.LICENCE, licence.pk, score=2, comment="晚了", actor=pilot_user,
                                  today=TODAY)
    follow_up = rating.follow_up
    items = [i for i in work_queue(bureau_officer, today=TODAY) if i.kind == "rating_follow_up"]
    assert [(i.pk, i.due_on) for i in items] == [(follow_up.pk, date(2026, 10, 23))]
    assert not [i for i in work_queue(pilot_user, today=TODAY) if i.kind == "rating_follow_up"]
    with pytest.raises(PermissionDenied):
        ratings.resolve_follow_up(follow_up, reply="x", actor=pilot_user, today=TODAY)
    with pytest.raises(ValidationError):
        ratings.resolve_follow_up(follow_up, reply="", actor=bureau_officer, today=TODAY)

    ratings.resolve_follow_up(follow_up, reply="已约谈经办人，今后按时签发。", actor=bureau_officer,
                              today=date(2026, 10, 9))
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.RESOLVED and follow_up.resolved_on == date(2026, 10, 9)
    assert Notification.objects.get(recipient=pilot_user, code="rating_follow_up.resolved").body == \
        "已约谈经办人，今后按时签发。"
    assert not [i for i in work_queue(bureau_officer, today=TODAY) if i.kind == "rating_follow_up"]
    with pytest.raises(RuleRefused):
        ratings.resolve_follow_up(follow_up, reply="again", actor=bureau_officer, today=TODAY)
