"""Generated from the declarations (issue 18; compliance.workflow): for every state of the rectification
order (办法第十二条第6项), the revocation case (办法第十二条) and the voluntary exit (办法第十三条), every
action and every role, what the service allows equals what `wf.allowed` lists, what the page offers
(a control marked data-action) and what the API detail's `actions` lists.

The cases are written with the models directly (fast); each service call runs in a savepoint that is
rolled back, so one case serves every role and action.
"""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from casework.decisions import authorise_decision, prepare_decision
from casework.models import Decision
from compliance import services, workflows
from compliance.models import (
    CaseStatus,
    ExitApplication,
    ExitStatus,
    RectificationOrder,
    RectificationStatus,
    RevocationCase,
)
from compliance.workflow import EXIT, RECTIFICATION, REVOCATION, pending_decision
from tests.fixtures import api_client_for
from tests.workflow_checks import service_allows

USERS = ["bureau_officer", "bureau_head", "pilot_user", "enterprise_user", "expert", "police_officer",
         "customs_officer", "inspector", "auditor"]
TODAY = timezone.localdate()
DAY = timedelta(days=1)


def _service_allows(call) -> bool:
    return service_allows(call)


def _page_actions(user, url) -> set[str]:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    if response.status_code in (403, 404):
        return set()
    assert response.status_code == 200, (url, response.status_code)
    return set(re.findall(r'data-action="(\w+)"', response.content.decode()))


def _api_actions(user, url) -> set[str]:
    response = api_client_for(user).get(url)
    if response.status_code in (403, 404):
        return set()
    assert response.status_code == 200, (url, response.status_code)
    return set(response.json()["actions"])


def _decision(kind, case_kind, obj, officer, **values):
    return Decision.objects.create(kind=kind, case_kind=case_kind, object_id=obj.pk, enterprise=obj.enterprise,
                                   facts="经查属实。", article="办法", prepared_by=officer, prepared_on=TODAY, **values)


# --- the cases, one per state (and the variants a guard tells apart) ------------------------------------


def _order(u, status, *, deadline=TODAY + 30 * DAY, maker="bureau_officer", **values):
    values.setdefault("ordered_on", None if status == RectificationStatus.PREPARED else TODAY - 5 * DAY)
    if status != RectificationStatus.PREPARED:
        values.setdefault("authorised_by", u["bureau_head"] if maker != "bureau_head" else u["bureau_officer"])
    if status in (RectificationStatus.ANSWERED, RectificationStatus.ACCEPTED, RectificationStatus.REJECTED):
        values.update(answer="已整改", answered_on=TODAY - 2 * DAY)
    return RectificationOrder.objects.create(enterprise=u["pilot_user"].organisation, reasons="报关资料不全",
                                             deadline=deadline, status=status, prepared_by=u[maker],
                                             prepared_on=TODAY - 6 * DAY, **values)


RECTIFICATION_CASES = {
    "prepared": lambda u: _order(u, RectificationStatus.PREPARED),
    "prepared_by_the_head": lambda u: _order(u, RectificationStatus.PREPARED, maker="bureau_head"),
    "prepared_deadline_passed": lambda u: _order(u, RectificationStatus.PREPARED, deadline=TODAY),
    "ordered": lambda u: _order(u, RectificationStatus.ORDERED),
    "ordered_deadline_passed": lambda u: _order(u, RectificationStatus.ORDERED, deadline=TODAY - DAY),
    "answered": lambda u: _order(u, RectificationStatus.ANSWERED),
    "rejected": lambda u: _order(u, RectificationStatus.REJECTED),
    "accepted": lambda u: _order(u, RectificationStatus.ACCEPTED),
}


def _case(u, status, *, due=TODAY + 5 * DAY, decision=None, published=False):
    values = {}
    if status != CaseStatus.NOTIFIED:
        values.update(answer="已申请信用修复", answered_on=TODAY - DAY)
    if status in (CaseStatus.REVOKED, CaseStatus.DISMISSED):
        values.update(decided_by=u["bureau_head"], decided_on=TODAY - DAY, decision_reasons="理由")
    if published:
        values["published_on"] = TODAY
    case = RevocationCase.objects.create(enterprise=u["pilot_user"].organisation, ground="serious_dishonesty",
                                         reason="严重失信", status=status, opened_on=TODAY - 10 * DAY,
                                         answer_due_on=due, **values)
    if decision is not None:
        _decision("revocation", "revocation", case, u["bureau_officer"], revoke=decision, statement_reply="不予采纳")
    return case


REVOCATION_CASES = {
    "notified_in_the_answer_period": lambda u: _case(u, CaseStatus.NOTIFIED),
    "notified_after_the_answer_period": lambda u: _case(u, CaseStatus.NOTIFIED, due=TODAY - DAY),
    "answered": lambda u: _case(u, CaseStatus.ANSWERED),
    "answered_revocation_prepared": lambda u: _case(u, CaseStatus.ANSWERED, decision=True),
    "answered_dismissal_prepared": lambda u: _case(u, CaseStatus.ANSWERED, decision=False),
    "revoked": lambda u: _case(u, CaseStatus.REVOKED, due=TODAY - 3 * DAY),
    "revoked_and_published": lambda u: _case(u, CaseStatus.REVOKED, due=TODAY - 3 * DAY, published=True),
    "dismissed": lambda u: _case(u, CaseStatus.DISMISSED, due=TODAY - 3 * DAY),
}


