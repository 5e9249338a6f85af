"""货物出口许可证管理办法: a licence unused at the end of its validity lapses."""

from datetime import date

from compliance.models import Obligation, ObligationStatus, RuleCode
from compliance.rules import licence_valid_until
from compliance.services import run_compliance
from compliance.tests.factories import issued_licence


def test_licence_rules_validity_is_the_earlier_of_6_months_and_31_december():
    assert licence_valid_until(date(2025, 3, 31)) == date(2025, 9, 30)
    assert licence_valid_until(date(2025, 8, 15)) == date(2025, 12, 31)


def test_licence_rules_a_licence_used_on_its_last_day_is_met_and_an_unused_one_lapses(pilot):
    used = issued_licence(pilot, date(2025, 8, 15), date(2025, 12, 31), used_on=date(2025, 12, 31))
    unused = issued_licence(pilot, date(2025, 8, 15), date(2025, 12, 31))
    run_compliance(date(2026, 1, 1))
    assert Obligation.objects.get(rule=RuleCode.LICENCE_EXPIRY, licence=used).status == ObligationStatus.MET
    lapsed = Obligation.objects.get(rule=RuleCode.LICENCE_EXPIRY, licence=unused)
    assert (lapsed.status, lapsed.overdue_since) == (ObligationStatus.OVERDUE, date(2026, 1, 1))
