"""国办发〔2015〕58号 (“根据监管对象的信用状况和风险程度合理确定抽查比例和频次”): each enterprise's weight is
recomputable from the inputs listed on the public page — complaints, late deregistrations, discrepancy cases, open
rectification orders and overdue obligations, each with its points."""

import re
from datetime import date

import pytest

from casework.models import Discrepancy
from compliance.models import Obligation, ObligationStatus, RectificationOrder, RectificationStatus, RuleCode
from portal.roles import Role
from supervision import risk
from supervision.inspections import services
from supervision.models import Complaint
from tests.factories import make_user

from .helpers import make_vehicle
from .inspection_helpers import enterprises, listed_inspector

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 8)


def _arrange_risks(company, officer, head):
    for n in range(2):
        Complaint.objects.create(number=f"TSRISK{n}", enterprise=company, category="quality", description="质量问题",
                                 contact_name="投诉人", contact_phone="13800000000", received_on=date(2026, 3, n + 1))
    Complaint.objects.create(number="TSOLD", enterprise=company, category="quality", description="一年前",
                             contact_name="投诉人", contact_phone="13800000000", received_on=date(2025, 1, 2))
    Obligation.objects.create(rule=RuleCode.DEREGISTRATION_2M, enterprise=company, period_key="v1",
                              period_start=date(2026, 1, 1), due_on=date(2026, 3, 1), status=ObligationStatus.OVERDUE,
                              overdue_since=date(2026, 3, 2))
    Obligation.objects.create(rule=RuleCode.FIRST_EXPORT_6M, enterprise=company, period_key="p1",
                              period_start=date(2025, 9, 1), due_on=date(2026, 3, 1), status=ObligationStatus.OVERDUE,
                              overdue_since=date(2026, 3, 2))
    vehicle = make_vehicle(company, officer)
    Discrepancy.objects.create(kind="deregistered_before_clearance", vehicle=vehicle, key="k1",
                               acting_kind="commerce_bureau", found_on=date(2026, 2, 1))
    RectificationOrder.objects.create(enterprise=company, reasons="整改", deadline=date(2026, 5, 1),
                                      status=RectificationStatus.ORDERED, prepared_by=officer, prepared_on=date(2026, 3, 1),
                                      authorised_by=head, ordered_on=date(2026, 3, 2))


def test_58_every_weight_is_recomputable_from_its_listed_inputs(client, bureau_officer, bureau_head):
    risky, quiet = enterprises(2)
    _arrange_risks(risky, bureau_officer, bureau_head)
    for _ in range(2):
        listed_inspector(actor=bureau_officer, today=TODAY)
    plan = services.create_plan(year=2026, quarter=2, sample_size=1, actor=bureau_officer, today=TODAY)
    services.publish_seed(plan, actor=bureau_officer, today=TODAY)

    published = client.get(f"/supervision/random-checks/{plan.pk}/draw.json").json()
    by_uscc = {e["uscc"]: e for e in published["enterprises"]}
    assert by_uscc[risky.uscc]["inputs"] == {"complaints": 2, "late_deregistrations": 1, "discrepancies": 1,
                                             "open_rectifications": 1, "overdue_obligations": 1}
    assert by_uscc[quiet.uscc]["inputs"] == dict.fromkeys(by_uscc[risky.uscc]["inputs"], 0)

    # The points per factor are printed on the page ("（×n）"): recompute each weight from the page alone.
    page = client.get(f"/supervision/random-checks/{plan.pk}/").content.decode()
    points = [int(p) for p in re.findall(r"（×(\d+)）</th>", page)]
    assert points == [f.points for f in risk.FACTORS]
    for entry in published["enterprises"]:
        counts = [entry["inputs"][f.code] for f in risk.FACTORS]
        assert entry["weight"] == 1 + sum(c * p for c, p in zip(counts, points, strict=True))
        assert f"<strong>{entry['weight']}</strong>" in page
    assert by_uscc[risky.uscc]["weight"] == 1 + 2 * 2 + 3 + 2 + 4 + 3


def test_58_the_lists_are_frozen_when_the_seed_is_published(client, bureau_officer):
    (company,) = enterprises(1)
    for _ in range(2):
        listed_inspector(actor=bureau_officer, today=TODAY)
    plan = services.create_plan(year=2026, quarter=2, sample_size=1, actor=bureau_officer, today=TODAY)
    services.publish_seed(plan, actor=bureau_officer, today=TODAY)
    Complaint.objects.create(number="TSLATE", enterprise=company, category="quality", description="公布种子后的投诉",
                             contact_name="投诉人", contact_phone="13800000000", received_on=TODAY)
    listed_inspector(actor=bureau_officer, today=TODAY, user=make_user(Role.CUSTOMS_OFFICER))
    published = client.get(f"/supervision/random-checks/{plan.pk}/draw.json").json()
    assert published["enterprises"][0]["inputs"]["complaints"] == 0 and len(published["inspectors"]) == 2


def test_58_a_complaint_counts_for_one_year_to_the_day_across_a_leap_day():
    """"近一年" is from the same day a year before (portal.dates), not 365 days: on 2028-03-01 a complaint of
    2027-03-01 still counts (365 days back would be 2027-03-02), one of 2027-02-28 no longer does."""
    (company,) = enterprises(1)
    for number, day in (("TSLEAP1", date(2027, 3, 1)), ("TSLEAP0", date(2027, 2, 28))):
        Complaint.objects.create(number=number, enterprise=company, category="quality", description="质量问题",
                                 contact_name="投诉人", contact_phone="13800000000", received_on=day)
    assert risk.inputs_for([company.pk], date(2028, 3, 1))[company.pk]["complaints"] == 1
