"""实施方案三(四): "对于出现重大问题的企业，取消试点资格" — a serious complaint can open a revocation case."""

from datetime import date

import pytest

from compliance.models import RevocationCase
from portal.errors import RuleRefused
from supervision import services
from supervision.models import Severity

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 2)


def _complaint(pilot, severity, bureau_officer):
    complaint = services.lodge_complaint(
        enterprise=pilot.uscc, category="fraud", description="收款后未交车。", contact_name="李四",
        contact_phone="13912345678", today=TODAY,
    )
    return services.triage_complaint(complaint, severity, actor=bureau_officer, today=TODAY)


def test_a_serious_complaint_opens_a_revocation_case_under_article_12(pilot, bureau_officer):
    complaint = _complaint(pilot, Severity.SERIOUS, bureau_officer)
    case = services.request_revocation(complaint, "serious_dishonesty", actor=bureau_officer, today=TODAY,
                                       reason="多名境外买家投诉收款后未交车。")
    assert RevocationCase.objects.filter(pk=case.pk, enterprise=pilot).exists()
    assert case.source == f"complaint:{complaint.number}"
    with pytest.raises(RuleRefused) as again:
        services.request_revocation(complaint, "serious_dishonesty", actor=bureau_officer, today=TODAY, reason="再次")
    assert again.value.reasons[0].code == "complaint_revocation_already_requested"


def test_a_minor_complaint_cannot_open_a_revocation_case(pilot, bureau_officer):
    """实施方案三(四): only a serious complaint."""
    complaint = _complaint(pilot, Severity.MINOR, bureau_officer)
    with pytest.raises(RuleRefused) as refused:
        services.request_revocation(complaint, "other", actor=bureau_officer, today=TODAY, reason="x")
    assert refused.value.reasons[0].code == "complaint_not_serious"
    assert not RevocationCase.objects.filter(enterprise=pilot).exists()
