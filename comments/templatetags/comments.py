from django import template

from .. import display

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The comments under ``article`` and the reply form: the context's ``comment_form`` if one came back."""
    section = display.comment_section(context["request"], article, form=context.get("comment_form"))
    return {
        "article": article,
        "comments": section,
        "comment_list": display.comment_list_html(article, section),
        "comment_fields": display.form_fields_html(article, section.form) if section.is_open else "",
    }
