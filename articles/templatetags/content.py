from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def content_lang():
    """`` lang="id"`` on what the newsroom wrote (headlines, bodies, names) in another interface language.

    Screen readers then read it with an Indonesian voice; in the site's own language nothing is added.
    """
    if translation.get_language() == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)
