"""Issue 21: the log only grows. An event whose id was taken before a head was published but which commits
after it would slip below the head's cut and change its root: publishing waits for every writer that holds
an id, so a head always covers a prefix of the events by id that no later commit can change."""

import threading
import time

import pytest
from django.db import connection, transaction

from traceability.eventlog import check_against_heads, publish_tree_head
from traceability.services import append_event
from traceability.tests.helpers import TODAY, register


@pytest.mark.django_db(transaction=True)
def test_a_head_waits_for_an_event_being_written_and_covers_it(pilot_user):
    vehicle = register(pilot_user)
    written, release = threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                append_event(vehicle, "refurbishment", {"description": "整备"}, actor=pilot_user,
                             occurred_on=TODAY, today=TODAY)
                written.set()
                release.wait(10)
                time.sleep(0.5)  # still uncommitted while the publisher asks for its cut
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert written.wait(30)
    release.set()
    started = time.monotonic()
    head = publish_tree_head()
    waited = time.monotonic() - started
    thread.join(30)
    assert head.tree_size == 1 and waited >= 0.4  # it waited for the writer, and its event is in the head
    append_event(vehicle, "refurbishment", {"description": "再整备"}, actor=pilot_user, occurred_on=TODAY,
                 today=TODAY)
    assert check_against_heads().ok
