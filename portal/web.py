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


def cited_article(article) -> str:
    """The article a refusal names, when it is one a person can look up (办法第七条, GB 16735…); "" for
    a reference to the portal's own documents (api.md, domain-rules.md), which no reader has."""
    text = str(article or "").strip()
    return "" if not text or ".md" in text else text


def refusal_text(reason: dict) -> str:
    """A refusal as a person reads it: the message, then its article in brackets; never the code."""
    article = cited_article(reason.get("article"))
    return f"{reason['message']}（{article}）" if article else str(reason["message"])


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
            messages.error(request, refusal_text(reason))
        return False
    except ValidationError as exc:
        if form is not None:
            add_validation_errors(form, exc)
        else:
            messages.error(request, "；".join(exc.messages))
        return False
    messages.success(request, success)
    return True
