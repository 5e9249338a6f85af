"""Issue 18: the discrepancy (一车一档, 办法第六、七、九条) and the 补正 (办法第五条) are declared once
(casework.workflow); the service, the page and the declaration agree for every role."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from casework import services
from casework.consistency import run_consistency_checks
from casework.models import CaseKind, Discrepancy, DiscrepancyStatus, InformationStatus
from casework.workflow import DISCREPANCY, INFORMATION
from compliance.tests.factories import exported
from portal.errors import RuleRefused
from portal.models import ActivityLog
from tests.workflow_checks import service_allows

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)


@pytest.fixture
def inspected_late(pilot):
    """实施方案三(三): inspected after clearance — the inspection body must act."""
    exported(pilot, date(2026, 1, 10), inspected_on=date(2026, 1, 12))
    run_consistency_checks(TODAY)
    return Discrepancy.objects.get()


def _resolves(discrepancy, user) -> bool:
    return service_allows(lambda: services.resolve_discrepancy(discrepancy, actor=user, today=TODAY,
                                                                resolution="已核对检测报告日期。"))


def test_only_the_agency_a_finding_names_resolves_it_and_the_page_offers_it_to_that_agency_only(
        inspected_late, inspector, police_officer, bureau_officer, bureau_head, pilot_user, client):
    for user, expected in ((inspector, True), (police_officer, False), (bureau_officer, False), (bureau_head, False),
                           (pilot_user, False)):
        assert _resolves(inspected_late, user) is expected, user
        assert ("resolve" in DISCREPANCY.allowed_codes(inspected_late, user, TODAY)) is expected, user
    client.force_login(inspector)
    page = client.get(f"/casework/case/discrepancy/{inspected_late.pk}/").content.decode()
    assert f"/casework/discrepancies/{inspected_late.pk}/resolve/" in page and "step-bar" in page


def test_resolving_records_the_check_once_and_a_second_resolution_is_refused(inspected_late, inspector, client):
    client.force_login(inspector)
    url = f"/casework/discrepancies/{inspected_late.pk}/resolve/"
    assert client.post(url, {"resolution": ""}).status_code == 400  # the field named, nothing written
    assert Discrepancy.objects.get().status == DiscrepancyStatus.OPEN
    assert client.post(url, {"resolution": "检测报告日期录入有误，已更正。"}).status_code == 302
    found = Discrepancy.objects.get()
    assert (found.status, found.resolved_on) == (DiscrepancyStatus.RESOLVED, timezone.localdate())
    assert ActivityLog.objects.filter(action="casework.discrepancy_resolved", object_id=str(found.pk)).count() == 1
    with pytest.raises(RuleRefused):
        services.resolve_discrepancy(found, actor=inspector, today=TODAY, resolution="再次处理")
    assert "/resolve/" not in client.get(f"/casework/case/discrepancy/{found.pk}/").content.decode()


def test_a_补正_is_answered_by_its_own_enterprise_by_the_deadline_办法第五条(
        pilot_user, other_enterprise_user, bureau_officer):
    from compliance.tests.factories import issued_licence

    licence = issued_licence(pilot_user.organisation, date(2026, 1, 2), date(2026, 6, 30))
    request = services.request_information(CaseKind.LICENCE, licence.pk, actor=bureau_officer, today=TODAY,
                                           items="补充车辆照片", deadline=TODAY + timedelta(days=10))
    assert INFORMATION.allowed_codes(request, pilot_user, TODAY) == ["answer"]
    assert INFORMATION.allowed_codes(request, other_enterprise_user, TODAY) == []
    assert INFORMATION.allowed_codes(request, pilot_user, TODAY + timedelta(days=11)) == []
    with pytest.raises(PermissionDenied):
        services.answer_information(request, actor=other_enterprise_user, today=TODAY, answer="照片")
    with pytest.raises(RuleRefused) as late:
        services.answer_information(request, actor=pilot_user, today=TODAY + timedelta(days=11), answer="照片")
    assert late.value.reasons[0].code == "correction_deadline_passed"
    answered = services.answer_information(request, actor=pilot_user, today=TODAY + timedelta(days=10), answer="照片")
    assert answered.status == InformationStatus.ANSWERED
