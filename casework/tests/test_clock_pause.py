"""办法第五条 补正: a request for information pauses the clock; the due date moves by exactly the paused working days."""

from datetime import date

import pytest

from casework import services
from casework.clocks import pause_clock, resume_clock, start_clock
from casework.models import CaseKind, ClockKind, ClockStatus
from compliance.tests.factories import issued_licence

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(pilot):
    return issued_licence(pilot, date(2026, 9, 1), date(2026, 12, 31))


def test_a_pause_of_two_working_days_moves_the_due_date_by_two_working_days_办法第五条(licence):
    clock = start_clock(licence, ClockKind.LICENCE_ISSUE, started_on=date(2026, 9, 1), working_days=5, label="L")
    assert clock.due_on == date(2026, 9, 8)  # api.md 期间: Tue 1 not counted; Wed 2 … Tue 8
    pause_clock(clock, on=date(2026, 9, 2), source="t", reason="补正")
    clock = resume_clock(clock, on=date(2026, 9, 4), source="t")  # Wed 2 and Thu 3 paused
    assert clock.paused_working_days == 2
    assert clock.due_on == date(2026, 9, 10)
    assert clock.base_due_on == date(2026, 9, 8)


def test_a_pause_over_national_day_counts_only_working_days_办法第五条(licence):
    clock = start_clock(licence, ClockKind.LICENCE_ISSUE, started_on=date(2026, 9, 21), working_days=10, label="L")
    pause_clock(clock, on=date(2026, 9, 30), source="t", reason="补正")
    clock = resume_clock(clock, on=date(2026, 10, 9), source="t")  # 9-30, 10-8 paused; holiday is not
    assert clock.paused_working_days == 2


def test_a_request_for_information_pauses_and_its_answer_resumes_the_case_clock(licence, bureau_officer, pilot_user):
    licence.enterprise = pilot_user.organisation
    licence.save()
    clock = start_clock(licence, ClockKind.LICENCE_ISSUE, started_on=date(2026, 9, 1), working_days=5, label="L")
    request = services.request_information(CaseKind.LICENCE, licence.pk, actor=bureau_officer, today=date(2026, 9, 2),
                                           items="请补充购车合同", deadline=date(2026, 9, 10))
    clock.refresh_from_db()
    assert clock.status == ClockStatus.PAUSED
    services.answer_information(request, actor=pilot_user, today=date(2026, 9, 4), answer="已补充")
    clock.refresh_from_db()
    assert clock.status == ClockStatus.RUNNING and clock.due_on == date(2026, 9, 10)
    from portal.activity import timeline_for

    actions = [e.action for e in timeline_for(licence)]
    assert "casework.information_requested" in actions and "casework.information_answered" in actions
