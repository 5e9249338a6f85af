"""Incident lists (实施方案三(四)): the list, the statistics and an incident's vehicles cost a constant number
of queries however many incidents and affected cars there are (issue 10 point 4)."""

from datetime import date

import pytest

from compliance.incidents.models import AffectedVehicle, Incident
from tests.perf.helpers import LARGE, SMALL, add_vehicles, assert_flat, client_for

pytestmark = pytest.mark.django_db

OPENED = date(2026, 6, 15)
INCIDENT_LISTS = ["/compliance/incidents/", "/compliance/incidents/?status=open", "/compliance/incidents/?q=YJ",
                  "/compliance/incidents/statistics/"]
INCIDENT_DETAIL_LISTS = ["/compliance/incidents/{incident}/"]


def add_incidents(enterprise, officer, n: int, *, start: int = 0, cars: int = 2) -> list[Incident]:
    """n open incidents of the enterprise, each touching `cars` of its vehicles (rows as the services leave them)."""
    incidents = Incident.objects.bulk_create([
        Incident(number=f"YJ2026P{start + k:05d}", enterprise=enterprise, category="safety_defect",
                 severity="serious", source="manual", title=f"事件{k}", description="制动隐患。", opened_by=officer,
                 opened_on=OPENED, ordered_on=OPENED)
        for k in range(n)])
    for k, incident in enumerate(incidents):
        add_affected(incident, officer, cars, start=10_000 * (start + k + 1))
    return incidents


def add_affected(incident, user, n: int, *, start: int) -> None:
    vehicles = add_vehicles(incident.enterprise, user, n, start=start)
    AffectedVehicle.objects.bulk_create([AffectedVehicle(incident=incident, vehicle=v, added_on=OPENED, event_seq=1)
                                         for v in vehicles])


@pytest.mark.parametrize("url", INCIDENT_LISTS)
def test_the_bureau_reads_thirty_incidents_in_as_many_queries_as_three(
        url, bureau_officer, pilot_user, django_assert_max_num_queries):
    org = pilot_user.organisation
    add_incidents(org, bureau_officer, SMALL)
    assert_flat(client_for(bureau_officer, url), url, lambda: add_incidents(org, bureau_officer, LARGE, start=100),
                django_assert_max_num_queries, 16)


def test_an_enterprise_reads_its_incidents_in_a_constant_number_of_queries(
        pilot_user, bureau_officer, django_assert_max_num_queries):
    org, url = pilot_user.organisation, INCIDENT_LISTS[0]
    add_incidents(org, bureau_officer, SMALL)
    assert_flat(client_for(pilot_user, url), url, lambda: add_incidents(org, bureau_officer, LARGE, start=100),
                django_assert_max_num_queries, 16)


@pytest.mark.parametrize("viewer", ["bureau_officer", "pilot_user"])
def test_an_incidents_vehicles_cost_the_same_queries_at_three_and_thirty_cars(
        viewer, request, bureau_officer, pilot_user, django_assert_max_num_queries):
    incident = add_incidents(pilot_user.organisation, bureau_officer, 1, cars=SMALL)[0]
    url = INCIDENT_DETAIL_LISTS[0].format(incident=incident.pk)
    assert_flat(client_for(request.getfixturevalue(viewer), url), url,
                lambda: add_affected(incident, bureau_officer, LARGE, start=500_000), django_assert_max_num_queries, 40)
