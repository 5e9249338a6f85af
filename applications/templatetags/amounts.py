"""Amounts as people read them: 元 stored, 万元 shown with thousands separators (issue 20 point 4)."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import gettext as _

register = template.Library()

WAN = Decimal(10000)


@register.filter
def wan_number(value) -> str:
    """30000000 (元) → "3,000"; 30005000 → "3,000.5"; no trailing zeros."""
    try:
        amount = Decimal(value) / WAN
    except (InvalidOperation, TypeError, ValueError):
        return ""
    text = f"{amount:,.6f}".rstrip("0").rstrip(".")
    return text


@register.filter
def wan_yuan(value) -> str:
    """An amount in 元 written as 万元 with separators ("3,000 万元"); empty stays "—"."""
    if value in (None, ""):
        return "—"
    number = wan_number(value)
    return _("%(n)s 万元") % {"n": number} if number else str(value)
