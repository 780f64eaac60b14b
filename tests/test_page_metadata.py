"""What search engines, link previews and screen readers read of every page: addresses in both
languages, Open Graph and X cards, structured data, the language of the newsroom's words, headers."""

import json

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from .factories import make_article, make_author, make_section
from .pages import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(
        headline="Harga cabai melonjak",
        slug="harga-cabai",
        dek="Pedagang mengeluh.",
        section=make_section(name="Ekonomi", slug="ekonomi", description="Harga dan pasar."),
        authors=[make_author(name="Maya Rahmawati Siregar", slug="maya")],
        tags=["Pangan"],
        image=True,
    )


def document(client, url, status=200):
    return lxml_html.fromstring(page(client, url, status))


def meta(doc, name) -> list[str]:
    return doc.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')


def links(doc, rel) -> dict[str, str]:
    return {link.get("hreflang") or rel: link.get("href") for link in doc.xpath(f'//link[@rel="{rel}"]')}


@pytest.mark.parametrize("name", ["home", "section", "tag", "author"])
def test_home_and_listings_have_a_canonical_address_open_graph_and_a_card(client, article, name):
    url = {
        "home": "/",
        "section": "/ekonomi/",
        "tag": reverse("articles:tag", kwargs={"slug": "pangan"}),
        "author": "/penulis/maya/",
    }[name]
    doc = document(client, url)
    assert links(doc, "canonical") == {"canonical": f"http://testserver{url}"}
    assert meta(doc, "og:url") == [f"http://testserver{url}"]
    assert meta(doc, "og:type") == ["website"]
    assert meta(doc, "og:title") and meta(doc, "og:description") and meta(doc, "og:image")
    assert meta(doc, "twitter:card") == ["summary"]
    assert meta(doc, "og:locale") == ["id_ID"]
    assert meta(doc, "og:locale:alternate") == ["en_US"]


def test_the_section_page_describes_the_section(client, article):
    assert meta(document(client, "/ekonomi/"), "og:description") == ["Harga dan pasar."]


def test_an_authors_page_says_by_not_in(client, article):
    (description,) = meta(document(client, "/penulis/maya/"), "og:description")
    assert description == "Artikel terbaru oleh Maya Rahmawati Siregar dari Lensa Manca."


def test_a_later_page_of_a_list_is_its_own_canonical(client, settings):
    settings.ARTICLES_PER_PAGE = 1
    section = make_section(slug="metro")
    make_article(section=section), make_article(section=section)
    assert links(document(client, "/metro/?page=2"), "canonical") == {
        "canonical": "http://testserver/metro/?page=2"
    }


def test_every_page_names_itself_in_both_languages(client, article):
    for url in ("/", "/ekonomi/", article.get_absolute_url(), "/en/ekonomi/"):
        alternates = links(document(client, url), "alternate")
        path = url.removeprefix("/en")
        assert alternates["id"] == f"http://testserver{path}"
        assert alternates["en"] == f"http://testserver/en{path}"
        assert alternates["x-default"] == f"http://testserver{path}"


def test_the_english_interface_marks_the_newsrooms_words_as_indonesian(client, article):
    url = article.get_absolute_url()
    doc = document(client, "/en" + url)
    assert doc.get("lang") == "en"
    for selector in ("article__headline", "article__dek", "article__body"):
        assert doc.xpath(f'//*[contains(@class, "{selector}")]/@lang') == ["id"], selector
    cards = document(client, "/en/ekonomi/").xpath('//*[contains(@class, "card__headline")]/@lang')
    assert cards == ["id"]
    assert meta(doc, "og:locale") == ["en_US"]
    # In Indonesian nothing needs saying.
    assert not document(client, url).xpath('//main//*[@lang="id"]')


def test_home_page_tells_search_engines_of_the_site_and_its_search(client, article):
    doc = document(client, "/")
    data = {
        item["@type"]: item
        for item in map(json.loads, doc.xpath('//script[@type="application/ld+json"]/text()'))
    }
    assert data["WebSite"]["url"] == "http://testserver/"
    action = data["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/cari/?q={search_term_string}"
    assert data["Organization"]["name"] == "Lensa Manca"
    assert data["Organization"]["logo"]["url"].startswith("http://testserver/static/img/logo")


def test_article_names_its_authors_account_and_the_pictures_description(client, article, settings):
    settings.TWITTER_SITE = "@lensamanca"
    doc = document(client, article.get_absolute_url())
    assert meta(doc, "article:author") == ["http://testserver/penulis/maya/"]
    assert meta(doc, "twitter:site") == ["@lensamanca"]
    assert meta(doc, "twitter:image:alt") == [article.lead_image_alt]
    assert meta(doc, "og:image") == [f"http://testserver{article.lead_picture.crops['wide'].url}"]
    assert meta(doc, "og:image:width") == ["64"] and meta(doc, "og:image:height") == ["36"]


def test_without_an_account_there_is_no_twitter_site(client, article):
    assert meta(document(client, "/"), "twitter:site") == []


def test_times_in_pages_are_to_the_second(client, article):
    doc = document(client, article.get_absolute_url())
    times = doc.xpath("//time/@datetime") + meta(doc, "article:published_time")
    assert times
    for value in times:
        assert len(value) == len("2026-12-01T23:49:55+07:00"), value


def test_pages_use_no_camera_microphone_or_location(client, article):
    response = client.get("/")
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy
