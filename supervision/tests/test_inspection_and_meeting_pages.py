"""Issue 23's lists are bounded in queries (tests/perf habit), and the public pages reach from the public home;
国办发〔2015〕58号 (public plan and results), 实施方案四(一) (meetings and tasks)."""

from datetime import date

import pytest

from portal.roles import Role
from supervision.inspections import services as inspections
from supervision.meetings import services as meetings
from supervision.models import Agency, FollowUp, RiskRating, VisitType

from .inspection_helpers import drawn_plan, enterprises, listed_inspector

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 8)


@pytest.fixture
def worked(bureau_officer):
    enterprises(6)
    for role in (Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER, Role.BUREAU_OFFICER, Role.POLICE_OFFICER):
        listed_inspector(role, actor=bureau_officer, today=TODAY)
    plans = [drawn_plan(bureau_officer, TODAY, sample_size=3, quarter=q) for q in (1, 2)]
    for visit in plans[0].visits.all():
        inspections.record_visit(visit, actor=bureau_officer, today=TODAY, visit_type=VisitType.ONSITE,
                                 visited_on=TODAY, people_present="2人", findings="正常。", risk_rating=RiskRating.LOW,
                                 follow_up=FollowUp.NONE)
        inspections.publish_result(visit, actor=bureau_officer, today=TODAY)
    for n in range(3):
        meeting = meetings.convene(held_on=TODAY, place=f"会议室{n}", actor=bureau_officer, today=TODAY)
        meetings.hold(meeting, attendees="三部门", actor=bureau_officer, today=TODAY)
        for agency in Agency.values:
            meetings.add_decision(meeting, decision=f"事项{n}{agency}", agency=agency, working_days=5,
                                  actor=bureau_officer, today=TODAY)
    return plans


def test_public_inspection_pages_are_bounded(client, worked, django_assert_max_num_queries):
    for url in ("/supervision/random-checks/", "/supervision/random-checks/results/",
                f"/supervision/random-checks/{worked[0].pk}/", f"/supervision/random-checks/{worked[0].pk}/draw.json"):
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200, url


def test_official_lists_are_bounded(client, worked, bureau_officer, police_officer, django_assert_max_num_queries):
    client.force_login(bureau_officer)
    for url in ("/supervision/inspections/", f"/supervision/inspections/{worked[0].pk}/", "/supervision/meetings/",
                "/supervision/meetings/tasks/", "/supervision/inspections/inspectors/"):
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200, url
    client.force_login(police_officer)
    with django_assert_max_num_queries(25):
        assert client.get("/supervision/meetings/tasks/").status_code == 200


def test_the_public_home_links_the_plans_and_results(client, worked):
    page = client.get("/").content.decode()
    assert "/supervision/random-checks/" in page and "/supervision/random-checks/results/" in page


def test_the_draw_pdf_is_an_official_document(client, worked):
    from tests.official_pdf import assert_official, flat

    plan = worked[0]
    pdf = client.get(f"/supervision/random-checks/{plan.pk}/draw.pdf").content
    text = assert_official(pdf, "random-inspection-draw", title="“双随机、一公开”抽查抽取结果", number=plan.number,
                           day=TODAY)
    assert plan.seed[:16] in flat(text)


def test_others_cannot_reach_the_officials_pages(client, worked, pilot_user):
    assert client.get("/supervision/inspections/").status_code == 302  # login first
    client.force_login(pilot_user)
    assert client.get("/supervision/inspections/").status_code == 403
    assert client.get("/supervision/meetings/").status_code == 403
