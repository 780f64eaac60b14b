"""Pieces of pages kept in each process under what they show, so that a cold page is cheap to render.

A fragment's key is made from every value it shows, with the language and time zone: a change to any
of them is a new key, so nothing is ever invalidated and nothing stale is ever served. The cache is
the process's memory (the ``fragments`` cache), never the shared one: a hit costs no query.
"""

import hashlib
import logging

from django.core.cache import caches
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from .models import PAGE_RELATIONS

logger = logging.getLogger(__name__)

CARD_TEMPLATE = "includes/article_card.html"


def cached_fragment(template_name: str, context, shown: tuple) -> SafeString:
    """``template_name`` rendered with ``context``, kept under ``shown``: every value the template reads.

    ``context`` is a dict, or a function that makes one, called only when the fragment is drawn.
    """
    fingerprint = repr((translation.get_language(), timezone.get_current_timezone_name(), shown))
    key = f"{template_name}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
    fragments = caches["fragments"]
    html = fragments.get(key)
    if html is None:
        html = render_to_string(template_name, context() if callable(context) else context)
        fragments.set(key, html)
    return html


def article_card(article, level: int, large: bool = False) -> SafeString:
    """An article's card; a search result's (with its highlighted snippet) is rendered every time."""
    context = {"article": article, "large": large, "level": level}
    if getattr(article, "snippet", None):
        return render_to_string(CARD_TEMPLATE, context)
    section = article.section
    shown = (
        article.pk,
        article.headline,
        article.slug,
        article.dek if large else "",
        article.publish_at,
        article.lead_image.name,
        article.lead_image_width,
        article.lead_image_height,
        article.approved_comment_count,
        section.slug,
        section.name,
        large,
        level,
    )
    return cached_fragment(CARD_TEMPLATE, context, shown)


def headline_list(template_name: str, articles) -> SafeString:
    """A list of links to ``articles`` (headline, section, time), kept under what each link shows."""
    articles = list(articles)
    shown = tuple(
        (
            article.pk,
            article.headline,
            article.slug,
            article.publish_at,
            article.section.slug,
            article.section.name,
        )
        for article in articles
    )
    return cached_fragment(template_name, {"articles": articles}, shown)


def with_page_relations(article, request) -> None:
    """Give ``article`` its authors, tags and corrections, kept per process across unrelated changes.

    Kept under the article's last edit and the names version, which every change to an author, a
    tag, an article's tags or authors, or a correction renews (``newsportal.pagecache``): a new
    comment, another article or the most read list moving keeps them.
    """
    from newsportal.pagecache import request_versions

    try:
        _, names_version = request_versions(request)
        key = f"relations:{article.pk}:{article.updated_at.isoformat()}:{names_version}"
        fragments = caches["fragments"]
        relations = fragments.get(key)
    except Exception:
        logger.exception("The page cache is unreachable; reading the article's names from the database")
        key = relations = None
    if relations is None:
        prefetch_related_objects([article], *PAGE_RELATIONS)
        if key:
            fragments.set(key, article._prefetched_objects_cache)
    else:
        # What prefetch_related() leaves on an instance: each relation's queryset, already evaluated.
        article._prefetched_objects_cache = relations
