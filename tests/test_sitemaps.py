"""Sitemaps and robots.txt tell search engines, Google News included, where every article is."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from articles.models import Article

from .factories import make_article, make_author, make_page, make_section

pytestmark = pytest.mark.django_db
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def sitemap(section):
    """The address of a sitemap the index lists: "articles", "sections", "tags", "authors", "pages"."""
    return reverse("sitemap-section", kwargs={"section": section})


def locations(root):
    return [loc.text for loc in root.iter(f"{SM}loc")]


@pytest.fixture
def published():
    return make_article(
        section=make_section(slug="nasional"),
        tags=["Pemilu"],
        authors=[make_author(slug="rina")],
        publish_at=timezone.now() - timedelta(days=3),
    )


def test_sitemap_index_points_at_articles_sections_tags_authors_and_pages_with_lastmod(client, published):
    make_page(slug="redaksi")
    index = parse(client, reverse("sitemap"))
    assert index.tag == f"{SM}sitemapindex"
    sitemaps = index.findall(f"{SM}sitemap")
    assert [sitemap.findtext(f"{SM}loc") for sitemap in sitemaps] == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-tags.xml",
        "http://testserver/sitemap-authors.xml",
        "http://testserver/sitemap-pages.xml",
    ]
    assert all(sitemap.findtext(f"{SM}lastmod") for sitemap in sitemaps)


def test_sitemaps_list_only_published_articles_and_the_listings_that_have_them(client, published):
    make_article(
        section=make_section(slug="kosong"),
        tags=["Rahasia"],
        authors=[make_author(slug="anonim")],
        status=Article.Status.DRAFT,
    )
    make_article(section=published.section, publish_at=timezone.now() + timedelta(days=1), slug="besok")
    assert locations(parse(client, sitemap("articles"))) == [
        f"http://testserver{published.get_absolute_url()}"
    ]
    assert locations(parse(client, sitemap("sections"))) == ["http://testserver/nasional/"]
    assert locations(parse(client, sitemap("tags"))) == ["http://testserver/tag/pemilu/"]
    assert locations(parse(client, sitemap("authors"))) == ["http://testserver/penulis/rina/"]


def test_sitemap_lastmod_is_the_last_change(client, published):
    (url,) = parse(client, sitemap("articles")).findall(f"{SM}url")
    assert url.findtext(f"{SM}lastmod") == timezone.localtime(published.updated_at).date().isoformat()


def test_sitemaps_give_the_canonical_address_to_an_english_crawler(client, published):
    for url in (sitemap("articles"), sitemap("sections"), sitemap("tags"), reverse("sitemap-news")):
        for location in locations(parse(client, url, HTTP_ACCEPT_LANGUAGE="en")):
            assert not location.startswith("http://testserver/en/"), location


def test_news_sitemap_lists_the_last_48_hours_with_publication_language_title_and_date(client):
    section, now = make_section(), timezone.now()
    fresh = make_article(
        section=section, headline="Gempa & tsunami <terkini>", publish_at=now - timedelta(hours=1)
    )
    make_article(section=section, headline="Hampir dua hari", publish_at=now - timedelta(hours=47))
    make_article(section=section, headline="Tiga hari lalu", publish_at=now - timedelta(hours=49))
    make_article(section=section, headline="Draf", status=Article.Status.DRAFT)
    make_article(section=section, headline="Nanti", publish_at=now + timedelta(hours=1))

    urls = parse(client, reverse("sitemap-news")).findall(f"{SM}url")
    assert [url.findtext(f"{NEWS}news/{NEWS}title") for url in urls] == [fresh.headline, "Hampir dua hari"]
    first = urls[0]
    assert first.findtext(f"{SM}loc") == f"http://testserver{fresh.get_absolute_url()}"
    assert first.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name") == "Lensa Manca"
    assert first.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") == "id"
    published_at = first.findtext(f"{NEWS}news/{NEWS}publication_date")
    assert published_at == timezone.localtime(fresh.publish_at).isoformat()


def test_news_sitemap_holds_at_most_1000_articles(client):
    section, now = make_section(), timezone.now()
    Article.objects.bulk_create(
        Article(
            headline=f"Kilat {number}",
            slug=f"kilat-{number}",
            body="<p>Singkat.</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(seconds=number + 1),
        )
        for number in range(1005)
    )
    urls = parse(client, reverse("sitemap-news")).findall(f"{SM}url")
    assert len(urls) == 1000
    assert urls[0].findtext(f"{NEWS}news/{NEWS}title") == "Kilat 0"


def test_unknown_sitemap_is_404(client):
    assert client.get(sitemap("komentar")).status_code == 404
    assert client.get(sitemap("articles"), {"p": 99}).status_code == 404


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out_of_admin_and_search(client):
    response = client.get(reverse("robots"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /cari/" in lines and "Disallow: /en/cari/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


@pytest.mark.parametrize("name", ["sitemap", "sitemap-news"])
def test_sitemaps_say_they_are_utf8(client, published, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
