"""The portal's own cache of the pages anonymous readers get, kept until what they show changes.

Views mark a reader's page ``Cache-Control: public`` (``articles.http.public_page``); the middleware
keeps such responses in the shared cache, and the next anonymous reader is answered from it before
Django's handler is reached (``CachedPageApplication``, the WSGI application). One content version
is kept with every entry: any change an editor or moderator makes replaces the version after its
transaction commits, so the very next reader gets the new page. Nearly every page shows the
newest articles, the sections and the most read list, so a change touches nearly every page
anyway; one version keeps invalidation exact without tracking what each page shows. Entries and
the ``max-age`` of every public response also end when the next scheduled article is due.

A request carrying a cookie that makes the page personal (a newsroom session, a comment of the
reader's own still awaiting moderation) is never answered from the cache and gets a private page.
"""

import hashlib
import logging
import math
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, BodyImage, Correction, Section
from articles.signals import pages_changed
from comments.cookies import OWN_COMMENTS_COOKIE
from pages.models import Page

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
NAMES_VERSION_KEY = "pagecache:names-version"
NEXT_PUBLISH_KEY = "pagecache:next-publish"
PAGE_KEY = "pagecache:page:{digest}"
# Where CachedPageApplication leaves, in the WSGI environ, the key and versions of a page it has not got.
LOOKED_UP = "newsportal.pagecache.looked_up"
# The query parameters that change a public page; an address with any other one is not cached.
PAGE_PARAMETERS = {"page", "cpage", "replytocom"}
# Settings that change what pages say: a page rendered under other values of them is another page
# (after a restart with a new TWITTER_SITE, the first reader gets the new markup).
MARKUP_SETTINGS = ("SITE_NAME", "TWITTER_SITE", "FEEDS_FULL_TEXT")


def personal_cookies() -> set[str]:
    return {settings.SESSION_COOKIE_NAME, OWN_COMMENTS_COOKIE}


def is_personal(request) -> bool:
    """Whether the page may show something of this visitor: their session or their pending comment."""
    return not personal_cookies().isdisjoint(request.COOKIES)


def is_public(response) -> bool:
    directives = {
        part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return "public" in directives


# The content version ------------------------------------------------------------------------


def content_version() -> str:
    """The version every cached page is filed under; made anew when the cache has none."""
    return _version(VERSION_KEY)


def names_version() -> str:
    """The version of what an article page shows beside the article's own row: its authors, tags, corrections.

    It changes far less often than the content version (never for a comment, a new article or the
    most read list), so a worker keeps an article's names across those changes (articles/fragments.py).
    A change to names is a change of content too: both versions are renewed together.
    """
    return _version(NAMES_VERSION_KEY)


def _version(key: str) -> str:
    version = cache.get(key)
    if version is None:
        cache.add(key, secrets.token_hex(8), timeout=None)
        version = cache.get(key)
    return version


def content_changed(**kwargs) -> None:
    """Retire every cached page, now and again when the current transaction commits (a signal receiver).

    Now, so that this process reads its own change; at the commit, because a reader in another
    process may have rendered the old content in between and kept it under the new version.
    """
    _renew(VERSION_KEY)


def names_changed(**kwargs) -> None:
    """An author, a tag, an article's tags or authors, or a correction changed (a signal receiver).

    Both versions in one write: a reader never gets the new content version with the old names
    version, under which names read before the commit may be kept.
    """
    _renew(VERSION_KEY, NAMES_VERSION_KEY)


def _renew(*keys: str) -> None:
    _new_versions(keys)
    transaction.on_commit(lambda: _new_versions(keys))


def _new_versions(keys) -> None:
    # Random versions, not counters: a cache that lost a key can never bring back an old one.
    try:
        cache.set_many({key: secrets.token_hex(8) for key in keys}, timeout=None)
    except Exception:
        logger.exception("Could not retire the cached pages")
    # What this process answered lately is out of date now; other processes find out from the version.
    _recent_pages.clear()


def seconds_to_next_publication(version: str) -> float:
    """How long until the next scheduled article appears (infinity if none), as known under ``version``.

    Kept in the cache with the version it was read under; under any other it is read again.
    """
    known = cache.get(NEXT_PUBLISH_KEY)
    if known is None or known[0] != version or (known[1] and known[1] <= time.time()):
        publish_at = Article.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True)
        first = publish_at.first()
        known = (version, first.timestamp() if first else 0)
        cache.set(NEXT_PUBLISH_KEY, known, timeout=settings.PAGE_CACHE_SECONDS)
    due = known[1]
    return due - time.time() if due else math.inf


