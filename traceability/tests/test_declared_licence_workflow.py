"""Issue 18: the export licence's declaration (traceability/workflow.py; 实施方案三(二), 《货物出口许可证管理
办法》) is the one answer — for every state × action × role, what the service allows equals what
`wf.allowed` lists, what the licence page offers (marked data-action) and what `GET /api/v1/licences/{id}/`
lists in `actions` (api.md v1.1 "Actions", defect 3: the field was missing; the officer's `prepare` is the
contract's `issue`)."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from casework.decisions import authorise_decision, prepare_decision
from casework.models import Decision, DecisionStatus
from portal.errors import RuleRefused
from portal.roles import Role
from tests.factories import PilotEnterpriseFactory, make_user
from tests.workflow_checks import service_allows
from traceability import services
from traceability.lifecycle import change_licence
from traceability.models import Licence, LicenceStatus
from traceability.tests.helpers import make_ready, register
from traceability.workflow import LICENCE, api_codes

pytestmark = pytest.mark.django_db
ACTION_MARK = re.compile(r'data-action="([a-z_]+)"')
COUNTERSIGNED_LETTER = {a.code: a.letter for a in LICENCE.actions if a.adverse}
DIRECT_CHANGE = {"reinstate": "reinstated", "surrender": "surrendered"}


@pytest.fixture(autouse=True)
def _signing(settings, tmp_path):
    from casework.signing import make_demo_credentials

    settings.LETTER_SIGNING_KEY, settings.LETTER_SIGNING_CERT = str(tmp_path / "k.pem"), str(tmp_path / "c.pem")
    make_demo_credentials(tmp_path / "k.pem", tmp_path / "c.pem", authority="太原市商务局")


def _states(owner, officials, officer, head, today):
    def requested():
        vehicle = make_ready(register(owner), officials)
        return services.apply_for_licence([vehicle.vin], "KZ", actor=owner, today=today)

    def prepared():
        return services.issue_licence(requested(), actor=officer, today=today)

    def issued():
        return services.issue_licence(prepared(), actor=head, today=today)

    def decided(licence, letter):
        decision = prepare_decision("licence", licence.pk, letter, actor=officer, today=today, facts="经查，材料不实。")
        authorise_decision(decision, actor=head, today=today)
        return Licence.objects.get(pk=licence.pk)

    def with_prepared(licence, letter):
        prepare_decision("licence", licence.pk, letter, actor=officer, today=today, facts="经查，材料不实。")
        return licence

    cases = {"requested": requested(), "prepared": prepared(), "issued": issued()}
    cases["requested, refusal prepared"] = with_prepared(requested(), "refusal")
    cases["prepared, refusal prepared"] = with_prepared(prepared(), "refusal")
    cases["issued, suspension prepared"] = with_prepared(issued(), "licence_suspend")
    cases["issued, revocation prepared"] = with_prepared(issued(), "licence_revoke")
    cases["suspended"] = decided(issued(), "licence_suspend")
    cases["suspended, revocation prepared"] = with_prepared(decided(issued(), "licence_suspend"), "licence_revoke")
    cases["revoked"] = decided(issued(), "licence_revoke")
    cases["refused"] = decided(requested(), "refusal")
    cancelled = issued()
    services.cancel_licence(cancelled, "注销", actor=officer, today=today)
    cases["cancelled"] = cancelled
    surrendered = issued()
    change_licence(surrendered, "surrendered", actor=owner, today=today, reason="交回")
    cases["surrendered"] = surrendered
    for status in (LicenceStatus.USED, LicenceStatus.EXPIRED):
        licence = issued()
        Licence.objects.filter(pk=licence.pk).update(status=status)
        cases[str(status)] = licence
    return cases


def _service_allows(code, licence, user, today) -> bool:
    """Whether the route for `code` goes through for the user (in a savepoint, rolled back)."""
    def run():
        if code in ("prepare", "issue"):  # one service, api.md's `issue`: the half is the licence's state
            before = licence.status
            services.issue_licence(licence, actor=user, today=today)
            if {"prepare": LicenceStatus.REQUESTED, "issue": LicenceStatus.PREPARED}[code] != before:
                raise RuleRefused([])
        elif code in COUNTERSIGNED_LETTER:  # the head authorises the officer's prepared decision
            decision = Decision.objects.filter(case_kind="licence", object_id=licence.pk,
                                               kind=COUNTERSIGNED_LETTER[code], status=DecisionStatus.PREPARED).first()
            if decision is None:
                raise RuleRefused([])
            authorise_decision(decision, actor=user, today=today)
        elif code in DIRECT_CHANGE:
            change_licence(licence, DIRECT_CHANGE[code], actor=user, today=today, reason="原因")
        elif code == "cancel":
            services.cancel_licence(licence, "原因", actor=user, today=today)
        else:
            raise AssertionError(code)

    return service_allows(run)


def test_service_declaration_page_and_api_actions_agree_for_every_state_and_role(
        officials, bureau_officer, bureau_head, enterprise_user, expert, police_officer, customs_officer,
        inspector, auditor):
    today = timezone.localdate()
    owner = make_user(Role.ENTERPRISE_USER, organisation=PilotEnterpriseFactory())
    other_pilot = make_user(Role.ENTERPRISE_USER, organisation=PilotEnterpriseFactory())
    users = {"owner": owner, "other pilot": other_pilot, "enterprise_user": enterprise_user,
             "bureau_officer": bureau_officer, "bureau_head": bureau_head, "expert": expert,
             "police_officer": police_officer, "customs_officer": customs_officer, "inspector": inspector,
             "auditor": auditor}
    mismatches, seen = [], set()
    for state, licence in _states(owner, officials, bureau_officer, bureau_head, today).items():
        for role, user in users.items():
            licence = Licence.objects.get(pk=licence.pk)
            declared = set(LICENCE.allowed_codes(licence, user, today))
            service = {a.code for a in LICENCE.actions if _service_allows(a.code, licence, user, today)}
            api = APIClient()
            api.force_authenticate(user)
            response = api.get(f"/api/v1/licences/{licence.pk}/")
            listed = set(response.json()["actions"]) if response.status_code == 200 else set()
            client = Client()
            client.force_login(user)
            page = client.get(f"/vehicles/licences/{licence.pk}/")
            shown = set(ACTION_MARK.findall(page.content.decode())) if page.status_code == 200 else set()
            if response.status_code != 200 or page.status_code != 200:
                assert not declared, (state, role, declared)  # one who cannot see a licence acts on nothing
            if not (declared == service == shown and set(api_codes(declared)) == listed):
                mismatches.append((state, role, sorted(declared), sorted(service), sorted(listed), sorted(shown)))
            seen |= declared
    assert mismatches == []
    assert seen == {a.code for a in LICENCE.actions}  # every action is reachable somewhere


def test_the_api_detail_lists_the_contract_codes_and_an_unlisted_call_is_refused_api_md_v1_1(
        api, pilot_user, officials, bureau_officer, bureau_head, customs_officer):
    """api.md v1.1 "Actions": `issue` (prepare or issue, by who calls) and `cancel`; a call not listed is
    refused — 403 for the wrong role, 409 otherwise."""
    today = timezone.localdate()
    vehicle = make_ready(register(pilot_user), officials)
    licence = services.apply_for_licence([vehicle.vin], "KZ", actor=pilot_user, today=today)
    url = f"/api/v1/licences/{licence.pk}/"
    assert api(bureau_officer).get(url).json()["actions"] == ["issue", "cancel"]
    assert api(bureau_head).get(url).json()["actions"] == ["cancel"]
    assert api(pilot_user).get(url).json()["actions"] == ["cancel"]
    assert api(customs_officer).get(url).json()["actions"] == []
    assert api(bureau_head).post(f"{url}issue/").status_code == 409  # not_prepared
    assert api(customs_officer).post(f"{url}cancel/", {"reason": "x"}, format="json").status_code == 403
    prepared = api(bureau_officer).post(f"{url}issue/").json()
    assert prepared["status"] == "prepared" and prepared["actions"] == ["cancel"]
    assert api(bureau_head).get(url).json()["actions"] == ["issue", "cancel"]
    issued = api(bureau_head).post(f"{url}issue/").json()
    assert issued["status"] == "issued" and issued["actions"] == ["cancel"]
    assert set(issued) >= {"id", "number", "status", "enterprise", "destination_country", "vins", "requested_at",
                           "prepared_by", "issued_by", "issued_on", "valid_until", "used_on", "cancelled_reason",
                           "cancelled_on", "check_code"}
