"""The work queue, decisions, discrepancies and clocks, pages and API: a constant number of queries
(issue 10 point 4)."""

from datetime import timedelta

import pytest

from casework.decisions import prepare_decision
from casework.models import CaseKind, Discrepancy, DiscrepancyKind, LetterKind
from portal.roles import OrganisationKind
from supervision.models import Complaint
from tests.perf.helpers import COMPLAINED_ON, LARGE, SMALL, add_complaints, add_vehicles, assert_list_flat

pytestmark = pytest.mark.django_db

QUEUE_LISTS = ["/casework/", "/casework/?kind=complaint&assigned=unassigned", "/api/v1/clocks/",
               "/api/v1/clocks/?status=running"]
DECISION_LISTS = ["/casework/decisions/", "/casework/decisions/?status=prepared&kind=rectification&q=太原"]
DISCREPANCY_LISTS = ["/casework/discrepancies/", "/casework/discrepancies/?status=open"]


@pytest.mark.parametrize("viewer", ["bureau_officer", "pilot_user"])
@pytest.mark.parametrize("url", QUEUE_LISTS)
def test_the_queue_takes_as_many_queries_for_thirty_complaints_as_for_three(
        url, viewer, request, bureau_officer, pilot_user, django_assert_max_num_queries):
    """The bureau's queue, and the enterprise's: each complaint sent to it runs an answer clock (办法第十条)."""
    add_complaints(pilot_user, bureau_officer, SMALL)
    assert_list_flat(request.getfixturevalue(viewer), url,
                     lambda: add_complaints(pilot_user, bureau_officer, LARGE, start=100),
                     django_assert_max_num_queries, 16)


def add_decisions(pilot_user, officer, n: int, *, start: int = 0) -> None:
    """n rectification decisions prepared on complaints, waiting for the head (maker–checker)."""
    add_complaints(pilot_user, officer, n, start=start)
    for complaint in Complaint.objects.order_by("-id")[:n]:
        prepare_decision(CaseKind.COMPLAINT, complaint.pk, LetterKind.RECTIFICATION, actor=officer, today=COMPLAINED_ON,
                         facts="投诉反映车辆漆面与描述不符。", deadline=COMPLAINED_ON + timedelta(days=30))


@pytest.mark.parametrize("url", DECISION_LISTS)
def test_the_decision_list_takes_as_many_queries_for_thirty_decisions_as_for_three(
        url, bureau_officer, pilot_user, django_assert_max_num_queries):
    add_decisions(pilot_user, bureau_officer, SMALL)
    assert_list_flat(bureau_officer, url, lambda: add_decisions(pilot_user, bureau_officer, LARGE, start=100),
                     django_assert_max_num_queries, 12)


def add_discrepancies(pilot_user, n: int, *, start: int = 0) -> None:
    Discrepancy.objects.bulk_create([
        Discrepancy(kind=DiscrepancyKind.INSPECTED_AFTER_CLEARANCE, vehicle=v, key=v.vin,
                    acting_kind=OrganisationKind.INSPECTION_BODY, found_on=COMPLAINED_ON)
        for v in add_vehicles(pilot_user.organisation, pilot_user, n, start=start)
    ])


@pytest.mark.parametrize("url", DISCREPANCY_LISTS)
def test_the_discrepancy_list_takes_as_many_queries_for_thirty_as_for_three(
        url, bureau_officer, pilot_user, django_assert_max_num_queries):
    add_discrepancies(pilot_user, SMALL)
    assert_list_flat(bureau_officer, url, lambda: add_discrepancies(pilot_user, LARGE, start=100),
                     django_assert_max_num_queries, 12)
