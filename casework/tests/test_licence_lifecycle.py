"""Licence lifecycle (issue 13 point 5; 货物出口许可证管理办法): issued, used, expired, suspended,
reinstated, surrendered, revoked — each a new append-only version with its reason, and the public
verification shows the current status as soon as the decision is made. Suspending and revoking are
adverse (domain-rules v1.1): an officer prepares, the head authorises (casework decisions)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.utils import timezone

from portal.errors import RuleRefused
from traceability.lifecycle import change_licence, versions_of
from traceability.models import LicenceStatus, LicenceVersion
from traceability.selectors import licence_valid_for
from traceability.services import append_event, lapse_expired_licences
from traceability.tests.helpers import Officials


def _decide(licence, kind, officer, head, facts):
    """domain-rules v1.1: the officer prepares the adverse decision, the head authorises it (signed letter)."""
    from casework.decisions import authorise_decision, prepare_decision

    today = timezone.localdate()
    decision = prepare_decision("licence", licence.pk, kind, actor=officer, today=today, facts=facts)
    return authorise_decision(decision, actor=head, today=today)

pytestmark = pytest.mark.django_db


def _public(client, licence):
    """The public answer for one who holds the licence (api.md v1.1: the check code of its PDF and QR)."""
    licence.refresh_from_db()
    return client.get(f"/api/v1/public/licences/{licence.number}/?code={licence.check_code}").json()


def test_issuing_records_the_first_version_with_the_vins(issued):
    (version,) = versions_of(issued)
    assert (version.version, version.change, version.status) == (1, "issued", "issued")
    assert version.snapshot["number"] == issued.number and len(version.snapshot["vins"]) == 1


def test_a_suspension_shows_at_once_in_the_public_verification_and_reinstatement_restores_it(
        issued, bureau_officer, bureau_head, client):
    today = timezone.localdate()
    _decide(issued, "licence_suspend", bureau_officer, bureau_head, "企业涉嫌虚假申报，调查期间暂停。")
    body = _public(client, issued)
    assert body["status"] == "suspended" and body["status_label"] == "已暂停"
    assert [h["change"] for h in body["history"]] == ["issued", "suspended"]
    vehicle = issued.vehicles.get()
    assert licence_valid_for(vehicle, today) is None  # a suspended licence clears nothing
    change_licence(issued, "reinstated", actor=bureau_head, today=today, reason="调查结束，未发现问题。")
    assert _public(client, issued)["status"] == "issued"
    assert licence_valid_for(vehicle, today) == issued
    assert [(v.version, v.change, v.reason) for v in versions_of(issued)][1:] == [
        (2, "suspended", "企业涉嫌虚假申报，调查期间暂停。"), (3, "reinstated", "调查结束，未发现问题。")]


def test_the_enterprise_surrenders_its_own_unused_licence(issued, pilot_user, other_enterprise_user, client):
    with pytest.raises(PermissionDenied):
        change_licence(issued, "surrendered", actor=other_enterprise_user, today=timezone.localdate(), reason="x")
    change_licence(issued, "surrendered", actor=pilot_user, today=timezone.localdate(), reason="买方取消订单。")
    assert _public(client, issued)["status"] == "surrendered"


def test_a_revoked_licence_cannot_be_reinstated(issued, bureau_officer, bureau_head):
    _decide(issued, "licence_revoke", bureau_officer, bureau_head, "伪造申请材料。")
    with pytest.raises(RuleRefused) as refused:
        change_licence(issued, "reinstated", actor=bureau_head, today=timezone.localdate(), reason="误撤")
    assert refused.value.reasons[0].code == "not_editable"


def test_an_officer_cannot_suspend_a_licence_only_the_head_decides(issued, bureau_officer):
    with pytest.raises(PermissionDenied):
        change_licence(issued, "suspended", actor=bureau_officer, today=timezone.localdate(), reason="x")
    with pytest.raises(PermissionDenied):
        change_licence(issued, "reinstated", actor=bureau_officer, today=timezone.localdate(), reason="x")


def test_customs_clearance_records_the_used_version(issued):
    vehicle = issued.vehicles.get()
    today = timezone.localdate()
    customs = Officials().customs
    declaration = {"declaration_number": "860120260000012345", "port": "太原武宿"}
    append_event(vehicle, "customs_declaration", declaration, actor=customs, occurred_on=today, today=today)
    append_event(vehicle, "customs_clearance", declaration, actor=customs, occurred_on=today, today=today)
    last = versions_of(issued).last()
    assert (last.change, last.status, last.effective_on) == ("used", LicenceStatus.USED, today)


def test_an_unused_licence_expires_with_a_version_dated_the_day_after_its_validity(issued):
    day_after = issued.valid_until + timedelta(days=1)
    assert lapse_expired_licences(issued.valid_until) == 0
    assert lapse_expired_licences(day_after) == 1
    assert lapse_expired_licences(day_after) == 0
    last = versions_of(issued).last()
    assert (last.change, last.status, last.effective_on) == ("expired", LicenceStatus.EXPIRED, day_after)


def test_licence_versions_are_append_only_in_the_database(issued):
    with pytest.raises(DatabaseError), transaction.atomic():
        LicenceVersion.objects.filter(licence=issued).update(reason="改写")
    with pytest.raises(DatabaseError), transaction.atomic():
        LicenceVersion.objects.filter(licence=issued).delete()


def test_the_public_licence_page_shows_the_current_status(issued, bureau_officer, bureau_head, client):
    _decide(issued, "licence_suspend", bureau_officer, bureau_head, "暂停")
    page = client.get(f"/verify/licence/{issued.number}/").content.decode()
    assert "已暂停" in page


def test_cancelling_a_suspended_licence_records_a_version_too(issued, bureau_officer, bureau_head):
    from traceability.services import cancel_licence

    _decide(issued, "licence_suspend", bureau_officer, bureau_head, "调查")
    cancel_licence(issued, "企业申请注销", actor=bureau_head, today=timezone.localdate())
    assert [v.change for v in versions_of(issued)] == ["issued", "suspended", "cancelled"]
