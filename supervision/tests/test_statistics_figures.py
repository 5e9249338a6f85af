"""实施方案五(三) statistics, checked against figures computed by hand from a small fixture."""

from datetime import date
from decimal import Decimal

import pytest

from applications.models import Application, ApplicationStatus
from portal.roles import Role
from supervision.models import Complaint, ComplaintStatus, Severity
from supervision.statistics import Period, build_report, deregistration_figures, exports_by
from tests.factories import PilotEnterpriseFactory, make_user
from traceability.models import LicenceStatus, VehicleType

from .helpers import make_licence, make_vehicle

pytestmark = pytest.mark.django_db

Q1_2026 = Period(date(2026, 1, 1), date(2026, 3, 31))
TODAY = date(2026, 4, 20)


@pytest.fixture
def fixture_data(bureau_officer):
    a = PilotEnterpriseFactory(name="甲公司", designated_on=date(2025, 3, 1))
    b = PilotEnterpriseFactory(name="乙公司", designated_on=date(2025, 6, 1))
    user = make_user(Role.ENTERPRISE_USER, organisation=a)
    truck = VehicleType.TRUCK_OTHER
    # 甲: three exports in Q1, 乙: one; one export of 甲 in December 2025 lies outside the period.
    v1 = make_vehicle(a, user, brand="丰田", cleared_on=date(2026, 1, 10), deregistered_on=date(2026, 3, 10),
                      destination_country="KZ", price="100000.00")
    v2 = make_vehicle(a, user, brand="丰田", cleared_on=date(2026, 1, 31), deregistered_on=date(2026, 4, 1),
                      destination_country="KZ", price="50000.50")
    v3 = make_vehicle(a, user, brand="本田", cleared_on=date(2026, 2, 15), destination_country="RU", price="80000",
                      vehicle_type=truck)
    v4 = make_vehicle(b, user, brand="本田", cleared_on=date(2026, 2, 20), destination_country="KZ", price="20000")
    make_vehicle(a, user, brand="大众", cleared_on=date(2025, 12, 20), destination_country="KZ", price="99999")
    make_vehicle(a, user, brand="大众")  # on file, never exported
    make_licence(a, user, issued_on=date(2026, 1, 5), status=LicenceStatus.USED, used_on=date(2026, 1, 10))
    make_licence(a, user, issued_on=date(2026, 2, 1), status=LicenceStatus.EXPIRED)
    make_licence(b, user, issued_on=date(2026, 3, 1))
    make_licence(b, user, issued_on=date(2025, 11, 1), status=LicenceStatus.USED, used_on=date(2025, 12, 20))
    Application.objects.create(
        organisation=a, created_by=user, status=ApplicationStatus.APPROVED, reference_number="SQ-TEST-1",
        export_targets=[{"year": 2026, "vehicles": 10, "value": "1000000"},
                        {"year": 2027, "vehicles": 20, "value": "2000000"},
                        {"year": 2028, "vehicles": 30, "value": "3000000"}],
    )
    return {"a": a, "b": b, "vehicles": [v1, v2, v3, v4]}


def test_exports_by_month_count_vehicles_cleared_in_the_period_and_sum_their_sale_prices(fixture_data):
    rows = exports_by("month", Q1_2026)
    assert [(r[0].strftime("%Y-%m"), r[1], r[2]) for r in rows] == [
        ("2026-01", 2, Decimal("150000.50")),
        ("2026-02", 2, Decimal("100000.00")),
    ]


def test_exports_by_country_brand_enterprise_and_type_match_the_hand_count(fixture_data):
    assert exports_by("country", Q1_2026) == [("KZ", 3, Decimal("170000.50")), ("RU", 1, Decimal("80000.00"))]
    assert sorted(exports_by("brand", Q1_2026)) == [("丰田", 2, Decimal("150000.50")), ("本田", 2, Decimal("100000.00"))]
    assert exports_by("enterprise", Q1_2026) == [("甲公司", 3, Decimal("230000.50")), ("乙公司", 1, Decimal("20000.00"))]
    assert dict((k, n) for k, n, _v in exports_by("vehicle_type", Q1_2026)) == {
        VehicleType.NONCOMMERCIAL_PASSENGER_SMALL: 3, VehicleType.TRUCK_OTHER: 1,
    }


