"""Times as pages give them to machines: to the second, in the site's time zone.

HTML's ``<time datetime>`` takes at most three digits after the seconds, and no reader needs more than
the second; meta tags, JSON-LD and feeds say the same time the same way.
"""

from datetime import datetime

from django.utils import timezone


def machine_time(value: datetime) -> str:
    """``value`` in ISO 8601 to the second, with the site's UTC offset: ``2026-12-01T23:49:55+07:00``."""
    return timezone.localtime(value).isoformat(timespec="seconds")
