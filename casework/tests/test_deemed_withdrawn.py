"""办法第五条 补正 (issue 13 point 3): where the setting says so, a case whose request for
information passes its deadline unanswered is deemed withdrawn by the clock job, once."""

from datetime import date

import pytest

from casework import services
from casework.models import CaseKind, InformationStatus
from portal.models import ActivityLog, Notification
from traceability.models import LicenceStatus

from .helpers import requested_licence

pytestmark = pytest.mark.django_db
ASKED_ON, DEADLINE = date(2026, 6, 16), date(2026, 6, 26)


@pytest.fixture
def asked(pilot_user, bureau_officer):
    licence = requested_licence(pilot_user)
    request = services.request_information(CaseKind.LICENCE, licence.pk, actor=bureau_officer, today=ASKED_ON,
                                           items="请补充购车合同原件扫描件", deadline=DEADLINE)
    return licence, request


def test_an_unanswered_request_past_its_deadline_withdraws_the_licence_request_once_办法第五条(asked):
    licence, request = asked
    assert services.deem_withdrawn(DEADLINE) == 0  # the deadline day itself is still in time
    assert services.deem_withdrawn(date(2026, 6, 27)) == 1
    assert services.deem_withdrawn(date(2026, 6, 27)) == 0
    assert services.deem_withdrawn(date(2026, 6, 30)) == 0
    licence.refresh_from_db()
    request.refresh_from_db()
    assert request.status == InformationStatus.WITHDRAWN
    assert licence.status == LicenceStatus.CANCELLED and "视为撤回" in licence.cancelled_reason
    assert ActivityLog.objects.filter(action="casework.deemed_withdrawn").count() == 1
    assert Notification.objects.filter(code="casework.deemed_withdrawn", recipient=licence.requested_by).count() == 1


def test_an_answered_request_is_never_deemed_withdrawn_办法第五条(asked, pilot_user):
    licence, request = asked
    services.answer_information(request, actor=pilot_user, today=date(2026, 6, 20), answer="已上传")
    assert services.deem_withdrawn(date(2026, 7, 1)) == 0
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.REQUESTED


def test_without_the_setting_an_overdue_request_stays_open_办法第五条(asked, settings):
    settings.CASEWORK_DEEMED_WITHDRAWN = []
    licence, request = asked
    assert services.deem_withdrawn(date(2026, 7, 1)) == 0
    request.refresh_from_db()
    assert request.status == InformationStatus.OPEN


@pytest.mark.django_db(transaction=True)
def test_the_clock_job_deems_withdrawn_on_a_real_worker(asked, celery_worker):
    from casework.tasks import send_clock_reminders

    result = send_clock_reminders.delay("2026-06-29").get(timeout=60)
    assert result["withdrawn"] == 1
    assert send_clock_reminders.delay("2026-06-29").get(timeout=60)["withdrawn"] == 0
