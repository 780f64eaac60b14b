from django import template

from ..dashboard import newsroom_queues

register = template.Library()


@register.simple_tag(takes_context=True)
def newsroom_dashboard(context):
    """The newsroom's queues for the user looking at the admin index."""
    return newsroom_queues(context["request"].user)
