"""Issue 18: the pilot application's declaration (applications/workflow.py, 办法第三、四、五条) is the one
answer — for every state × action × role, what the service allows equals what `wf.allowed` lists, what the
page offers (a button or form marked data-action) and what the API detail's `actions` lists (api.md v1.1
"Actions", defect 3: the field was missing)."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from applications import services
from applications.models import Application, ApplicationStatus, CorrectionRequest
from applications.workflow import APPLICATION
from casework.decisions import authorise_decision, prepare_decision
from casework.models import Decision, DecisionStatus
from portal.errors import RuleRefused
from portal.roles import Role
from tests.factories import make_user
from tests.workflow_checks import service_allows

from .helpers import complete_answers

pytestmark = pytest.mark.django_db
ACTION_MARK = re.compile(r'data-action="([a-z_]+)"')


def _states(officer, today):
    """One application per state (its own enterprise: one open application per organisation)."""
    cases = {}

    def owner():
        return make_user(Role.ENTERPRISE_USER)

    def draft(**overrides):
        user = owner()
        return services.create_application(actor=user, data=complete_answers(**overrides)), user

    def submitted():
        app, user = draft()
        return services.submit_application(app, actor=user, today=today, credit_commitment=True), user

    cases["draft"] = draft()
    cases["draft, incomplete"] = draft(registered_capital=None, business_plan="", investment_plan="")
    cases["submitted"] = submitted()
    app, user = submitted()
    services.return_for_correction(app, actor=officer, today=today, items=["补充财务报表"],
                                   deadline=today + timedelta(days=10))
    cases["returned"] = (Application.objects.get(pk=app.pk), user)
    app, user = submitted()
    services.return_for_correction(app, actor=officer, today=today, items=["补充财务报表"],
                                   deadline=today + timedelta(days=10))
    CorrectionRequest.objects.filter(application=app).update(deadline=today - timedelta(days=1))
    cases["returned, deadline passed"] = (Application.objects.get(pk=app.pk), user)
    app, user = submitted()
    cases["accepted"] = (services.accept_application(app, actor=officer, today=today), user)
    app, user = submitted()
    services.accept_application(app, actor=officer, today=today)
    cases["in review"] = (services.mark_in_review(app, actor=officer), user)
    app, user = submitted()
    prepare_decision("application", app.pk, "pilot_refusal", actor=officer, today=today, facts="注册资本不足。")
    cases["submitted, refusal prepared"] = (Application.objects.get(pk=app.pk), user)
    for status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
        app, user = submitted()
        Application.objects.filter(pk=app.pk).update(status=status)
        cases[str(status)] = (Application.objects.get(pk=app.pk), user)
    return cases


def _service_allows(code, app, user, today) -> bool:
    """Whether the code's service goes through for the user (run in a savepoint, then rolled back)."""
    def run():
        if code == "submit":
            services.submit_application(app, actor=user, today=today, credit_commitment=True)
        elif code == "accept":
            services.accept_application(app, actor=user, today=today)
        elif code == "return":
            services.return_for_correction(app, actor=user, today=today, items=["x"], deadline=today + timedelta(5))
        elif code == "refuse":  # the head's side of the countersigned 不予受理: authorising the prepared decision
            decision = Decision.objects.filter(case_kind="application", object_id=app.pk, kind="pilot_refusal",
                                               status=DecisionStatus.PREPARED).first()
            if decision is None:
                raise RuleRefused([])
            authorise_decision(decision, actor=user, today=today)
        else:
            raise AssertionError(code)

    return service_allows(run)


def test_service_declaration_page_and_api_actions_agree_for_every_state_and_role(
        bureau_officer, bureau_head, enterprise_user, pilot_user, expert, police_officer, customs_officer,
        inspector, auditor, settings, tmp_path):
    from casework.signing import make_demo_credentials

    settings.LETTER_SIGNING_KEY, settings.LETTER_SIGNING_CERT = str(tmp_path / "k.pem"), str(tmp_path / "c.pem")
    make_demo_credentials(tmp_path / "k.pem", tmp_path / "c.pem", authority="太原市商务局")
    today = timezone.localdate()
    others = {"bureau_officer": bureau_officer, "bureau_head": bureau_head, "other enterprise": enterprise_user,
              "pilot_user": pilot_user, "expert": expert, "police_officer": police_officer,
              "customs_officer": customs_officer, "inspector": inspector, "auditor": auditor}
    mismatches, seen = [], set()
    for state, (app, owner) in _states(bureau_officer, today).items():
        for role, user in {"owner": owner, **others}.items():
            app = Application.objects.get(pk=app.pk)
            declared = set(APPLICATION.allowed_codes(app, user, today))
            service = {a.code for a in APPLICATION.actions if _service_allows(a.code, app, user, today)}
            api = APIClient()
            api.force_authenticate(user)
            response = api.get(f"/api/v1/applications/{app.pk}/")
            listed = set(response.json()["actions"]) if response.status_code == 200 else set()
            client = Client()
            client.force_login(user)
            page = client.get(f"/applications/{app.pk}/")
            shown = set(ACTION_MARK.findall(page.content.decode())) if page.status_code == 200 else set()
            if not declared == service == listed == shown:
                mismatches.append((state, role, sorted(declared), sorted(service), sorted(listed), sorted(shown)))
            seen |= {(code, role) for code in declared}
    assert mismatches == []
    # Every action is reachable by someone somewhere: the table is not vacuous.
    assert {code for code, _role in seen} == {a.code for a in APPLICATION.actions}


def test_the_api_detail_lists_actions_and_an_unlisted_call_is_refused_api_md_v1_1(api, enterprise_user,
                                                                                bureau_officer, auditor):
    """api.md v1.1 "Actions": the detail carries `actions`; a call not listed is 403 (role) or 409."""
    app = services.create_application(actor=enterprise_user, data=complete_answers())
    body = api(enterprise_user).get(f"/api/v1/applications/{app.pk}/").json()
    assert body["actions"] == ["submit"] and body["status"] == "draft"
    assert api(bureau_officer).get(f"/api/v1/applications/{app.pk}/").json()["actions"] == []
    assert api(bureau_officer).post(f"/api/v1/applications/{app.pk}/accept/").status_code == 409
    assert api(enterprise_user).post(f"/api/v1/applications/{app.pk}/accept/").status_code == 403
    submitted = api(enterprise_user).post(f"/api/v1/applications/{app.pk}/submit/").json()
    assert submitted["status"] == "submitted" and submitted["actions"] == []
    assert api(bureau_officer).get(f"/api/v1/applications/{app.pk}/").json()["actions"] == ["accept", "return"]
    assert api(enterprise_user).post(f"/api/v1/applications/{app.pk}/submit/").status_code == 409
