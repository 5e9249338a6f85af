"""实施方案三(四), api.md v1.1 "Legal periods": a complaint's answer period is counted as every
answer period is (the day of assignment is not counted) — the same rule as a revocation case's
answer period (办法第十二条)."""

from datetime import date

import pytest

from compliance.services import open_revocation_case
from portal.periods import legal_period
from supervision import services
from supervision.models import Severity

from .helpers import make_vehicle

pytestmark = pytest.mark.django_db

FRIDAY = date(2026, 11, 6)


def test_complaint_and_revocation_answer_periods_both_start_the_day_after_the_act_实施方案三四(
        pilot, pilot_staff, bureau_officer):
    vehicle = make_vehicle(pilot, pilot_staff, cleared_on=date(2026, 6, 1), destination_country="KZ",
                           vin="LSVPERIODS0000001")
    complaint = services.lodge_complaint(
        vin=vehicle.vin, category="quality", description="发动机异响。", contact_name="A", contact_email="a@example.kz",
        contact_phone="+77011234567", today=FRIDAY)
    services.triage_complaint(complaint, Severity.MAJOR, actor=bureau_officer, today=FRIDAY)
    assigned = services.assign_complaint(complaint, actor=bureau_officer, today=FRIDAY, working_days=5)
    case = open_revocation_case(pilot, "other", actor=bureau_officer, today=FRIDAY, reason="测试")
    # Fri 11-06 is the day of the act; Mon 11-09 … Fri 11-13 are the five working days.
    assert assigned.due_on == case.answer_due_on == legal_period(FRIDAY, working_days=5).ends_on == date(2026, 11, 13)
