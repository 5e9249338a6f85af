"""办法第五条 补正: a 补正 deadline has a consequence. A resubmission after the deadline is refused
(409 `correction_deadline_passed`), and the daily job applies the declared consequence per case kind
(settings.CASEWORK_DEEMED_WITHDRAWN: listed kinds are deemed withdrawn, the others go on with the
file as it stands)."""

from datetime import date

import pytest

from applications import services
from applications.models import ApplicationStatus
from casework.services import deem_withdrawn
from portal.errors import RuleRefused

from .helpers import submitted_for

pytestmark = pytest.mark.django_db
RETURNED_ON, DEADLINE = date(2026, 11, 20), date(2026, 12, 5)


@pytest.fixture
def returned(enterprise_user, bureau_officer):
    application = submitted_for(enterprise_user, today=date(2026, 11, 18))
    services.return_for_correction(application, actor=bureau_officer, today=RETURNED_ON, items=["补充信用报告"],
                                   deadline=DEADLINE)
    application.refresh_from_db()
    return application


def test_a_resubmission_after_the_补正_deadline_is_refused_办法第五条(returned, enterprise_user):
    with pytest.raises(RuleRefused) as refused:
        services.submit_application(returned, actor=enterprise_user, today=date(2026, 12, 20), credit_commitment=True)
    assert [r.code for r in refused.value.reasons] == ["correction_deadline_passed"]
    returned.refresh_from_db()
    assert returned.status == ApplicationStatus.RETURNED


def test_a_resubmission_on_the_deadline_is_in_time_办法第五条(returned, enterprise_user):
    assert services.submit_application(returned, actor=enterprise_user, today=DEADLINE, credit_commitment=True).status == \
        ApplicationStatus.SUBMITTED


def test_a_late_补正_makes_the_application_withdrawn_when_the_setting_says_so_办法第五条(returned, settings):
    settings.CASEWORK_DEEMED_WITHDRAWN = ["licence", "application"]
    assert deem_withdrawn(DEADLINE) == 0
    deem_withdrawn(date(2026, 12, 6))
    returned.refresh_from_db()
    assert returned.status == ApplicationStatus.WITHDRAWN
    assert deem_withdrawn(date(2026, 12, 7)) == 0  # once


def test_a_late_补正_sends_the_application_on_as_it_stands_when_the_setting_says_so_办法第五条(returned, settings):
    settings.CASEWORK_DEEMED_WITHDRAWN = ["licence"]
    deem_withdrawn(date(2026, 12, 6))
    returned.refresh_from_db()
    assert returned.status == ApplicationStatus.SUBMITTED
    assert returned.corrections.get().resolved_at is not None
