"""Issue 23's lists — 双随机、一公开 plans, inspectors and published results (国办发〔2015〕58号), 联席会议 meetings and
their tasks (实施方案四(一)) — take as many queries for many rows as for few (issue 10 point 4)."""

from datetime import date

import pytest

from portal.roles import Role
from supervision.inspections import services as inspections
from supervision.meetings import services as meetings
from supervision.models import Agency, FollowUp, RiskRating, VisitType
from supervision.tests.inspection_helpers import enterprises, listed_inspector
from tests.perf.helpers import assert_list_flat

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 8)
FEW, MANY = 1, 6

PUBLIC_LISTS = ["/supervision/random-checks/", "/supervision/random-checks/results/"]
OFFICIAL_LISTS = ["/supervision/inspections/", "/supervision/inspections/inspectors/", "/supervision/meetings/",
                  "/supervision/meetings/tasks/"]


def add_worked_plans(officer, n: int) -> None:
    """`n` plans drawn from the seed, each visit recorded and its result published; two inspectors more each."""
    for _ in range(n):
        for role in (Role.POLICE_OFFICER, Role.CUSTOMS_OFFICER):
            listed_inspector(role, actor=officer, today=TODAY)
        plan = inspections.create_plan(year=TODAY.year, quarter=2, sample_size=2, inspectors_per_visit=2,
                                       actor=officer, today=TODAY)
        inspections.publish_seed(plan, actor=officer, today=TODAY)
        plan = inspections.draw(plan, actor=officer, today=TODAY)
        for visit in plan.visits.all():
            inspections.record_visit(visit, actor=officer, today=TODAY, visit_type=VisitType.ONSITE, visited_on=TODAY,
                                     people_present="2人", findings="正常。", risk_rating=RiskRating.LOW,
                                     follow_up=FollowUp.NONE)
            inspections.publish_result(visit, actor=officer, today=TODAY)


def add_meetings(officer, n: int) -> None:
    """`n` meetings held, each with a decision for every agency."""
    for i in range(n):
        meeting = meetings.convene(held_on=TODAY, place=f"会议室{i}", actor=officer, today=TODAY)
        meetings.hold(meeting, attendees="三部门", actor=officer, today=TODAY)
        for agency in Agency.values:
            meetings.add_decision(meeting, decision=f"事项{i}{agency}", agency=agency, working_days=5,
                                  actor=officer, today=TODAY)


@pytest.fixture
def grown(bureau_officer):
    enterprises(4)
    add_worked_plans(bureau_officer, FEW)
    add_meetings(bureau_officer, FEW)
    return lambda: (add_worked_plans(bureau_officer, MANY), add_meetings(bureau_officer, MANY))


@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_the_public_inspection_lists_stay_flat(url, grown, django_assert_max_num_queries):
    assert_list_flat(None, url, grown, django_assert_max_num_queries, 12)


@pytest.mark.parametrize("url", OFFICIAL_LISTS)
def test_the_bureaus_inspection_and_meeting_lists_stay_flat(url, grown, bureau_officer, django_assert_max_num_queries):
    assert_list_flat(bureau_officer, url, grown, django_assert_max_num_queries, 20)


def test_the_police_task_list_stays_flat(grown, police_officer, django_assert_max_num_queries):
    assert_list_flat(police_officer, "/supervision/meetings/tasks/", grown, django_assert_max_num_queries, 20)
