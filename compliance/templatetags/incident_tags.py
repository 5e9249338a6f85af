"""{% load incident_tags %}{% incident_from "complaint" complaint.number as incident %}: the incident a
complaint (or another source) opened, for a link on that source's page (实施方案三(四))."""

from django import template

register = template.Library()


@register.simple_tag
def incident_from(source: str, reference: str):
    from compliance.incidents.models import Incident

    if not reference:
        return None
    return Incident.objects.filter(source=source, source_reference=reference).order_by("-pk").first()
