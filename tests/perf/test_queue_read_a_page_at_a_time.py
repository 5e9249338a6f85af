"""Issue 25: the work queue is ordered, counted and cut to its page in PostgreSQL (at 1M vehicles the bureau's
queue held 13,889 open discrepancies, and every request read them all into Python: 1.25 s of CPU a page).
The page and the whole queue (the export) must still agree, row for row and in order."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework import queue
from casework.models import CaseKind, Discrepancy, DiscrepancyKind
from casework.queue import QueueFilter, QueueRows, waiting_keys, work_queue
from portal.roles import OrganisationKind
from supervision.models import Complaint, ComplaintStatus
from tests.perf.helpers import COMPLAINED_ON, add_complaints, add_vehicles

pytestmark = pytest.mark.django_db
TODAY = date(2026, 7, 1)


@pytest.fixture
def crowded(pilot_user, bureau_officer):
    """60 open discrepancies for the bureau and 4 complaints waiting for it with their answer due (办法第十条)."""
    vehicles = add_vehicles(pilot_user.organisation, pilot_user, 60, start=500)
    Discrepancy.objects.bulk_create([
        Discrepancy(kind=DiscrepancyKind.INSPECTED_AFTER_CLEARANCE, vehicle=v, key=v.vin,
                    acting_kind=OrganisationKind.COMMERCE_BUREAU, found_on=COMPLAINED_ON - timedelta(days=k))
        for k, v in enumerate(vehicles)
    ])
    add_complaints(pilot_user, bureau_officer, 8)
    # four of them back with the bureau (received, its answer due): the queue mixes due dates and none
    back = Complaint.objects.order_by("id").values_list("pk", flat=True)[:4]
    Complaint.objects.filter(pk__in=list(back)).update(status=ComplaintStatus.RECEIVED)
    return vehicles


def keys(items) -> list[str]:
    return [item.key for item in items]


@pytest.mark.parametrize("filters", [QueueFilter(), QueueFilter(kind=CaseKind.DISCREPANCY), QueueFilter(q="LFV2A"),
                                     QueueFilter(overdue=True), QueueFilter(assigned="unassigned")])
def test_issue_25_every_page_is_the_slice_of_the_whole_queue(crowded, bureau_officer, filters):
    whole = work_queue(bureau_officer, filters, today=TODAY)
    rows = QueueRows(bureau_officer, filters, today=TODAY)
    assert rows.count() == len(whole)
    pages = [rows[start:start + 25] for start in range(0, len(whole) + 25, 25)]
    assert keys(item for page in pages for item in page) == keys(whole)
    # the due dates first (the complaints' answer clocks), then the cases without one
    dues = [item.due_on for item in whole]
    assert filters.kind or filters.q or any(dues)
    assert dues == sorted(dues, key=lambda d: (d is None, d or date.max))


def test_issue_25_the_queue_page_asks_postgresql_for_its_25_rows(crowded, bureau_officer, client):
    """Page 2 of 64: the keys are read with LIMIT 25 OFFSET 25, then only those rows with their words."""
    client.force_login(bureau_officer)
    client.get("/casework/?page=2")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/casework/?page=2")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].paginator.count == 64
    # the union's statements are PREPAREd once per connection: EXECUTE name(parameters)
    texts = {name: text for name, text in queue._STATEMENTS.values()}
    executed = [re.match(r"EXECUTE (\w+)\((.*)\)$", q["sql"], re.S) for q in ctx.captured_queries]
    union_reads = [(texts[m.group(1)], m.group(2)) for m in executed if m and m.group(1) in texts]
    assert len(union_reads) == 3  # the count, the page's keys, the page's rows: never the whole queue
    count, page_keys, rows = (text for text, _args in union_reads)
    assert count.startswith("SELECT count(*) FROM (")
    assert page_keys.endswith("LIMIT %s OFFSET %s") and union_reads[1][1].endswith(", 25, 25")
    assert rows.endswith("WHERE q_kind = ANY(%s) AND q_pk = ANY(%s)") and "casework_discrepancy" in rows
    shown = [item.key for item in response.context["page"].object_list]
    assert shown == keys(work_queue(bureau_officer, today=TODAY))[25:50]


def test_issue_25_a_case_page_checks_its_own_key_not_the_whole_queue(crowded, bureau_officer, police_officer):
    """waiting_keys (the case page, assignment, notes): which of these keys wait for this user, one query."""
    discrepancy = Discrepancy.objects.order_by("id").first()
    key = f"{CaseKind.DISCREPANCY}:{discrepancy.pk}"
    with CaptureQueriesContext(connection) as ctx:
        assert waiting_keys(bureau_officer, [key, "discrepancy:0", "nonsense", "licence:x"], today=TODAY) == {key}
    assert len(ctx.captured_queries) == 1
    assert waiting_keys(police_officer, [key], today=TODAY) == set()  # the bureau's, not the police's