def _exit(u, status, *, decision=None):
    values = {} if status == ExitStatus.SUBMITTED else {"decided_by": u["bureau_head"], "decided_on": TODAY}
    application = ExitApplication.objects.create(
        enterprise=u["pilot_user"].organisation, reason="业务调整", aftersales_arrangements="委托当地服务商",
        status=status, submitted_by=u["pilot_user"], submitted_on=TODAY - 3 * DAY, **values)
    if decision:
        _decision(decision, "exit", application, u["bureau_officer"])
    return application


EXIT_CASES = {
    "submitted": lambda u: _exit(u, ExitStatus.SUBMITTED),
    "submitted_approval_prepared": lambda u: _exit(u, ExitStatus.SUBMITTED, decision="exit_approval"),
    "submitted_refusal_prepared": lambda u: _exit(u, ExitStatus.SUBMITTED, decision="exit_refusal"),
    "approved": lambda u: _exit(u, ExitStatus.APPROVED),
    "refused": lambda u: _exit(u, ExitStatus.REFUSED),
}


# --- each action's service ----------------------------------------------------------------------------


def _countersigned(case_kind, letter_kind, obj, user, carry_out):
    """The head's 签发: casework's authorisation of the matching prepared decision — the only route —
    or, where none is prepared, the workflow's own service called directly (which must refuse)."""
    pending = pending_decision(case_kind, type(obj).objects.get(pk=obj.pk))
    kind_matches = pending is not None and (
        pending.kind == letter_kind if case_kind == "exit" else pending.revoke is (letter_kind == "revoke"))
    if kind_matches:
        return lambda: authorise_decision(pending, actor=user, today=TODAY)
    return lambda: carry_out(obj, decision=None, actor=user, today=TODAY)


SERVICES = {
    "rectification": {
        "authorise": lambda o, u: lambda: workflows.authorise_rectification(o, actor=u, today=TODAY),
        "answer": lambda o, u: lambda: workflows.answer_rectification(o, actor=u, today=TODAY, answer="已补齐"),
        "accept": lambda o, u: lambda: workflows.decide_rectification(o, actor=u, today=TODAY, accept=True),
        "reject": lambda o, u: lambda: workflows.decide_rectification(o, actor=u, today=TODAY, accept=False),
    },
    "revocation": {
        "answer": lambda o, u: lambda: services.answer_case(o, actor=u, today=TODAY, answer="陈述"),
        "prepare": lambda o, u: lambda: prepare_decision("revocation", o.pk, "revocation", actor=u, today=TODAY,
                                                         facts="经查属实。", revoke=True, statement_reply="不予采纳"),
        "revoke": lambda o, u: _countersigned("revocation", "revoke", o, u, services.decide_case),
        "dismiss": lambda o, u: _countersigned("revocation", "dismiss", o, u, services.decide_case),
        "publish": lambda o, u: lambda: services.publish_case(o, actor=u, today=TODAY),
    },
    "exit": {
        "prepare": lambda o, u: lambda: prepare_decision("exit", o.pk, "exit_approval", actor=u, today=TODAY,
                                                         facts="材料齐全。"),
        "approve": lambda o, u: _countersigned("exit", "exit_approval", o, u, services.decide_exit),
        "refuse": lambda o, u: _countersigned("exit", "exit_refusal", o, u, services.decide_exit),
    },
}

KINDS = {
    "rectification": (RECTIFICATION, RECTIFICATION_CASES, "/compliance/rectifications/{}/",
                      "/api/v1/compliance/rectifications/{}/"),
    "revocation": (REVOCATION, REVOCATION_CASES, "/compliance/cases/{}/", "/api/v1/compliance/cases/{}/"),
    "exit": (EXIT, EXIT_CASES, "/compliance/exit/{}/", "/api/v1/compliance/exits/{}/"),
}
SCENARIOS = [(kind, name) for kind, (_wf, cases, _p, _a) in KINDS.items() for name in cases]


def test_every_declared_state_and_action_has_a_scenario_and_a_service():
    for kind, (wf, cases, _page, _api) in KINDS.items():
        assert set(SERVICES[kind]) == {a.code for a in wf.actions}, kind
        built = {name.split("_")[0] for name in cases}
        assert {str(s) for s in wf.states.values} <= built, kind


@pytest.mark.parametrize(("kind", "scenario"), SCENARIOS, ids=[f"{k}-{s}" for k, s in SCENARIOS])
def test_the_service_the_declaration_the_page_and_the_api_agree(db, request, kind, scenario):
    """办法第十二条、第十三条; domain-rules v1.1: one answer to "who may do what now" for each role."""
    users = {name: request.getfixturevalue(name) for name in USERS}
    wf, cases, page_url, api_url = KINDS[kind]
    obj = cases[scenario](users)
    for name, user in users.items():
        fresh = type(obj).objects.get(pk=obj.pk)
        declared = set(wf.allowed_codes(fresh, user, TODAY))
        served = {code for code, make in SERVICES[kind].items()
                  if _service_allows(make(type(obj).objects.get(pk=obj.pk), user))}
        assert served == declared, (name, "service", served, declared)
        assert _page_actions(user, page_url.format(obj.pk)) == declared, (name, "page")
        assert _api_actions(user, api_url.format(obj.pk)) == declared, (name, "api")
