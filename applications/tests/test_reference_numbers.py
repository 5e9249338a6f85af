"""Reference numbers TY-ESC-<year>-<NNNN>: unique and gap-free per year, also under concurrency."""

import threading
from datetime import date

import pytest
from django.db import close_old_connections

from applications import services
from applications.models import ReferenceCounter
from portal.errors import RuleRefused
from portal.roles import Role
from tests.factories import make_user

from .helpers import draft_for, submitted_for


def test_numbers_count_up_within_a_year_and_restart_in_the_next(db):
    users = [make_user(Role.ENTERPRISE_USER) for _ in range(3)]

    first = submitted_for(users[0], today=date(2026, 12, 31))
    second = submitted_for(users[1], today=date(2026, 12, 31))
    third = submitted_for(users[2], today=date(2027, 1, 1))

    assert [first.reference_number, second.reference_number, third.reference_number] == [
        "TY-ESC-2026-0001", "TY-ESC-2026-0002", "TY-ESC-2027-0001"]


def test_a_refused_submission_uses_no_number(db):
    refused_user, user = make_user(Role.ENTERPRISE_USER), make_user(Role.ENTERPRISE_USER)
    with pytest.raises(RuleRefused):
        submitted_for(refused_user, today=date(2026, 6, 1), registered_capital=None)

    assert submitted_for(user, today=date(2026, 6, 1)).reference_number == "TY-ESC-2026-0001"


def test_a_resubmission_after_correction_keeps_its_number(db, bureau_officer):
    user = make_user(Role.ENTERPRISE_USER)
    application = submitted_for(user, today=date(2026, 6, 1))
    services.return_for_correction(application, actor=bureau_officer, today=date(2026, 6, 2), items=["补充材料"],
                                   deadline=date(2026, 6, 20))

    again = services.submit_application(application, actor=user, today=date(2026, 6, 10), credit_commitment=True)

    assert again.reference_number == "TY-ESC-2026-0001"
    assert ReferenceCounter.objects.get(year=2026).last_number == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_gap_free_numbers():
    count = 6
    users = [make_user(Role.ENTERPRISE_USER) for _ in range(count)]
    drafts = [draft_for(user) for user in users]
    barrier = threading.Barrier(count)
    numbers, errors = [], []

    def submit(application, user):
        try:
            barrier.wait(timeout=30)
            numbers.append(services.submit_application(application, actor=user, today=date(2026, 7, 1), credit_commitment=True).reference_number)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=submit, args=(d, u)) for d, u in zip(drafts, users, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(numbers) == [f"TY-ESC-2026-{n:04d}" for n in range(1, count + 1)]
