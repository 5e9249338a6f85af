"""History in words (issue 18 point 5; pretix control/logdisplay.py): one module turns recorded
action codes, statuses and audit-log changes into what a person reads.

Each app declares the labels of the action codes it logs in its own `history.py` as
`LABELS = {"app.code": _("…")}` (a trailing `*` labels a family: "application.correction_*");
`autodiscover()` reads them at start-up. Statuses are read from the model's own choices, so a status
has its label in one place. A code without a label is a defect: the test
portal/tests/test_history_in_words.py finds every code logged in the source and asks for its label.
"""

from fnmatch import fnmatchcase

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, str] = {}
# Statuses an entry records that are not its object's own (a casework decision logged on its case).
_OTHER_STATUSES: dict[str, str] = {}


def register(labels: dict) -> None:
    _LABELS.update(labels)


def autodiscover() -> None:
    """Read every installed app's `history.LABELS` (called from PortalConfig.ready())."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for config in apps.get_app_configs():
        if find_spec(f"{config.name}.history") is not None:
            module = import_module(f"{config.name}.history")
            register(module.LABELS)
            _OTHER_STATUSES.update(getattr(module, "OTHER_STATUSES", {}))


def has_label(code: str) -> bool:
    return code in _LABELS or any(fnmatchcase(code, p) for p in _LABELS if p.endswith("*"))


def action_label(code: str) -> str:
    if code in _LABELS:
        return str(_LABELS[code])
    for pattern, label in _LABELS.items():
        if pattern.endswith("*") and fnmatchcase(code, pattern):
            return str(label)
    return str(_("其他操作"))


def _field(model, name: str):
    try:
        field = model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return None
    return field if hasattr(field, "verbose_name") else None  # a reverse relation is no field of the row


def value_label(model, field_name: str, value) -> str:
    """A stored value as the field's choice label ("designated" → "试点企业"); others as they are."""
    field = _field(model, field_name)
    if value in (None, "", "None"):
        return "—"
    if field is not None and field.choices:
        return str(dict((str(k), v) for k, v in field.flatchoices).get(str(value), value))
    if isinstance(value, bool) or value in ("True", "False"):
        return str(_("是")) if str(value) == "True" else str(_("否"))
    return str(value)


def status_label(entry, value: str) -> str:
    """The label of a from/to status of an ActivityLog entry, from its object's `status` choices (or,
    for a status of another record logged on the case, from its app's OTHER_STATUSES)."""
    label = value_label(entry.content_type.model_class(), "status", value)
    return str(_OTHER_STATUSES.get(str(value), label)) if label == str(value) else label


def describe_changes(entry) -> list[tuple[str, str, str]]:
    """(field's name as people say it, old, new) of an audit-log entry's changes."""
    model = entry.content_type.model_class()
    rows = []
    for name, change in (entry.changes_dict or {}).items():
        old, new = (change + [None, None])[:2] if isinstance(change, list) else (None, change)
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        rows.append((label, value_label(model, name, old), value_label(model, name, new)))
    return rows


# The audit log's actions (django-auditlog's LogEntry.Action codes, labelled in English by the package).
AUDIT_ACTIONS = {0: _("新建记录"), 1: _("修改记录"), 2: _("删除记录"), 3: _("查阅记录")}


def audit_action_label(action) -> str:
    return str(AUDIT_ACTIONS.get(action, _("其他操作")))
