"""国办发〔2015〕58号 (“抽查情况及查处结果及时向社会公开”): a visit is recorded by an inspector the draw sent,
its result is due on the public site within 20 working days of the visit, and a daily check flags and reports
a result not published in time — once."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal.errors import RuleRefused
from portal.models import Notification
from portal.periods import legal_period
from portal.roles import Role
from supervision.inspections import services
from supervision.models import FollowUp, PlanStatus, RiskRating, VisitType
from supervision.tasks import flag_overdue_inspection_results
from tests.factories import make_user

from .inspection_helpers import drawn_plan, enterprises, listed_inspector

pytestmark = pytest.mark.django_db

DRAWN = date(2026, 4, 8)
VISITED = date(2026, 4, 14)
RECORD = dict(visit_type=VisitType.ONSITE, people_present="执法人员2名；企业总经理", findings="出口车辆档案齐全。",
              risk_rating=RiskRating.LOW, follow_up=FollowUp.NONE)


@pytest.fixture
def plan(bureau_officer):
    enterprises(1)
    listed_inspector(Role.POLICE_OFFICER, actor=bureau_officer, today=DRAWN)
    listed_inspector(Role.CUSTOMS_OFFICER, actor=bureau_officer, today=DRAWN)
    return drawn_plan(bureau_officer, DRAWN, sample_size=1)


def test_58_only_a_drawn_inspector_or_the_bureau_records_the_visit(plan):
    visit = plan.visits.get()
    outsider = make_user(Role.POLICE_OFFICER)
    listed_inspector(actor=plan.created_by, today=DRAWN, user=outsider)
    with pytest.raises(PermissionDenied):  # not sent by the draw: the action is not his (a 403)
        services.record_visit(visit, actor=outsider, today=VISITED, visited_on=VISITED, **RECORD)
    sent = visit.inspectors.first().user
    with pytest.raises(ValidationError) as bad:
        services.record_visit(visit, actor=sent, today=VISITED, visited_on=date(2026, 4, 1), **RECORD)
    assert "visited_on" in bad.value.message_dict
    services.record_visit(visit, actor=sent, today=VISITED, visited_on=VISITED, **RECORD)
    visit.refresh_from_db()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.VISITING and visit.recorded_by == sent
    with pytest.raises(RuleRefused):
        services.record_visit(visit, actor=sent, today=VISITED, visited_on=VISITED, **RECORD)


def test_58_the_result_is_due_20_working_days_after_the_visit_and_published_on_the_public_site(client, plan):
    visit = plan.visits.get()
    services.record_visit(visit, actor=visit.inspectors.first().user, today=VISITED, visited_on=VISITED, **RECORD)
    visit.refresh_from_db()
    assert visit.result_due_on == legal_period(VISITED, working_days=20).ends_on
    assert "出口车辆档案齐全" not in client.get("/supervision/random-checks/results/").content.decode()
    services.publish_result(visit, actor=plan.created_by, today=VISITED)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED and plan.results_published_on == VISITED
    page = client.get("/supervision/random-checks/results/").content.decode()
    assert "出口车辆档案齐全" in page and visit.entry.name in page and "低风险" in page


def test_58_a_result_not_published_in_time_is_flagged_once_and_the_bureau_told(plan, bureau_officer):
    visit = plan.visits.get()
    services.record_visit(visit, actor=bureau_officer, today=VISITED, visited_on=VISITED, **RECORD)
    visit.refresh_from_db()
    due = visit.result_due_on
    assert flag_overdue_inspection_results(due.isoformat()) == 0  # the last day is still in time
    late = date.fromordinal(due.toordinal() + 1).isoformat()
    assert flag_overdue_inspection_results(late) == 1
    assert flag_overdue_inspection_results(late) == 0
    visit.refresh_from_db()
    assert visit.overdue_flagged_on is not None
    assert Notification.objects.filter(recipient=bureau_officer, code="inspection.result_overdue").count() == 1
