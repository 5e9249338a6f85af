"""Two runs that overlap (two threads, two connections on PostgreSQL) leave each row once."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from compliance.models import Obligation, RevocationCase, Violation
from compliance.services import run_compliance
from compliance.tests.factories import exported
from portal.models import Notification
from portal.roles import Role
from tests.factories import PilotEnterpriseFactory, make_user


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_for_the_same_day_create_each_obligation_violation_and_case_once():
    make_user(Role.BUREAU_OFFICER)
    enterprises = [PilotEnterpriseFactory(designated_on=date(2025, 1, 31)) for _ in range(3)]
    for enterprise in enterprises:
        make_user(Role.ENTERPRISE_USER, organisation=enterprise)
        for day in (date(2025, 1, 31), date(2025, 2, 1)):
            exported(enterprise, day)
    barrier, errors, results = threading.Barrier(2), [], []

    def run():
        try:
            barrier.wait()
            results.append(run_compliance(date(2026, 3, 2)))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert len(results) == 2
    # 3 × (2 deregistration, first export, networks, scale, 2 no export: designation = first export
    # day, and the second export, 第十二条第2项) obligations.
    assert Obligation.objects.count() == 3 * 7
    assert sum(r.counts.get("created", 0) for r in results) == 3 * 7
    assert Violation.objects.count() == sum(r.counts.get("violations", 0) for r in results)
    assert RevocationCase.objects.count() == 3
    per_event = Notification.objects.values_list("recipient_id", "event_key")
    assert len(per_event) == len(set(per_event))
    with connection.cursor() as cursor:
        # This database's locks only: parallel test workers share the server.
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                       "(SELECT oid FROM pg_database WHERE datname = current_database())")
        assert cursor.fetchone()[0] == 0
