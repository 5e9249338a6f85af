"""{% load criteria %}: {{ code|criterion }} shows a scoring criterion by its label (review.rules.Criterion)."""

from django import template

from review.rules import Criterion

register = template.Library()


@register.filter
def criterion(code) -> str:
    return str(Criterion(code).label) if code in Criterion.values else str(code)
