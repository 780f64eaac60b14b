from django import template
from django.template.defaultfilters import date
from django.utils import timezone
from django.utils.html import format_html

from ..dates import machine_time

register = template.Library()


@register.filter
def iso(value):
    """A time for a meta tag or an attribute: ISO 8601 to the second."""
    return machine_time(value) if value else ""


@register.simple_tag
def time_element(value, display_format):
    """``<time>`` with the machine-readable time, showing ``value`` in ``display_format`` (Django's date)."""
    return format_html(
        '<time datetime="{}">{}</time>', machine_time(value), date(timezone.localtime(value), display_format)
    )
