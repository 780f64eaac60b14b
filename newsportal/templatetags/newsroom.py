from django import template

from articles.dashboard import newsroom_queues
from comments.dashboard import moderation_queues

register = template.Library()


@register.simple_tag(takes_context=True)
def newsroom_dashboard(context):
    """What waits for the user looking at the admin index: articles, then comments."""
    user = context["request"].user
    return newsroom_queues(user) + moderation_queues(user)
