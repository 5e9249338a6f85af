"""Issue 18, defect 2 — 注销 (《货物出口许可证管理办法》) cannot be undone: the cancel form is on a licence
page only when the declaration allows the user to cancel it now, and the page asks for a confirmation
before it (no script: a required "我确认…" checkbox, CSP-safe)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from traceability.models import LicenceStatus
from traceability.services import apply_for_licence, issue_licence
from traceability.tests.helpers import make_ready, register

pytestmark = pytest.mark.django_db
CANCEL_FORM = 'data-action="cancel"'


@pytest.fixture
def issued(pilot_user, officials, bureau_officer, bureau_head):
    today = timezone.localdate()
    vehicle = make_ready(register(pilot_user), officials)
    licence = apply_for_licence([vehicle.vin], "KZ", actor=pilot_user, today=today)
    issue_licence(licence, actor=bureau_officer, today=today)
    return issue_licence(licence, actor=bureau_head, today=today)


def _page(client, user, licence) -> str:
    client.force_login(user)
    response = client.get(reverse("traceability:licence-detail", args=[licence.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_cancel_form_is_only_on_the_page_of_one_who_may_cancel_now_货物出口许可证管理办法(
        client, issued, pilot_user, customs_officer, bureau_officer):
    assert CANCEL_FORM not in _page(client, customs_officer, issued)  # customs reads the licence, never cancels
    assert CANCEL_FORM not in _page(client, pilot_user, issued)  # the enterprise withdraws only a request
    assert CANCEL_FORM in _page(client, bureau_officer, issued)


def test_a_cancelled_licence_offers_no_cancel_form(client, issued, bureau_officer):
    from traceability.services import cancel_licence

    cancel_licence(issued, "企业申请注销。", actor=bureau_officer, today=timezone.localdate())
    assert CANCEL_FORM not in _page(client, bureau_officer, issued)


def test_the_page_asks_for_confirmation_before_cancelling_货物出口许可证管理办法(client, issued, bureau_officer):
    page = _page(client, bureau_officer, issued)
    assert "<details" in page and "我确认注销该许可证" in page and 'name="confirm"' in page
    url = reverse("traceability:licence-cancel", args=[issued.pk])
    client.post(url, {"reason": "企业申请注销。"})  # no confirmation: nothing happens
    issued.refresh_from_db()
    assert issued.status == LicenceStatus.ISSUED
    client.post(url, {"reason": "企业申请注销。", "confirm": "on"})
    issued.refresh_from_db()
    assert issued.status == LicenceStatus.CANCELLED and issued.cancelled_reason == "企业申请注销。"


def test_the_enterprise_is_refused_cancelling_its_issued_licence_409(api, issued, pilot_user):
    """api.md v1.1 "Actions": `cancel` is not listed for the enterprise on an issued licence; the call is a
    409 (its role may cancel its own request, not an issued licence)."""
    assert "cancel" not in api(pilot_user).get(f"/api/v1/licences/{issued.pk}/").json()["actions"]
    response = api(pilot_user).post(f"/api/v1/licences/{issued.pk}/cancel/", {"reason": "x"}, format="json")
    assert response.status_code == 409
    issued.refresh_from_db()
    assert issued.status == LicenceStatus.ISSUED