# What every page shows, kept in this process for one content version ----------------------------


@dataclass
class VersionMemo:
    version: str | None = None
    next_publication: float = 0.0  # when the next scheduled article is due, as a timestamp (inf: none)
    until: float = 0.0
    values: dict = field(default_factory=dict)


_memo = VersionMemo()
MEMO_SIZE = 1000


def request_versions(request) -> tuple[str, str]:
    """The content and names versions a request's page is rendered under: one read of the cache a request."""
    if getattr(request, "content_version", None) is None:
        take_versions(request, cache.get_many([VERSION_KEY, NAMES_VERSION_KEY]))
    return request.content_version, request.names_version


def take_versions(request, found: dict) -> None:
    """Give ``request`` the versions read from the cache in ``found``, made anew where it had none."""
    request.content_version = found.get(VERSION_KEY) or content_version()
    request.names_version = found.get(NAMES_VERSION_KEY) or names_version()


def version_memo(request) -> VersionMemo:
    """This process's memo for the request's content version, begun anew when the version changes.

    It also ends when the next scheduled article is due, after ``PAGE_CACHE_SECONDS`` and at
    ``MEMO_SIZE`` values.
    """
    global _memo
    version, _ = request_versions(request)
    now = time.time()
    if _memo.version != version or _memo.until <= now or len(_memo.values) >= MEMO_SIZE:
        next_publication = now + seconds_to_next_publication(version)
        until = min(now + settings.PAGE_CACHE_SECONDS, next_publication)
        _memo = VersionMemo(version, next_publication, until)
    return _memo


def seconds_to_next_article(request) -> float:
    """How long until the next scheduled article appears, as the request's content version knows it."""
    return version_memo(request).next_publication - time.time()


def per_version(request, name: str, compute):
    """``compute()``, done once per content version in this process, for what many pages show alike.

    The sections, the most read list, an article's related ones, the discussion settings: the first
    page rendered after a change computes them, every other page (and every reader the page cache
    cannot answer, such as the newsroom) reuses them until the next change or the next scheduled
    article.
    """
    try:
        memo = version_memo(request)
    except Exception:
        logger.exception("The page cache is unreachable; computing %s for this page only", name)
        return compute()
    if name not in memo.values:
        memo.values[name] = compute()
    return memo.values[name]


# The middleware -----------------------------------------------------------------------------


def limit_freshness(response, seconds_left: float) -> None:
    """No cache may keep the page past ``seconds_left`` (when the next scheduled article is due)."""
    if seconds_left < max(settings.PAGE_MAX_AGE, settings.PAGE_SHARED_MAX_AGE):
        seconds = max(0, math.floor(seconds_left))
        patch_cache_control(response, max_age=seconds, s_maxage=min(seconds, settings.PAGE_SHARED_MAX_AGE))


@dataclass
class CachedPage:
    version: str  # the content version it was rendered under: any other means it is out of date
    expires_at: float
    status: int
    headers: dict[str, str]
    content: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status, headers=self.headers)
        limit_freshness(response, self.expires_at - time.time())
        return response


def page_key(request) -> str:
    markup = repr([getattr(settings, name) for name in MARKUP_SETTINGS])
    address = f"{markup} {request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_KEY.format(digest=hashlib.sha256(address.encode()).hexdigest())


def is_file(request) -> bool:
    """A static file or an uploaded picture: with caching headers of their own, never a page."""
    return request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL))


def is_cacheable(request) -> bool:
    """An anonymous GET of a page whose query string holds only parameters that change it."""
    if request.method not in ("GET", "HEAD") or is_personal(request) or is_file(request):
        return False
    query = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    return all(name in PAGE_PARAMETERS for name, _ in query)


# The pages this process answered lately, so that a page from the cache is not read and unpickled
# from the shared cache every time: only the versions are, which say whether it is still current.
_recent_pages: dict[str, CachedPage] = {}
RECENT_PAGES = 200


