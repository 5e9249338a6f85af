"""实施方案三(三) and style.md "Data": trace events are never changed, in the database itself."""

from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction

from traceability.models import TraceEvent
from traceability.services import append_event
from traceability.tests.helpers import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(pilot_user):
    vehicle = register(pilot_user)
    return append_event(vehicle, "refurbishment", {"description": "换胎"}, actor=pilot_user,
                        occurred_on=date(2026, 6, 1), today=date(2026, 6, 2))


def test_the_database_refuses_an_update_of_a_trace_event_by_raw_sql(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE traceability_traceevent SET payload = %s WHERE id = %s", ['{"description": "x"}', event.pk])
    event.refresh_from_db()
    assert event.payload == {"description": "换胎"}


def test_the_database_refuses_a_delete_of_a_trace_event_by_raw_sql(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM traceability_traceevent WHERE id = %s", [event.pk])
    assert TraceEvent.objects.filter(pk=event.pk).exists()


def test_a_queryset_update_or_delete_is_refused_too(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        TraceEvent.objects.filter(pk=event.pk).update(occurred_on=date(2020, 1, 1))
    with pytest.raises(DatabaseError), transaction.atomic():
        TraceEvent.objects.filter(pk=event.pk).delete()


def test_the_api_has_no_method_to_change_or_delete_events(api, pilot_user, event):
    url = f"/api/v1/vehicles/{event.vehicle.vin}/events/"
    assert api(pilot_user).put(url, {}, format="json").status_code == 405
    assert api(pilot_user).patch(url, {}, format="json").status_code == 405
    assert api(pilot_user).delete(url).status_code == 405
