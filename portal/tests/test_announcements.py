"""通知公告 (issue 23 point 3; 《政府信息公开条例》第二十三条): audiences, publication with an inbox
notice, retraction with a public notice in place of the text, and read receipts once per user."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from portal import announcements
from portal.announcement_models import AnnouncementRead, AnnouncementStatus, Audience
from portal.errors import RuleRefused
from portal.models import Notification
from portal.roles import Role
from tests.factories import PilotEnterpriseFactory, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def published(officer, audience, title="关于报送季度数据的通知", body="请于月底前报送。"):
    a = announcements.create_announcement(title=title, body=body, audience=audience, actor=officer, today=TODAY)
    return announcements.publish_announcement(a, actor=officer, today=TODAY)


def test_a_retracted_announcement_disappears_and_its_retraction_notice_is_shown(client, bureau_officer, pilot_user):
    a = published(bureau_officer, Audience.PUBLIC, body="定于十二月十日召开培训会。")
    assert "定于十二月十日召开培训会" in client.get(f"/announcements/{a.pk}/").content.decode()

    announcements.retract_announcement(a, reason="会议时间调整，另行通知。", actor=bureau_officer, today=TODAY)

    page = client.get(f"/announcements/{a.pk}/").content.decode()
    assert "定于十二月十日召开培训会" not in page  # the text is gone …
    assert "撤回说明" in page and "会议时间调整，另行通知。" in page and "2026-12-01" in page  # … the notice stands
    listing = client.get("/announcements/").content.decode()
    assert "已于 2026-12-01 撤回" in listing
    assert a not in client.get("/").context["announcements"]  # no longer among the public home's notices
    client.force_login(pilot_user)
    assert a not in client.get("/home/").context["announcements"]  # nor on the dashboard
    assert "定于十二月十日召开培训会" not in client.get(f"/announcements/{a.pk}/").content.decode()


def test_retraction_needs_a_reason_and_only_a_published_announcement_is_retracted(bureau_officer):
    draft = announcements.create_announcement(title="草稿", body="正文", audience=Audience.PUBLIC,
                                              actor=bureau_officer, today=TODAY)
    with pytest.raises(RuleRefused):
        announcements.retract_announcement(draft, reason="理由", actor=bureau_officer, today=TODAY)
    a = announcements.publish_announcement(draft, actor=bureau_officer, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        announcements.retract_announcement(a, reason="  ", actor=bureau_officer, today=TODAY)
    assert "reason" in refused.value.message_dict
    a.refresh_from_db()
    assert a.status == AnnouncementStatus.PUBLISHED


def test_publish_and_retract_pages_ask_for_confirmation_first(client, bureau_officer):
    """Both are irreversible: the page's box must be ticked (portal.workflow confirm=True)."""
    client.force_login(bureau_officer)
    draft = announcements.create_announcement(title="确认测试", body="正文", audience=Audience.PUBLIC,
                                              actor=bureau_officer, today=TODAY)
    client.post(f"/announcements/{draft.pk}/publish/")
    draft.refresh_from_db()
    assert draft.status == AnnouncementStatus.DRAFT
    client.post(f"/announcements/{draft.pk}/publish/", {"confirm": "yes"})
    draft.refresh_from_db()
    assert draft.status == AnnouncementStatus.PUBLISHED
    response = client.post(f"/announcements/{draft.pk}/retract/", {"reason": "有误"})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == AnnouncementStatus.PUBLISHED
    response = client.post(f"/announcements/{draft.pk}/retract/", {"confirm": "yes", "reason": ""})
    assert response.status_code == 400 and "reason" in response.context["retract_form"].errors
    client.post(f"/announcements/{draft.pk}/retract/", {"confirm": "yes", "reason": "内容有误"})
    draft.refresh_from_db()
    assert draft.status == AnnouncementStatus.RETRACTED and draft.retraction_reason == "内容有误"


