"""Issue 20: no code a person could meet appears as raw text on a page the journeys visit. The codes
come from the label tables themselves (one fact in one place), so a new code is checked as it is added."""

import functools
import re


@functools.cache
def person_facing_codes() -> frozenset[str]:
    from applications.models import JudgementCriterion
    from compliance.models import RuleCode
    from portal import logdisplay
    from review.rules import Criterion
    from traceability.events import EVENT_FIELDS

    codes = {code for code in logdisplay._LABELS if not code.endswith("*")}  # logged action codes
    codes |= {str(c) for c in RuleCode.values} | {str(c) for c in JudgementCriterion.values}
    codes |= {str(c) for c in Criterion.values}
    codes |= {spec.name for specs in EVENT_FIELDS.values() for spec in specs}
    codes |= {rule.code for rule in _declared_rules()}  # refusal reasons and checklist items
    # Only what cannot be an ordinary word: codes with an underscore or a dot.
    return frozenset(code for code in codes if "_" in code or "." in code)


def _declared_rules():
    """Every Rule declared at module level in portal and each app's rules module."""
    from importlib import import_module

    from portal.errors import Rule

    for name in ("portal.errors", "portal.corrections", "applications.rules", "review.rules", "traceability.rules",
                 "compliance.rules", "supervision.rules", "casework.rules"):
        yield from (value for value in vars(import_module(name)).values() if isinstance(value, Rule))


@functools.cache
def _pattern() -> re.Pattern:
    alternatives = "|".join(re.escape(c) for c in sorted(person_facing_codes(), key=len, reverse=True))
    return re.compile(rf"(?<![\w./-])(?:{alternatives})(?![\w./-])")


def raw_codes_in(text: str) -> list[str]:
    return sorted(set(_pattern().findall(text)))


def assert_no_raw_codes(page) -> None:
    """The visible text of the page (not URLs, attributes or form values) names no code."""
    found = raw_codes_in(page.locator("body").inner_text())
    assert not found, f"{page.url}: codes shown to a person: {found}"
