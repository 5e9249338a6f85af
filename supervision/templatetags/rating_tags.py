"""好差评 (issue 23 point 4): the closed complaint's rating link, for the bureau to pass on to a complainant
who gave only a phone number."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def complaint_rating_link(context, complaint) -> str:
    from supervision.ratings import complaint_rating_url

    return context["request"].build_absolute_uri(complaint_rating_url(complaint))
