"""实施方案三(四): the cars an incident touches are found from the files by a query, saved with the query
that made them, and each car's file gets an `incident` event without personal data."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from compliance.incidents import services
from compliance.incidents.query import VehicleQuery, clean_query, find_vehicles
from compliance.tests.incident_helpers import OPENED, car, events_of, opened
from portal.errors import RuleRefused
from tests.factories import PilotEnterpriseFactory


@pytest.fixture
def fleet(pilot):
    """Seeded cars: three of the defective model exported to KZ in March, and look-alikes that must not match."""
    other = PilotEnterpriseFactory()
    hit = [car(pilot, n, brand="大众", model="速腾 1.4T", registration_date=date(2020, 5, 1),
               destination_country="KZ", cleared_on=date(2026, 1, 10 + n)) for n in range(3)]
    misses = [
        car(pilot, 10, brand="大众", model="速腾 1.4T", registration_date=date(2020, 5, 1), destination_country="RU",
            cleared_on=date(2026, 1, 12)),  # another destination
        car(pilot, 11, brand="大众", model="朗逸", registration_date=date(2020, 5, 1), destination_country="KZ",
            cleared_on=date(2026, 1, 12)),  # another model
        car(pilot, 12, brand="大众", model="速腾 1.4T", registration_date=date(2020, 5, 1), destination_country="KZ",
            cleared_on=date(2025, 6, 1)),  # exported before the period
        car(other, 13, brand="大众", model="速腾 1.4T", registration_date=date(2020, 5, 1), destination_country="KZ",
            cleared_on=date(2026, 1, 12)),  # another enterprise
    ]
    return hit, misses


QUERY = VehicleQuery(brand="大众", model="速腾 1.4T", destination_country="KZ",
                     exported_from=date(2026, 1, 1), exported_to=date(2026, 1, 31))


def test_scheme_3_4_the_affected_vehicle_query_finds_exactly_the_seeded_cars_and_no_others(pilot, fleet):
    hit, misses = fleet
    assert list(find_vehicles(pilot.pk, QUERY)) == sorted(hit, key=lambda v: v.vin)


def test_scheme_3_4_identifying_saves_the_set_with_its_query_and_writes_an_incident_event_in_each_file(
        pilot, fleet, bureau_officer):
    hit, misses = fleet
    incident = opened(pilot, bureau_officer)
    assert services.identify_vehicles(incident, QUERY, actor=bureau_officer, today=OPENED) == 3
    incident.refresh_from_db()
    assert {a.vehicle_id for a in incident.affected.all()} == {v.pk for v in hit}
    assert incident.vehicle_queries[0]["query"] == {"brand": "大众", "model": "速腾 1.4T", "destination_country": "KZ",
                                                   "exported_from": "2026-01-01", "exported_to": "2026-01-31"}
    assert incident.vehicle_queries[0]["found"] == 3
    for vehicle in hit:
        event = events_of(vehicle, "incident").get()
        assert event.payload == {"incident_number": incident.number, "category": "安全缺陷",
                                 "description": "制动管路渗漏"}  # no complainant, buyer or contact
        assert incident.affected.get(vehicle=vehicle).event_seq == event.seq
    for vehicle in misses:
        assert not events_of(vehicle, "incident").exists()


def test_scheme_3_4_running_the_query_again_adds_no_car_twice(pilot, fleet, bureau_officer):
    hit, _ = fleet
    incident = opened(pilot, bureau_officer)
    services.identify_vehicles(incident, QUERY, actor=bureau_officer, today=OPENED)
    assert services.identify_vehicles(incident, VehicleQuery(vins=(hit[0].vin,)), actor=bureau_officer,
                                      today=OPENED) == 0
    assert events_of(hit[0], "incident").count() == 1


def test_scheme_3_4_a_query_without_criteria_is_refused_and_bad_input_names_the_field(pilot, bureau_officer):
    incident = opened(pilot, bureau_officer)
    with pytest.raises(RuleRefused) as refused:
        services.identify_vehicles(incident, VehicleQuery(), actor=bureau_officer, today=OPENED)
    assert refused.value.reasons[0].code == "query_empty"
    with pytest.raises(ValidationError) as bad:
        clean_query({"destination_country": "XX", "vins": "SHORT"})
    assert set(bad.value.message_dict) == {"destination_country", "vins"}


def test_scheme_3_4_registration_licence_and_vin_criteria_select_within_the_enterprise(pilot, fleet):
    hit, misses = fleet
    by_registration = VehicleQuery(registered_from=date(2020, 5, 1), registered_to=date(2020, 5, 1))
    assert set(find_vehicles(pilot.pk, by_registration)) == set(hit) | set(misses[:3])
    assert list(find_vehicles(pilot.pk, VehicleQuery(vins=(hit[1].vin, misses[3].vin)))) == [hit[1]]
