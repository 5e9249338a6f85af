"""Declared workflows (issue 18): one declaration per case kind, read by services, pages, API,
work queues and the 办事指南.

A `Workflow` is a plain table: its states (the model's TextChoices) and its `Action`s. Each action
names the states it may be taken in, the roles that may take it, a named guard, the article, whether
it is adverse to the enterprise, whether a second official must authorise it, the clock it starts,
pauses or stops, the letter it produces and who acts next. Nothing here knows an app: each app
declares its workflows in its own `workflow.py` and registers them in `AppConfig.ready()`.

- Services call `wf.check(obj, "code", actor=…, today=…)` after locking the row: a wrong role is a
  PermissionDenied (403), a wrong state or a failed guard a RuleRefused (409 with reasons).
- Pages and the API call `wf.allowed(obj, user, today)` (the API's `"actions"`, api.md v1.1).
- Work queues call `wf.states_awaiting(role)`: the states in which that role has something to do.

Why a table and not django-fsm-2 or viewflow's fsm (CONTRIBUTING.md): a transition here carries
facts the law cares about (article, adverse, countersignature, clock, letter) that those libraries
do not model, several actions end in a state another service sets (the head's authorisation runs
through case work), and the queue and guide read the table as data without a model instance.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .errors import NOT_PREPARED, SAME_OFFICIAL, Rule, RuleRefused
from .roles import Role, role_names

WRONG_STATE = Rule("not_editable", "api.md", _("当前状态下不能进行此操作。"))

# A guard: (the case, the acting user, today) -> the rule it fails, or None. Guards are pure over the
# loaded case where they can be; a guard that must read the database says so in its name.
Guard = Callable[[object, object, date], Rule | None]


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    sources: tuple[str, ...]
    roles: tuple[str, ...]
    article: str
    target: str | None = None  # the state after the action; None where the service decides (e.g. approve/refuse)
    guards: tuple[Guard, ...] = ()
    adverse: bool = False  # adverse to the enterprise: domain-rules.md v1.1, two officials and a signed letter
    countersigned: bool = False  # prepared by an officer, authorised by the head (never the same user)
    own_organisation: bool = False  # an enterprise user acts only on its own organisation's case
    clock: str = ""  # "start:<kind>", "pause:<kind>", "stop:<kind>" or ""
    letter: str = ""  # the LetterKind the action produces, or ""
    next_actor: str = ""  # who acts after it: a Role value, "enterprise" or "" (the case ends)
    confirm: bool = False  # the page asks before it (cannot be undone)
    # The case waits in the role's work queue for this action (False: an action the role MAY take, such as
    # cancelling, or the head's side of a countersigned decision, which waits in the queue as that decision).
    waits: bool = True
    # A per-object right beside the role (e.g. a review panel member on an application): fn(case, user) -> bool;
    # False is a 403 and the action is not offered, like a wrong role.
    permitted: Callable[[object, object], bool] | None = None

    def takes_role(self, user) -> bool:
        return bool(role_names(user) & {str(r) for r in self.roles})


@dataclass(frozen=True)
class Step:
    """One station of the step bar: the states that stand at it."""
    label: str
    states: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    """The 办事指南 of a public service (rendered on /guide/<kind>/)."""
    title: str
    basis: str
    conditions: tuple[tuple[str, str], ...] = ()  # (article, condition)
    materials: tuple[str, ...] = ()
    time_limit: str = ""
    decided_by: str = ""
    appeal: str = ""


@dataclass(frozen=True)
class Workflow:
    kind: str
    label: str
    state_field: str
    states: type  # TextChoices
    actions: tuple[Action, ...]
    steps: tuple[Step, ...] = ()
    enterprise_field: str = "enterprise_id"  # where the case names its enterprise (own_organisation)
    guide: Guide | None = None
    wrong_state: Rule = WRONG_STATE  # the refusal of an action out of its states (%(status)s: the state's label)
    _by_code: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        codes = [a.code for a in self.actions]
        if len(codes) != len(set(codes)):
            raise ValueError(f"{self.kind}: an action code is declared twice")
        known = {str(s) for s in self.states.values}
        for action in self.actions:
            unknown = {str(s) for s in action.sources} - known
            if action.target:
                unknown |= {str(action.target)} - known
            if unknown:
                raise ValueError(f"{self.kind}.{action.code}: unknown states {sorted(unknown)}")
            if action.countersigned and Role.BUREAU_HEAD in action.roles and Role.BUREAU_OFFICER in action.roles:
                raise ValueError(f"{self.kind}.{action.code}: a countersigned step is one role's")
        self._by_code.update({a.code: a for a in self.actions})

    # --- reading the table ---------------------------------------------------------------------

    def action(self, code: str) -> Action:
        return self._by_code[code]

    def state_of(self, obj) -> str:
        return str(getattr(obj, self.state_field))

    def state_label(self, state: str) -> str:
        return str(self.states(state).label)

    def states_awaiting(self, role: str) -> list[str]:
        """The states in which `role` has an action (the work queue's filter)."""
        found: list[str] = []
        for action in self.actions:
            if role in action.roles and action.waits:
                found += [str(s) for s in action.sources if str(s) not in found]
        return found

    def adverse_actions(self) -> list[Action]:
        return [a for a in self.actions if a.adverse]

    # --- deciding for one case ----------------------------------------------------------------

    def _owns(self, action: Action, obj, user) -> bool:
        if not action.own_organisation or Role.ENTERPRISE_USER not in role_names(user):
            return True
        return getattr(obj, self.enterprise_field) == getattr(user, "organisation_id", None)

    def refusals(self, obj, code: str, user, today: date) -> tuple[bool, list[Rule]]:
        """(the user's role may take it, the rules it fails now). Both empty/True: allowed."""
        action = self.action(code)
        if not action.takes_role(user) or not self._owns(action, obj, user):
            return False, []
        if action.permitted is not None and not action.permitted(obj, user):
            return False, []
        if self.state_of(obj) not in {str(s) for s in action.sources}:
            return True, [self.wrong_state.refusal(status=self.state_label(self.state_of(obj)))]
        failed = [rule for guard in action.guards if (rule := guard(obj, user, today)) is not None]
        return True, failed

    def check(self, obj, code: str, *, actor, today: date) -> Action:
        """The service's check (after it locked `obj`): 403 for the wrong role, 409 otherwise."""
        may, failed = self.refusals(obj, code, actor, today)
        if not may:
            raise PermissionDenied
        if failed:
            raise RuleRefused(failed)
        return self.action(code)

    def allowed(self, obj, user, today: date) -> list[Action]:
        """Exactly the actions `user` may take on `obj` now (pages' buttons, the API's actions)."""
        result = []
        for action in self.actions:
            may, failed = self.refusals(obj, action.code, user, today)
            if may and not failed:
                result.append(action)
        return result

    def allowed_codes(self, obj, user, today: date) -> list[str]:
        return [a.code for a in self.allowed(obj, user, today)]

    def next_actor(self, obj) -> str:
        """Who acts next on the case, read from the actions open in its state."""
        state = self.state_of(obj)
        roles: list[str] = []
        for action in self.actions:
            if state in {str(s) for s in action.sources}:
                roles += [str(r) for r in action.roles if str(r) not in roles]
        return "、".join(str(Role(r).label) for r in roles)

    def guide_rows(self) -> list[dict]:
        """The 办事指南's table of steps: each action in order, who takes it, under which article."""
        return [{"label": a.label, "who": "、".join(str(Role(r).label) for r in a.roles), "article": a.article,
                 "countersigned": a.countersigned, "adverse": a.adverse, "letter": bool(a.letter)}
                for a in self.actions]

    def step_bar(self, obj) -> list[dict]:
        """The step bar: each station with done / current / todo."""
        state = self.state_of(obj)
        current = next((i for i, step in enumerate(self.steps) if state in {str(s) for s in step.states}), -1)
        return [{"label": step.label, "status": "done" if i < current else "current" if i == current else "todo"}
                for i, step in enumerate(self.steps)]


# --- the head's side of a countersigned decision -------------------------------------------------
# casework keeps the prepared decisions; it passes in a reader at ready() (portal imports no app):
# reader(case_kind, pk, letter) -> the preparing official's user id, or None when none waits.
_prepared_reader: Callable[[str, int, str], int | None] | None = None
# A case kind that keeps its preparer on its own row (the policy version, issue 24) passes its own reader.
_kind_readers: dict[str, Callable[[str, int, str], int | None]] = {}


def set_prepared_reader(reader, *, case_kind: str = "") -> None:
    global _prepared_reader
    if case_kind:
        _kind_readers[case_kind] = reader
        return
    _prepared_reader = reader


def prepared_by_another_official(case_kind: str, letter: str) -> Guard:
    """Guard of a countersigned action: an officer prepared its decision (of kind `letter`), and the
    authorising user is not that officer (domain-rules v1.1; reads the database through the reader)."""

    def prepared_by_another_official(case, user, today):
        reader = _kind_readers.get(case_kind, _prepared_reader)
        preparer = reader(case_kind, case.pk, letter) if reader else None
        if preparer is None:
            return NOT_PREPARED
        return SAME_OFFICIAL if preparer == getattr(user, "pk", None) else None

    return prepared_by_another_official


def ensure_authorised_decision(decision, *, case_kind: str, pk: int, actor) -> None:
    """A service that carries out the head's side of a countersigned action takes the casework decision
    and refuses (403) one that is not authorised by `actor` for this case: no route skips the maker."""
    if (decision is None or str(decision.status) != "authorised" or decision.authorised_by_id != actor.pk
            or decision.prepared_by_id == actor.pk or str(decision.case_kind) != case_kind
            or decision.object_id != pk):
        raise PermissionDenied


_REGISTRY: dict[str, Workflow] = {}


def register(*workflows: Iterable[Workflow]) -> None:
    for wf in workflows:
        if wf.kind in _REGISTRY and _REGISTRY[wf.kind] is not wf:
            raise ValueError(f"workflow {wf.kind} registered twice")
        _REGISTRY[wf.kind] = wf


def get(kind: str) -> Workflow:
    return _REGISTRY[kind]


def all_workflows() -> list[Workflow]:
    return list(_REGISTRY.values())


CONFIRM_FIELD = "confirm"  # the page's "不可修改" box for an action declared confirm=True


def confirmed(kind: str, code: str, data) -> bool:
    """A page's POST for an action declared `confirm=True` carries the ticked box (no inline JS: the CSP)."""
    return not get(kind).action(code).confirm or data.get(CONFIRM_FIELD) == "yes"
