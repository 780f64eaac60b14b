"""Counting article views for the most-read list without a database write per view.

The article page's script reports a reader's view (pages come from caches, so the
page itself cannot count), which adds one to a counter in the ``view_counts`` cache:
Redis when the site has it, else the worker's own memory. The view that brings an article's
counter to ``VIEW_COUNT_BATCH`` adds the batch to ``Article.view_count`` in one
UPDATE; ``flush_view_counts()`` writes what is left (``manage.py flush_view_counts``
from cron, and every gunicorn worker as it exits). The price: counts in the cache
are lost if it is emptied, and without Redis a worker that is killed outright
loses fewer than a batch per article it served. Readers without scripts are not
counted, and neither are most bots, which run none.
"""

import logging
import re

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest

from . import publishing
from .models import Article
from .signals import pages_changed

logger = logging.getLogger(__name__)

# Crawlers, link previews, monitors and scripts; browsers do not name a URL or these words.
NOT_A_READER = re.compile(
    r"bot|crawl|spider|slurp|archiver|fetch|preview|monitor|scan|headless|lighthouse|externalhit|"
    r"whatsapp|telegram|curl|wget|python|java/|go-http|okhttp|libwww|https?://",
    re.IGNORECASE,
)
# Headers that browsers send when they load a page ahead of, or instead of, a visit.
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")


def is_reader_view(request: HttpRequest) -> bool:
    """A person reading the page: not a bot, a prefetch, a preview or the newsroom's own staff."""
    user_agent = request.headers.get("User-Agent", "")
    if not user_agent or NOT_A_READER.search(user_agent):
        return False
    if any(request.headers.get(header) for header in PREFETCH_HEADERS):
        return False
    return not request.user.is_staff


def _key(article_id: int) -> str:
    return f"article-views:{article_id}"


def count_view(request: HttpRequest, article_id: int) -> bool:
    """Count this view of an article if a reader made it; return whether it was counted."""
    if not is_reader_view(request):
        return False
    try:
        _count(article_id)
    except Exception:  # the reader gets the page even when the counters' cache is down
        logger.exception("Could not count a view of article %s", article_id)
        return False
    return True


def _count(article_id: int) -> None:
    counts = caches["view_counts"]
    key = _key(article_id)
    try:
        pending = counts.incr(key)
    except ValueError:  # the first view since the last write
        counts.add(key, 0, timeout=None)
        pending = counts.incr(key)
    # Exactly one view sees the counter reach the batch size, even with many workers.
    if pending == settings.VIEW_COUNT_BATCH:
        _write(article_id, pending)
        _tell_if_most_read_moved()


def _write(article_id: int, views: int) -> None:
    caches["view_counts"].decr(_key(article_id), views)
    publishing.add_views(article_id, views)


def flush_view_counts(chunk_size: int = 1000) -> int:
    """Write every article's pending views to the database; return how many were written."""
    counts = caches["view_counts"]
    article_ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(article_ids), chunk_size):
        chunk = article_ids[start : start + chunk_size]
        pending = counts.get_many([_key(article_id) for article_id in chunk])
        for article_id in chunk:
            views = pending.get(_key(article_id), 0)
            if views > 0:
                _write(article_id, views)
                written += views
    if written:
        _tell_if_most_read_moved()
    return written


MOST_READ_KEY = "most-read:ranking"


def most_read_moved() -> bool:
    """Whether the most read list is another than the last time views were written."""
    ranking = list(Article.objects.published().most_read().values_list("pk", flat=True))
    if cache.get(MOST_READ_KEY) == ranking:
        return False
    cache.set(MOST_READ_KEY, ranking, timeout=None)
    return True


def _tell_if_most_read_moved() -> None:
    if most_read_moved():
        pages_changed.send(sender=Article)
