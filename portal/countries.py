"""Countries and regions by ISO 3166-1 alpha-2 code, named in the reader's language (issue 20 point 4).

The codes and their names come from django-countries (kept in step with ISO 3166-1, translated into
zh-hans, en, ru and ar): the portal stores and answers the code (api.md), and people read the name.
"""

from functools import cache

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import Countries


class PortalCountries(Countries):
    """ISO 3166-1 with the names official Chinese usage requires where the library's translation differs."""

    override = {
        "TW": _("中国台湾"),
        "HK": _("中国香港"),
        "MO": _("中国澳门"),
        "TJ": _("塔吉克斯坦"),
        "KG": _("吉尔吉斯斯坦"),
    }


countries = PortalCountries()

# The usual destinations of Taiyuan's used-car exports, offered first in the picker.
FREQUENT = ("KZ", "RU", "UZ", "KG", "TJ", "MN", "AE", "SA", "JO", "GE", "AZ", "NG")


def is_country_code(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code, as the API takes it (upper case, exactly two letters)."""
    return isinstance(code, str) and len(code) == 2 and code in countries.countries


def country_name(code: str | None) -> str:
    """The country's name in the active language; an unknown value is shown as it was stored."""
    if not code:
        return ""
    return str(countries.name(code)) if is_country_code(code) else str(code)


def parse_country(text) -> str:
    """The code a person meant: a code in any case, or the name in Chinese or English; "" when none."""
    text = str(text or "").strip()
    if is_country_code(text.upper()):
        return text.upper()
    return _codes_by_name().get(text.casefold(), "")


@cache
def _codes_by_name() -> dict[str, str]:
    """Every name in Chinese and English (and the library's other spelling of it) -> code."""
    found = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            for code, entry in countries.countries.items():
                names = entry.get("names", [entry.get("name")]) if isinstance(entry, dict) else [entry]
                for name in [*names, countries.name(code)]:
                    if name:
                        found[str(name).casefold()] = code
    return found


def country_choices(*, blank: bool = False) -> list:
    """Grouped choices for a select: the usual destinations first, then every country by name."""
    names = dict(countries)
    everyone = [(code, name) for code, name in countries]
    choices = [(_("常用目的国"), [(code, names[code]) for code in FREQUENT]),
               (_("全部国家和地区"), everyone)]
    return ([("", "—")] if blank else []) + choices
