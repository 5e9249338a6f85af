"""{% load history %}: recorded history in words (portal.logdisplay)."""

from django import template

from portal import logdisplay

register = template.Library()


@register.filter
def action_label(code):
    return logdisplay.action_label(str(code))


@register.filter
def from_status_label(entry):
    return logdisplay.status_label(entry, entry.from_status)


@register.filter
def to_status_label(entry):
    return logdisplay.status_label(entry, entry.to_status)


@register.filter
def changes_in_words(entry):
    return logdisplay.describe_changes(entry)


@register.filter
def audit_action(entry):
    return logdisplay.audit_action_label(entry.action)
