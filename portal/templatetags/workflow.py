"""{% load workflow %}: the step bar and the actions of a declared workflow (portal.workflow).

    {% step_bar "licence" licence %}                 the stations, done / current / todo
    {% allowed_actions "licence" licence as actions %} the action codes the user may take now
    {% confirm_box "review_round" "close_scoring" %}  the required "不可修改" box of a confirm=True action
"""

from django import template
from django.utils import timezone

from portal import workflow

register = template.Library()


@register.inclusion_tag("portal/_step_bar.html")
def step_bar(kind, obj):
    wf = workflow.get(kind)
    return {"steps": wf.step_bar(obj), "state": wf.state_label(wf.state_of(obj)), "next_actor": wf.next_actor(obj)}


@register.simple_tag(takes_context=True)
def allowed_actions(context, kind, obj):
    user = context["request"].user
    return set(workflow.get(kind).allowed_codes(obj, user, timezone.localdate()))


@register.inclusion_tag("portal/_confirm_box.html")
def confirm_box(kind, code, text=""):
    """The box a page's form needs for an action declared confirm=True (checked by workflow.confirmed)."""
    action = workflow.get(kind).action(code)
    return {"show": action.confirm, "field": workflow.CONFIRM_FIELD, "label": action.label, "text": text}
