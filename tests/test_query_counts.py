"""Every public page runs the same number of queries however much is on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .factories import make_article, make_author, make_section

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


PAGES = {
    "home": lambda article: "/",
    "article": lambda article: article.get_absolute_url(),
    "section": lambda article: article.section.get_absolute_url(),
    "tag": lambda article: "/tag/topik-0/",
    "author": lambda article: article.authors.first().get_absolute_url(),
    "search": lambda article: "/cari/?q=berita",
    "archive": lambda article: "/arsip/",
    "archive-year": lambda article: f"/arsip/{timezone.localtime(article.publish_at):%Y}/",
    "archive-month": lambda article: f"/arsip/{timezone.localtime(article.publish_at):%Y/%m}/",
    "archive-day": lambda article: article.get_archive_url(),
    "rss": lambda article: "/feed/",
    "atom": lambda article: "/feed/atom/",
    "section-rss": lambda article: article.section.get_absolute_url() + "feed/",
    "tag-atom": lambda article: "/tag/topik-0/feed/atom/",
    "author-rss": lambda article: article.authors.first().get_absolute_url() + "feed/",
    "sitemap-index": lambda article: "/sitemap.xml",
    "sitemap-articles": lambda article: "/sitemap-articles.xml",
    "sitemap-sections": lambda article: "/sitemap-sections.xml",
    "sitemap-tags": lambda article: "/sitemap-tags.xml",
    "sitemap-authors": lambda article: "/sitemap-authors.xml",
    "sitemap-news": lambda article: "/sitemap-news.xml",
    "robots": lambda article: "/robots.txt",
}


@pytest.mark.parametrize("page", PAGES)
def test_page_queries_do_not_grow_with_articles_and_tags(client, page, django_assert_max_num_queries):
    section, author = make_section(slug="nasional"), make_author(slug="rina")
    (first,) = fill(1, 1, section, author)
    url = PAGES[page](first)
    small = queries_for(client, url)

    other_sections = [make_section() for _ in range(4)]
    for other in other_sections:
        fill(5, 3, other, author)
    fill(29, 20, section, author)
    first.tags.add(*[f"Topik {n}" for n in range(20)])

    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200
