"""RSS and Atom feeds for feed readers: the whole site, each section, tag and author."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree

from articles.models import Article

from .factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    return etree.fromstring(response.content).findall("channel/item")


def titles(items):
    return [item.findtext("title") for item in items]


def test_site_feed_lists_only_published_articles_newest_first(client):
    section, now = make_section(), timezone.now()
    older = make_article(section=section, headline="Berita lama", publish_at=now - timedelta(days=2))
    newer = make_article(section=section, headline="Berita baru", publish_at=now - timedelta(hours=1))
    make_article(section=section, headline="Masih draf", status=Article.Status.DRAFT)
    make_article(section=section, headline="Terjadwal", publish_at=now + timedelta(hours=1))
    assert titles(rss_items(client, "/feed/")) == [newer.headline, older.headline]


def test_feed_item_has_summary_author_lead_image_and_categories(client, media_root):
    article = make_article(
        headline="Harga cabai melonjak",
        dek="Pedagang di Pasar Induk mengeluh.",
        section=make_section(name="Ekonomi", slug="ekonomi"),
        tags=["Pangan", "Inflasi"],
        authors=[make_author(name="Ahmad Rizal Fauzi")],
        image=True,
    )
    (item,) = rss_items(client, "/feed/")
    assert item.findtext("link") == f"http://testserver{article.get_absolute_url()}"
    assert "Pedagang di Pasar Induk mengeluh." in item.findtext("description")
    assert item.findtext(f"{DC}creator") == "Ahmad Rizal Fauzi"
    assert sorted(category.text for category in item.findall("category")) == ["Ekonomi", "Inflasi", "Pangan"]
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == f"http://testserver{article.lead_image.url}"
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == (media_root / article.lead_image.name).stat().st_size


def test_article_whose_picture_went_missing_is_still_in_the_feed(client, media_root):
    article = make_article(image=True)
    (media_root / article.lead_image.name).unlink()
    (item,) = rss_items(client, "/feed/")
    assert item.findtext("title") == article.headline
    assert item.find("enclosure") is None


def test_atom_feed_parses_with_entries_summaries_and_updated_times(client):
    make_article(headline="Timnas menang", dek="Skor 2-1.")
    response = client.get("/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Timnas menang"
    assert "Skor 2-1." in entry.findtext(f"{ATOM}summary")
    assert entry.findtext(f"{ATOM}updated")
    assert feed.findtext(f"{ATOM}subtitle")


def test_section_tag_and_author_feeds_list_only_their_articles(client):
    sport, economy = make_section(slug="olahraga"), make_section(slug="ekonomi")
    writer = make_author(slug="rina")
    goal = make_article(section=sport, headline="Gol di menit akhir", tags=["Sepak Bola"], authors=[writer])
    make_article(section=economy, headline="Rupiah menguat", tags=["Rupiah"])
    make_article(section=sport, headline="Draf olahraga", tags=["Sepak Bola"], status=Article.Status.DRAFT)
    for url in ("/olahraga/feed/", "/tag/sepak-bola/feed/", "/penulis/rina/feed/"):
        assert titles(rss_items(client, url)) == [goal.headline], url
    for url in ("/olahraga/feed/atom/", "/tag/sepak-bola/feed/atom/", "/penulis/rina/feed/atom/"):
        entries = etree.fromstring(client.get(url).content).findall(f"{ATOM}entry")
        assert [entry.findtext(f"{ATOM}title") for entry in entries] == [goal.headline], url


def test_feed_of_an_unknown_section_tag_or_author_is_404(client):
    for url in ("/tidak-ada/feed/", "/tag/tidak-ada/feed/", "/penulis/tidak-ada/feed/atom/"):
        assert client.get(url).status_code == 404, url


def test_feeds_are_described_in_the_sites_language(client):
    make_article()
    channel = etree.fromstring(client.get("/feed/").content).find("channel")
    assert channel.findtext("language") == "id"
    assert channel.findtext("description") == "Artikel terbaru dari Lensa Manca."


def test_pages_announce_their_feeds(client):
    section = make_section(name="Olahraga", slug="olahraga")
    make_article(section=section, tags=["Bulu Tangkis"], authors=[make_author(slug="rina")])
    home = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="Lensa Manca" href="/feed/">' in home
    assert 'type="application/atom+xml" title="Lensa Manca" href="/feed/atom/"' in home
    for page, feed in [
        ("/olahraga/", "/olahraga/feed/"),
        ("/tag/bulu-tangkis/", "/tag/bulu-tangkis/feed/"),
        ("/penulis/rina/", "/penulis/rina/feed/"),
    ]:
        html = client.get(page).content.decode()
        assert 'type="application/rss+xml" title="' in html and f'href="{feed}"' in html, page
        assert f'href="{feed}atom/"' in html, page