def lookup(request) -> tuple[str, CachedPage | None]:
    """The request's key, and its page if one is kept and still current; the request gets its versions.

    The versions (and the page, unless this process has it) in one round trip; the versions are read
    before a missing page is rendered, so a change made meanwhile leaves what is kept out of date.
    """
    key = page_key(request)
    recent = _recent_pages.get(key)
    found = cache.get_many([VERSION_KEY, NAMES_VERSION_KEY] + ([] if recent else [key]))
    take_versions(request, found)
    if recent is None:
        page = found.get(key)
    elif recent.version == request.content_version:
        page = recent
    else:  # out of date here: another process may have kept the new page already
        page = cache.get(key)
    if page and page.version == request.content_version and page.expires_at > time.time():
        keep_recent(key, page)
        return key, page
    return key, None


def keep_recent(key: str, page: CachedPage) -> None:
    if len(_recent_pages) >= RECENT_PAGES:
        _recent_pages.clear()
    _recent_pages[key] = page


def answer(request, page: CachedPage) -> HttpResponse:
    """A kept page for ``request``: a 304 when the reader already has it, as ConditionalGetMiddleware says."""
    response = page.response()
    if request.method != "GET":
        return response
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=last_modified and parse_http_date_safe(last_modified),
        response=response,
    )


def storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
    )


class PageCacheMiddleware:
    """Answer anonymous readers from the cache; keep public pages in it; make personal pages private.

    The first middleware: a page is kept with every header the others give it, so that a page from the
    cache costs none of them, here or in ``CachedPageApplication``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_file(request):
            return self.get_response(request)
        key = None
        if looked_up := request.META.get(LOOKED_UP):
            # CachedPageApplication found no page for it: the key and versions it read stand.
            key, request.content_version, request.names_version = looked_up
        elif settings.PAGE_CACHE and is_cacheable(request):
            try:
                key, page = lookup(request)
            except Exception:
                logger.exception("The page cache is unreachable; serving the page uncached")
                key = page = None
            if page:
                return answer(request, page)
        response = self.get_response(request)
        if not is_public(response):
            return response
        if is_personal(request):
            response["Cache-Control"] = "private, no-cache"
            return response
        try:
            seconds_left = seconds_to_next_article(request)
        except Exception:
            logger.exception("Could not tell when the next article is due; the page is not kept")
            seconds_left = 0
        limit_freshness(response, seconds_left)
        if key and storable(response) and seconds_left >= 1:
            self.store(key, request.content_version, response, seconds_left)
        return response

    def store(self, key: str, version: str, response, seconds_left: float) -> None:
        set_response_etag(response)
        timeout = math.floor(min(settings.PAGE_CACHE_SECONDS, seconds_left))
        page = CachedPage(
            version=version,
            expires_at=time.time() + timeout,
            status=response.status_code,
            headers=dict(response.items()),
            content=response.content,
        )
        try:
            cache.set(key, page, timeout=timeout)
        except Exception:
            logger.exception("Could not keep a page in the cache")
            return
        keep_recent(key, page)


class CachedPageApplication:
    """The WSGI application: a GET the page cache can answer is answered before Django's handler sees it.

    A kept page needs nothing of what the handler does for a page it renders (its middleware, its
    signals, a connection to the database); this answers with the page the middleware would, in less
    than half the time (README, "Tests": the serving benchmark). Anything else goes to Django.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.PAGE_CACHE and environ.get("REQUEST_METHOD") == "GET":
            request = WSGIRequest(environ)
            try:
                key, page = lookup(request) if is_cacheable(request) else (None, None)
            except Exception:  # a host not allowed, the cache unreachable: Django's handler says so
                key = page = None
            if page:
                response = answer(request, page)
                start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
                return [response.content]
            if key:  # no page kept: the middleware renders and keeps it under what was read here
                environ[LOOKED_UP] = (key, request.content_version, request.names_version)
        return self.application(environ, start_response)


# What retires the cached pages ----------------------------------------------------------------


def connect_signals() -> None:
    """Retire the cached pages whenever something readers see is saved, deleted or changed in bulk.

    Comments say so themselves (``comments.services.comments_changed``): most new ones wait for
    moderation and change no page; nor do the discussion settings (``comments.discussion``). What an
    article page shows of its names renews the names version with the content version.
    """
    for model in (Article, BodyImage, Section, Page):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
    pages_changed.connect(content_changed, dispatch_uid="pagecache-bulk")
    for model in (Correction, Author, Tag, TaggedItem):
        post_save.connect(names_changed, sender=model, dispatch_uid=f"names-save-{model.__name__}")
        post_delete.connect(names_changed, sender=model, dispatch_uid=f"names-delete-{model.__name__}")
    m2m_changed.connect(names_changed, sender=Article.authors.through, dispatch_uid="names-authors")
