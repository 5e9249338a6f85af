"""办法第一条 ("如有调整，将另文明确"), 第三条第2项 (issue 24): an application is judged by the policy version in force
on its submission day and keeps it; a threshold raised from a future date applies only to later submissions."""

from datetime import date
from decimal import Decimal

import pytest

from applications import rules, services
from applications.models import ApplicationStatus
from portal.errors import RuleRefused
from tests.policy import publish_version

from .helpers import draft_for, submitted_for

pytestmark = pytest.mark.django_db

PUBLISHED_ON = date(2026, 6, 1)
RAISED_FROM = date(2026, 9, 1)


def _capital(checks) -> rules.CheckResult:
    return next(c for c in checks if c.code == "registered_capital")


def test_a_threshold_raised_from_a_future_date_leaves_earlier_applications_unchanged_and_applies_to_later_ones_办法第三条第2项(
        enterprise_user, other_enterprise_user, bureau_officer, bureau_head, api):
    earlier = submitted_for(enterprise_user, today=date(2026, 8, 31))  # 30,000,000 yuan: passes version 1
    assert earlier.policy_version_id == 1
    publish_version(bureau_officer, bureau_head, today=PUBLISHED_ON, effective_from=RAISED_FROM,
                    registered_capital_min="50000000")

    # The earlier application is not rejudged: its checklist, the API and its record still say version 1.
    earlier.refresh_from_db()
    assert earlier.status == ApplicationStatus.SUBMITTED and earlier.policy_version_id == 1
    assert _capital(services.submission_checklist(earlier, today=RAISED_FROM)).passed is True
    body = api(enterprise_user).get(f"/api/v1/applications/{earlier.pk}/eligibility/").json()
    assert body["eligible"] is True

    # The same facts submitted on the effective date are judged by version 2 and refused, naming the new amount.
    later = draft_for(other_enterprise_user)
    with pytest.raises(RuleRefused) as refused:
        services.submit_application(later, actor=other_enterprise_user, today=RAISED_FROM, credit_commitment=True)
    capital = next(r for r in refused.value.reasons if r.code == "registered_capital")
    assert "5000 万元" in str(capital.message) and capital.article == "办法第三条第2项"
    later.refresh_from_db()
    assert later.status == ApplicationStatus.DRAFT and later.policy_version_id is None


def test_an_application_meeting_the_new_threshold_records_the_version_that_judged_it(
        enterprise_user, bureau_officer, bureau_head):
    version = publish_version(bureau_officer, bureau_head, today=PUBLISHED_ON, effective_from=RAISED_FROM,
                              registered_capital_min="50000000")
    application = submitted_for(enterprise_user, today=RAISED_FROM, registered_capital=Decimal("50000000.00"))
    assert application.policy_version_id == version.number == 2
    assert _capital(services.submission_checklist(application)).message == "注册资本不得低于 5000 万元人民币。"


def test_the_pure_rule_takes_the_threshold_it_is_given_办法第三条第2项():
    assert rules.meets_registered_capital(Decimal("40000000"), Decimal("30000000"))
    assert not rules.meets_registered_capital(Decimal("40000000"), Decimal("50000000"))
