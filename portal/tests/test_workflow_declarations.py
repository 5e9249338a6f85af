"""Declared workflows (issue 18): the engine's answers, and the rules every registered declaration keeps.

The per-kind tests (what a service allows equals what the page offers and what `actions` lists)
live with each app; these hold for every declaration at once.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import models

from portal import workflow
from portal.errors import Rule, RuleRefused
from portal.roles import Role
from portal.workflow import Action, Step, Workflow

TODAY = date(2026, 12, 5)
LATE = Rule("late", "办法第五条", "期限已过。")


class State(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    DONE = "done", "已办结"


def _past_deadline(case, user, today):
    return LATE if today > case.deadline else None


FLOW = Workflow(
    kind="example", label="示例", state_field="status", states=State,
    actions=(
        Action("submit", "提交", (State.DRAFT,), (Role.ENTERPRISE_USER,), "办法第四条", target=State.SUBMITTED,
               guards=(_past_deadline,), own_organisation=True, next_actor=Role.BUREAU_OFFICER),
        Action("accept", "受理", (State.SUBMITTED,), (Role.BUREAU_OFFICER,), "办法第五条", target=State.DONE),
    ),
    steps=(Step("填报", (State.DRAFT,)), Step("审核", (State.SUBMITTED,)), Step("办结", (State.DONE,))),
)


class Case:
    def __init__(self, status, enterprise_id=1, deadline=TODAY):
        self.status, self.enterprise_id, self.deadline = status, enterprise_id, deadline


class Person:
    is_authenticated = True

    def __init__(self, *roles, organisation_id=None):
        self._portal_role_names = frozenset(str(r) for r in roles)
        self.organisation_id = organisation_id


ENTERPRISE = Person(Role.ENTERPRISE_USER, organisation_id=1)
OTHER_ENTERPRISE = Person(Role.ENTERPRISE_USER, organisation_id=2)
OFFICER = Person(Role.BUREAU_OFFICER)


def test_the_owner_may_submit_its_draft_in_time_and_nothing_else():
    assert FLOW.allowed_codes(Case(State.DRAFT), ENTERPRISE, TODAY) == ["submit"]
    assert FLOW.check(Case(State.DRAFT), "submit", actor=ENTERPRISE, today=TODAY).target == State.SUBMITTED


def test_a_wrong_role_or_another_organisation_is_a_403_and_sees_no_action():
    for person in (OFFICER, OTHER_ENTERPRISE):
        assert "submit" not in FLOW.allowed_codes(Case(State.DRAFT), person, TODAY)
        with pytest.raises(PermissionDenied):
            FLOW.check(Case(State.DRAFT), "submit", actor=person, today=TODAY)


def test_a_wrong_state_is_a_409_not_editable():
    with pytest.raises(RuleRefused) as refused:
        FLOW.check(Case(State.SUBMITTED), "submit", actor=ENTERPRISE, today=TODAY)
    assert [r.code for r in refused.value.reasons] == ["not_editable"]


def test_a_failed_guard_is_a_409_naming_its_rule_and_hides_the_button():
    late = Case(State.DRAFT, deadline=date(2026, 12, 4))
    assert FLOW.allowed_codes(late, ENTERPRISE, TODAY) == []
    with pytest.raises(RuleRefused) as refused:
        FLOW.check(late, "submit", actor=ENTERPRISE, today=TODAY)
    assert refused.value.reasons[0].as_dict() == {"code": "late", "article": "办法第五条", "message": "期限已过。"}


def test_the_queue_reads_the_states_a_role_acts_in_and_the_step_bar_where_a_case_stands():
    assert FLOW.states_awaiting(Role.BUREAU_OFFICER) == ["submitted"]
    assert FLOW.states_awaiting(Role.BUREAU_HEAD) == []
    assert [s["status"] for s in FLOW.step_bar(Case(State.SUBMITTED))] == ["done", "current", "todo"]
    assert FLOW.next_actor(Case(State.SUBMITTED)) == str(Role.BUREAU_OFFICER.label)


def test_a_declaration_naming_an_unknown_state_or_a_code_twice_is_refused_at_import():
    with pytest.raises(ValueError, match="unknown states"):
        Workflow("bad", "坏", "status", State, (Action("x", "x", ("nowhere",), (Role.BUREAU_OFFICER,), "—"),))
    twice = Action("x", "x", (State.DRAFT,), (Role.BUREAU_OFFICER,), "—")
    with pytest.raises(ValueError, match="twice"):
        Workflow("bad", "坏", "status", State, (twice, twice))


@pytest.mark.parametrize("wf", workflow.all_workflows(), ids=lambda wf: wf.kind)
def test_every_adverse_action_is_countersigned_by_the_head_and_names_its_article(wf):
    """domain-rules.md v1.1: an adverse decision is prepared by one official and authorised by the head."""
    for action in wf.adverse_actions():
        assert action.countersigned, f"{wf.kind}.{action.code} is adverse but not countersigned"
        assert action.roles == (Role.BUREAU_HEAD,), f"{wf.kind}.{action.code}: only the head authorises"
        assert action.article.strip(), f"{wf.kind}.{action.code} names no article"


@pytest.mark.parametrize("wf", workflow.all_workflows(), ids=lambda wf: wf.kind)
def test_every_declared_action_has_a_label_and_every_state_stands_at_a_step(wf):
    for action in wf.actions:
        assert str(action.label).strip() and str(action.label) != action.code
    if wf.steps:
        stationed = {str(s) for step in wf.steps for s in step.states}
        assert stationed == {str(s) for s in wf.states.values}, f"{wf.kind}: states without a step"


def test_every_case_kind_of_issue_18_is_declared_and_registered():
    """Issue 18: pilot application, review round and its stages, export licence, rectification order,
    revocation case, voluntary exit, complaint, discrepancy and information request."""
    assert {wf.kind for wf in workflow.all_workflows()} >= {
        "pilot_application", "review_round", "review_entry", "licence", "rectification", "revocation", "exit",
        "complaint", "discrepancy", "information"}


def test_the_public_guides_are_generated_from_the_declarations(client, db):
    """Issue 18 point 4: 办事指南 per public service: conditions with articles, steps, who decides, appeal
    (the conditions state the thresholds of the policy version in force, issue 24: hence the database)."""
    index = client.get("/guide/").content.decode()
    for kind in ("pilot_application", "licence", "exit", "complaint", "revocation"):
        wf = workflow.get(kind)
        assert f"/guide/{kind}/" in index
        page = client.get(f"/guide/{kind}/").content.decode()
        assert str(wf.guide.title) in page and str(wf.guide.time_limit) in page
        for step in wf.steps:
            assert str(step.label) in page
        for action in wf.actions:
            assert str(action.label) in page
    assert client.get("/guide/no_such_service/").status_code == 404
