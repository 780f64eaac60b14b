from django import template

from .. import fragments

register = template.Library()


@register.simple_tag
def article_card(article, level, large=False):
    """The card of ``article`` in a list: ``large`` with its summary, its headline an <h``level``>."""
    return fragments.article_card(article, large=large, level=level)


@register.simple_tag
def headline_list(template_name, articles):
    """``articles`` as the list of links ``template_name`` draws: the latest, the most read."""
    return fragments.headline_list(template_name, articles)
