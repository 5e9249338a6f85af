"""Arrange helpers for case-work tests: licence requests written through traceability's services."""

from datetime import date

from traceability.services import apply_for_licence
from traceability.tests.helpers import Officials, make_ready, register

REQUESTED_ON = date(2026, 6, 15)


def requested_licence(enterprise_user, *, vehicles: int = 1, today: date = REQUESTED_ON):
    """A licence request (实施方案三(二)) for ready vehicles of the user's pilot enterprise."""
    officials = Officials()
    vins = [make_ready(register(enterprise_user), officials).vin for _ in range(vehicles)]
    return apply_for_licence(vins, "KZ", actor=enterprise_user, today=today)
