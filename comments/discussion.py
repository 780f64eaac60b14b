"""The discussion settings (the comment rules) as every worker reads them: one row, kept in the shared cache.

The environment's COMMENTS_* values are the settings until the newsroom first opens their form in the
admin, which writes them to the row (``saved_settings``); from then on the row decides. A save puts the
new row in the shared cache at once and again when its transaction commits, so that the next request in
any worker reads it; a worker that read the old row from the database meanwhile only ``add``s it, which
never replaces what a save put there. A change retires the cached pages (``pages_changed``): they show
comment sections; the kept comment lists carry the values they show (comments/display.py).
"""

import logging
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from articles.signals import pages_changed

from .models import DiscussionSettings

logger = logging.getLogger(__name__)

CACHE_KEY = "comments:discussion-settings"
SETTINGS_PK = 1
# Each field's first value: the setting of this name in newsportal/settings.py.
FROM_ENVIRONMENT = {
    "hold_all": "COMMENTS_HOLD_ALL",
    "approve_known_email": "COMMENTS_APPROVE_KNOWN_EMAIL",
    "max_links": "COMMENTS_MAX_LINKS",
    "moderation_words": "COMMENTS_MODERATION_WORDS",
    "disallowed_words": "COMMENTS_DISALLOWED_WORDS",
    "close_after_days": "COMMENTS_CLOSE_AFTER_DAYS",
    "max_depth": "COMMENTS_MAX_DEPTH",
    "per_page": "COMMENTS_PER_PAGE",
    "min_fill_seconds": "COMMENTS_MIN_FILL_SECONDS",
    "rate_limit": "COMMENTS_RATE_LIMIT",
    "rate_window_seconds": "COMMENTS_RATE_WINDOW_SECONDS",
    "notify_moderators": "COMMENTS_NOTIFY_MODERATORS",
    "ip_retention_days": "COMMENTS_IP_RETENTION_DAYS",
    "privacy_request_hours": "PRIVACY_REQUEST_HOURS",
}


def from_environment() -> dict:
    """The first values of the settings, from the environment; word lists one per line."""
    values = {field: getattr(settings, name) for field, name in FROM_ENVIRONMENT.items()}
    for field in ("moderation_words", "disallowed_words"):
        values[field] = "\n".join(values[field])
    return values


def current() -> DiscussionSettings:
    """The settings in force: from the shared cache, or from the database when it has none or is down."""
    try:
        rules = cache.get(CACHE_KEY)
    except Exception:
        logger.exception("The cache is unreachable; the discussion settings come from the database")
        rules = None
    if rules is None:
        # Until the newsroom first opens the form, the environment's values, unsaved: a reader writes nothing.
        rules = DiscussionSettings.objects.filter(pk=SETTINGS_PK).first() or DiscussionSettings(
            pk=SETTINGS_PK, **from_environment()
        )
        keep(rules, replace=False)
    return rules


def saved_settings() -> DiscussionSettings:
    """The settings' row, written with the environment's values if it is not there yet (for the admin)."""
    rules, _ = DiscussionSettings.objects.get_or_create(pk=SETTINGS_PK, defaults=from_environment())
    return rules


def keep(rules: DiscussionSettings, *, replace: bool = True) -> None:
    try:
        (cache.set if replace else cache.add)(CACHE_KEY, rules, timeout=None)
    except Exception:
        logger.exception("Could not keep the discussion settings in the cache")


def settings_saved(sender, instance: DiscussionSettings, created: bool, **kwargs) -> None:
    """post_save: every worker reads the new settings from the next request on, and pages show them."""
    keep(instance)
    transaction.on_commit(partial(keep, instance))
    if not created:  # made from the environment: nothing changed
        pages_changed.send(sender=DiscussionSettings)
