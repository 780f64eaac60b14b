"""Every public page runs the same number of queries however much is on it."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .factories import make_article, make_author, make_page, make_section

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def fill(count, tags, section, author):
    """``count`` articles, each with ``tags`` tags, an author and a picture."""
    tag_names = [f"Topik {n}" for n in range(tags)]
    return [
        make_article(section=section, tags=tag_names, authors=[author], image=True, is_featured=n == 0)
        for n in range(count)
    ]


def date_kwargs(article, *parts):
    day = timezone.localtime(article.publish_at)
    return {part: getattr(day, part) for part in parts}


def listing_kwargs(listing):
    return {"slug": listing.slug}


PAGES = {
    "home": lambda article: reverse("articles:home"),
    "article": lambda article: article.get_absolute_url(),
    "section": lambda article: article.section.get_absolute_url(),
    "tag": lambda article: article.tags.get().get_absolute_url(),
    "author": lambda article: article.authors.get().get_absolute_url(),
    "search": lambda article: reverse("articles:search") + "?q=berita",
    "archive": lambda article: reverse("articles:archive"),
    "archive-year": lambda article: reverse("articles:archive-year", kwargs=date_kwargs(article, "year")),
    "archive-month": lambda article: reverse(
        "articles:archive-month", kwargs=date_kwargs(article, "year", "month")
    ),
    "archive-day": lambda article: article.get_archive_url(),
    "rss": lambda article: reverse("articles:rss"),
    "atom": lambda article: reverse("articles:atom"),
    "section-rss": lambda article: reverse("articles:section-rss", kwargs=listing_kwargs(article.section)),
    "tag-atom": lambda article: reverse("articles:tag-atom", kwargs=listing_kwargs(article.tags.get())),
    "author-rss": lambda article: reverse(
        "articles:author-rss", kwargs=listing_kwargs(article.authors.get())
    ),
    "sitemap-index": lambda article: reverse("sitemap"),
    "sitemap-articles": lambda article: reverse("sitemap-section", kwargs={"section": "articles"}),
    "sitemap-sections": lambda article: reverse("sitemap-section", kwargs={"section": "sections"}),
    "sitemap-tags": lambda article: reverse("sitemap-section", kwargs={"section": "tags"}),
    "sitemap-authors": lambda article: reverse("sitemap-section", kwargs={"section": "authors"}),
    "sitemap-news": lambda article: reverse("sitemap-news"),
    "robots": lambda article: reverse("robots"),
    "page": lambda article: reverse("pages:detail", kwargs={"slug": "redaksi"}),
    "sitemap-pages": lambda article: reverse("sitemap-section", kwargs={"section": "pages"}),
}


@pytest.fixture(scope="module")
def site(module_db):
    """Each page's address and its queries with one article; then 50 articles around it, built once.

    The one article has one tag; afterwards it has 20, next to 29 more articles of its section
    with 20 tags each and 4 other sections of 5 articles with 3 tags. The one page in the footer
    gets 9 more.
    """
    section, author = make_section(slug="nasional"), make_author(slug="rina")
    make_page(slug="redaksi")
    (first,) = fill(1, 1, section, author)
    urls = {page: address(first) for page, address in PAGES.items()}
    client = Client()
    for url in urls.values():
        client.get(url)  # what a process keeps once asked for (content types) is not counted
    queries_with_one_article = {}
    for page, url in urls.items():
        # Counted from an empty cache, as every test starts.
        for cache in caches.all(initialized_only=False):
            cache.clear()
        queries_with_one_article[page] = queries_for(client, url)

    for other in [make_section() for _ in range(4)]:
        fill(5, 3, other, author)
    fill(29, 20, section, author)
    first.tags.add(*[f"Topik {n}" for n in range(20)])
    for _ in range(9):
        make_page()
    return urls, queries_with_one_article


@pytest.mark.parametrize("page", PAGES)
def test_page_queries_do_not_grow_with_articles_and_tags(client, site, page, django_assert_max_num_queries):
    urls, queries_with_one_article = site
    with django_assert_max_num_queries(queries_with_one_article[page]):
        response = client.get(urls[page])
    assert response.status_code == 200
