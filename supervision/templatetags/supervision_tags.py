from django import template

from supervision import rules

register = template.Library()

register.filter("mask_name", rules.mask_name)
register.filter("mask_phone", rules.mask_phone)
register.filter("mask_email", rules.mask_email)


@register.filter
def percent(value):
    return "—" if value is None else f"{value}%"
