"""{% load privacy %}: {{ person.name|mask_name }}, {{ phone|mask_phone }}, {{ id_number|mask_id_number }}."""

from django import template

from portal import privacy

register = template.Library()

register.filter("mask_name", privacy.mask_name, is_safe=True)
register.filter("mask_phone", privacy.mask_phone, is_safe=True)
register.filter("mask_id_number", privacy.mask_id_number, is_safe=True)