def test_read_receipts_are_recorded_once_per_user_and_the_bureau_sees_who_has_not_read(
        client, bureau_officer, pilot_user):
    colleague = make_user(Role.ENTERPRISE_USER, organisation=pilot_user.organisation, last_name="孙", first_name="未读")
    a = published(bureau_officer, Audience.PILOTS)
    client.force_login(pilot_user)
    client.get(f"/announcements/{a.pk}/")
    client.get(f"/announcements/{a.pk}/")
    assert AnnouncementRead.objects.filter(announcement=a, user=pilot_user).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():  # the database keeps it once, too
        AnnouncementRead.objects.create(announcement=a, user=pilot_user)
    assert announcements.record_read(a, pilot_user) is False

    client.force_login(bureau_officer)
    page = client.get(f"/announcements/{a.pk}/")
    rows = {r["user"].pk: r["read_at"] for r in page.context["receipts"]}
    assert rows[pilot_user.pk] is not None and rows[colleague.pk] is None
    assert "已读 1 / 应读 2" in page.content.decode() and "未读" in page.content.decode()
    assert not AnnouncementRead.objects.filter(user=bureau_officer).exists()  # receipts are enterprises'


def test_audiences_an_applicant_does_not_see_a_pilot_only_announcement_and_the_public_sees_only_public_ones(
        client, bureau_officer, pilot_user, enterprise_user):
    to_pilots = published(bureau_officer, Audience.PILOTS, title="致试点企业")
    to_applicants = published(bureau_officer, Audience.APPLICANTS, title="致申请企业")
    to_public = published(bureau_officer, Audience.PUBLIC, title="致社会公众")

    def seen(user):
        return {a.title for a in announcements.announcements_visible_to(user)}

    from django.contrib.auth.models import AnonymousUser

    assert seen(AnonymousUser()) == {"致社会公众"}
    assert seen(enterprise_user) == {"致申请企业", "致社会公众"}
    assert seen(pilot_user) == {"致试点企业", "致社会公众"}
    assert seen(bureau_officer) == {"致试点企业", "致申请企业", "致社会公众"}

    assert client.get(f"/announcements/{to_pilots.pk}/").status_code == 404
    assert client.get(f"/announcements/{to_public.pk}/").status_code == 200
    client.force_login(enterprise_user)
    assert client.get(f"/announcements/{to_pilots.pk}/").status_code == 404
    assert client.get(f"/announcements/{to_applicants.pk}/").status_code == 200
    assert [a.title for a in client.get("/home/").context["announcements"]] == ["致社会公众", "致申请企业"]


def test_publication_tells_each_user_of_the_audience_once_in_the_inbox(bureau_officer, pilot_user, enterprise_user):
    other_pilot = make_user(Role.ENTERPRISE_USER, organisation=PilotEnterpriseFactory())
    a = published(bureau_officer, Audience.PILOTS)
    told = set(Notification.objects.filter(code="announcement.published").values_list("recipient_id", flat=True))
    assert told == {pilot_user.pk, other_pilot.pk}
    assert Notification.objects.get(recipient=pilot_user).link == f"/announcements/{a.pk}/"


def test_only_the_bureau_writes_publishes_and_retracts(client, bureau_officer, pilot_user):
    with pytest.raises(PermissionDenied):
        announcements.create_announcement(title="t", body="b", audience=Audience.PUBLIC, actor=pilot_user, today=TODAY)
    a = announcements.create_announcement(title="t", body="b", audience=Audience.PUBLIC, actor=bureau_officer,
                                          today=TODAY)
    with pytest.raises(PermissionDenied):
        announcements.publish_announcement(a, actor=pilot_user, today=TODAY)
    client.force_login(pilot_user)
    assert client.get("/announcements/new/").status_code == 403
    assert client.post(f"/announcements/{a.pk}/publish/", {"confirm": "yes"}).status_code == 403


def test_a_bad_form_is_a_400_naming_the_field(client, bureau_officer):
    client.force_login(bureau_officer)
    response = client.post("/announcements/new/", {"title": "", "audience": "everyone", "body": ""})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "audience", "body"}


def test_the_list_and_the_dashboards_read_announcements_in_bounded_queries(
        client, bureau_officer, pilot_user, django_assert_max_num_queries):
    for i in range(12):
        a = published(bureau_officer, Audience.PILOTS if i % 2 else Audience.PUBLIC, title=f"通知{i}")
        announcements.record_read(a, pilot_user)
    client.force_login(pilot_user)
    with django_assert_max_num_queries(12):
        assert client.get("/announcements/").status_code == 200
    with django_assert_max_num_queries(12):
        client.get("/")
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(12):
        assert client.get("/announcements/").status_code == 200