def test_deregistration_timeliness_follows_article_6_two_months_with_the_due_day_itself_on_time(fixture_data):
    """办法第六条: cleared 01-10 → due 03-10 (deregistered that day: on time, 59 days); cleared 01-31
    → due 03-31 (deregistered 04-01: late, 60 days); cleared 02-15 → due 04-15 (not deregistered on
    04-20: overdue); cleared 02-20 → due 04-20 (today: still open)."""
    figures = deregistration_figures(Q1_2026, TODAY)
    assert (figures["cleared"], figures["on_time"], figures["late"], figures["overdue"], figures["pending"]) == (
        4, 1, 1, 1, 1)
    assert figures["share_within_2m"] == 33.3
    assert figures["median_days"] == 59.5


def test_deregistration_deadline_clamps_to_the_month_end_like_add_months(bureau_officer):
    """办法第六条 with domain-rules add_months: cleared 2025-12-31 → due 2026-02-28."""
    org = PilotEnterpriseFactory()
    user = make_user(Role.ENTERPRISE_USER, organisation=org)
    make_vehicle(org, user, cleared_on=date(2025, 12, 31), deregistered_on=date(2026, 2, 28))
    make_vehicle(org, user, cleared_on=date(2025, 12, 31), deregistered_on=date(2026, 3, 1))
    figures = deregistration_figures(Period(date(2025, 12, 1), date(2025, 12, 31)), TODAY)
    assert (figures["on_time"], figures["late"]) == (1, 1)
    assert figures["median_days"] == 59.5  # 59 and 60 days


def test_licence_figures_count_those_issued_in_the_period_and_their_use(fixture_data):
    licences = build_report(Q1_2026, TODAY).licences
    assert (licences["issued"], licences["used"], licences["expired"], licences["outstanding"]) == (3, 1, 1, 1)
    assert licences["use_rate"] == 33.3


def test_complaint_resolution_times_and_on_time_share_match_the_hand_count(fixture_data):
    """实施方案三(四): answered on or before the due date is on time."""
    a = fixture_data["a"]
    common = dict(enterprise=a, category="quality", description="x", contact_name="王五", contact_phone="13800000000")
    Complaint.objects.create(number="T1", received_on=date(2026, 1, 5), assigned_on=date(2026, 1, 6),
                             due_on=date(2026, 1, 20), answered_on=date(2026, 1, 20), closed_on=date(2026, 1, 25),
                             status=ComplaintStatus.CLOSED, severity=Severity.SERIOUS, **common)
    Complaint.objects.create(number="T2", received_on=date(2026, 2, 1), assigned_on=date(2026, 2, 2),
                             due_on=date(2026, 2, 16), answered_on=date(2026, 2, 20), closed_on=date(2026, 3, 3),
                             status=ComplaintStatus.CLOSED, severity=Severity.MINOR, **common)
    Complaint.objects.create(number="T3", received_on=date(2026, 3, 1), assigned_on=date(2026, 3, 2),
                             due_on=date(2026, 3, 16), status=ComplaintStatus.ESCALATED,
                             escalated_on=date(2026, 3, 17), severity=Severity.MAJOR, **common)
    Complaint.objects.create(number="T4", received_on=date(2025, 12, 1), **common)  # outside the period
    figures = build_report(Q1_2026, TODAY).complaints
    assert (figures["received"], figures["answered"], figures["answered_on_time"]) == (3, 2, 1)
    assert (figures["closed"], figures["escalated"], figures["open_overdue"], figures["serious"]) == (2, 1, 1, 1)
    assert figures["on_time_share"] == 50.0
    assert figures["median_days_to_close"] == 25  # 20 and 30 days
    assert figures["median_days_to_answer"] == 16  # 14 and 18 days


def test_progress_against_plan_targets_counts_exports_of_each_target_year(fixture_data):
    """办法第四条: 甲's 2026 target of 10 vehicles and 1,000,000 yuan against 3 exports worth 230,000.50."""
    target = next(t for t in build_report(Q1_2026, TODAY).targets if t["label"] == "2026")
    assert (target["count"], target["actual"], target["count_share"]) == (10, 3, 30.0)
    assert target["actual_value"] == Decimal("230000.50")
    assert target["value_share"] == 23.0
