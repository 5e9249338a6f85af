"""Issue 20 point 5: the home page per role with counts and the user's next deadlines, in a bounded number
of queries; the public home without duplicate tiles; no vehicle or licence tiles for a non-pilot applicant."""

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.tests.helpers import submitted_for
from casework.clocks import start_clock
from casework.models import ClockKind
from portal.roles import Role

pytestmark = pytest.mark.django_db

ROLES = ["bureau_officer", "bureau_head", "auditor", "enterprise_user", "pilot_user", "police_officer",
         "customs_officer", "inspector", "expert"]


@pytest.mark.parametrize("role_fixture", ROLES)
def test_every_roles_home_renders_in_bounded_queries(client, request, role_fixture, django_assert_max_num_queries):
    client.force_login(request.getfixturevalue(role_fixture))
    with django_assert_max_num_queries(25):
        response = client.get("/home/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "我的近期期限" in html and "未读通知" in html


def test_tile_counts_need_one_query_each(client, bureau_officer, enterprise_user, django_assert_max_num_queries):
    from portal.dashboard import tiles_for

    submitted_for(enterprise_user)
    with django_assert_max_num_queries(len([t for t in tiles_for(bureau_officer) if t["count"] is not None]) + 2):
        tiles = tiles_for(bureau_officer)
    intake = next(t for t in tiles if t["title"] == "申请受理")
    assert intake["count"] == 1 and intake["count_label"] == "份待受理"
    client.force_login(bureau_officer)
    assert '<p class="tile-count"><strong>1</strong> 份待受理</p>' in client.get("/home/").content.decode()


def test_the_bureau_sees_its_next_deadline_with_the_days_left(client, bureau_officer, enterprise_user):
    application = submitted_for(enterprise_user)
    today = timezone.localdate()
    start_clock(application, ClockKind.INTAKE, started_on=today, label="受理", due_on=today + timedelta(days=4))
    client.force_login(bureau_officer)
    html = client.get("/home/").content.decode()
    section = html.split('id="deadlines-h"')[1].split("</section>")[0]
    assert application.reference_number in section
    assert (today + timedelta(days=4)).isoformat() in section and "还剩 4 天" in section


def test_a_non_pilot_applicant_sees_no_vehicle_or_licence_tiles(client, enterprise_user):
    client.force_login(enterprise_user)
    html = client.get("/home/").content.decode()
    for title in ("一车一档", "出口许可证", "批量导入车辆"):
        assert f"<h2>{title}</h2>" not in html
    assert "/vehicles/" not in html, "nor menu links to them"
    assert "<h2>试点申请</h2>" in html


def test_a_pilot_enterprise_sees_its_vehicles_and_licences_with_counts(client, pilot_user):
    client.force_login(pilot_user)
    html = client.get("/home/").content.decode()
    assert "<h2>一车一档</h2>" in html and "<h2>出口许可证</h2>" in html
    assert "<strong>0</strong> 辆车" in html


def test_the_public_home_lists_the_pilot_enterprises_once(client):
    html = client.get("/").content.decode()
    tiles = html.split('class="tiles"')[1].split("</ul>")[0]
    assert tiles.count("试点企业名单") == 1
    assert "/supervision/pilot-enterprises/" in tiles, "the fuller page (with revoked and exited enterprises)"


def test_an_enterprise_sees_its_own_duties_next(client, pilot_user):
    today = timezone.localdate()
    start_clock(pilot_user.organisation, ClockKind.ENTERPRISE_DUTY, started_on=today, label="注销登记（车辆甲）",
                organisation=pilot_user.organisation, due_on=today - timedelta(days=2), article="办法第七条")
    client.force_login(pilot_user)
    section = client.get("/home/").content.decode().split('id="deadlines-h"')[1].split("</section>")[0]
    assert "注销登记（车辆甲）" in section and "已逾期 2 天" in section and 'class="overdue"' in section


def test_the_auditor_sees_no_tile_or_menu_link_outside_the_audit_log(auditor, client):
    """api.md v1.1 "Personal data": the auditor reads the audit log only — the home page offers nothing else."""
    from portal.dashboard import nav_for, tiles_for

    for link in tiles_for(auditor) + nav_for(auditor):
        client.force_login(auditor)
        assert client.get(link["url"]).status_code == 200, link


def test_a_menu_link_registered_twice_is_shown_once(bureau_officer, db):
    """A second registration of the same page (an app's ready() run again) never doubles a menu entry."""
    from portal import dashboard

    before = dashboard.nav_for(bureau_officer)
    dashboard.register_nav(*Role, title="通知公告", url_name="public-announcements", order=95)
    try:
        after = dashboard.nav_for(bureau_officer)
    finally:
        dashboard._NAV.pop()
    assert after == before
    assert [link["url"] for link in after].count("/announcements/") == 1
