"""Helpers for server-rendered views: how a page runs a service and shows what the rules said."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from portal.errors import RuleRefused


def add_validation_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError next to the form's fields (non-field errors for the others)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def run_action(request, action, success, *, form=None) -> bool:
    """Run `action()` (a service call); True and the `success` message when it went through.

    A refusal by the rules (RuleRefused) becomes one error message per reason, naming its
    article; a ValidationError becomes messages too, or the form's field errors when a `form`
    is given. Either way the page answers, never a 500.
    """
    try:
        action()
    except RuleRefused as exc:
        for reason in exc.as_dict()["reasons"]:
            messages.error(request, f"{reason['message']}（{reason['article']}）")
        return False
    except ValidationError as exc:
        if form is not None:
            add_validation_errors(form, exc)
        else:
            messages.error(request, "；".join(exc.messages))
        return False
    messages.success(request, success)
    return True
