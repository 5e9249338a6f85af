"""Arrange helpers for case-work tests: licence requests written through traceability's services."""

from datetime import date

from traceability.services import apply_for_licence
from traceability.tests.helpers import Officials, make_ready, register

REQUESTED_ON = date(2026, 6, 15)


def requested_licence(enterprise_user, *, vehicles: int = 1, today: date = REQUESTED_ON):
    """A licence request (实施方案三(二)) for ready vehicles of the user's pilot enterprise."""
    officials = Officials()
    # The inspection is dated on or before the request (eligibility counts only earlier reports, v1.1).
    on = min(today, date(2026, 6, 1))
    vins = [make_ready(register(enterprise_user), officials, on=on).vin for _ in range(vehicles)]
    return apply_for_licence(vins, "KZ", actor=enterprise_user, today=today)


def assert_maker_refused_as_checker(decision, maker, today: date) -> None:
    """Maker–checker: the maker, even holding the head's role too, may not authorise (same_official)."""
    import pytest
    from django.contrib.auth.models import Group

    from casework.decisions import authorise_decision
    from portal.errors import RuleRefused

    maker.groups.add(Group.objects.get(name="bureau_head"))
    both_roles = type(maker).objects.get(pk=maker.pk)
    with pytest.raises(RuleRefused) as refused:
        authorise_decision(decision, actor=both_roles, today=today)
    assert refused.value.reasons[0].code == "same_official"
