"""RSS and Atom feeds for feed readers: the whole site, each section, tag and author."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from articles.models import Article
from articles.publishing import save_article

from .factories import make_article, make_author, make_body_image, make_section
from .pages import page

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def feed(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type), url
    return etree.fromstring(response.content)


def rss_items(client, url):
    return feed(client, url, "application/rss+xml").findall("channel/item")


def atom_entries(client, url):
    return feed(client, url, "application/atom+xml").findall(f"{ATOM}entry")


def listing_feeds(kind, **listings):
    """The RSS or Atom feed of each section, tag and author named by its slug."""
    return [
        reverse(f"articles:{listing}-{kind}", kwargs={"slug": slug}) for listing, slug in listings.items()
    ]


def titles(items):
    return [item.findtext("title") for item in items]


def test_site_feed_lists_only_published_articles_newest_first(client):
    section, now = make_section(), timezone.now()
    older = make_article(section=section, headline="Berita lama", publish_at=now - timedelta(days=2))
    newer = make_article(section=section, headline="Berita baru", publish_at=now - timedelta(hours=1))
    make_article(section=section, headline="Masih draf", status=Article.Status.DRAFT)
    make_article(section=section, headline="Terjadwal", publish_at=now + timedelta(hours=1))
    assert titles(rss_items(client, reverse("articles:rss"))) == [newer.headline, older.headline]


def test_feed_item_has_summary_author_lead_image_and_categories(client, media_root):
    article = make_article(
        headline="Harga cabai melonjak",
        dek="Pedagang di Pasar Induk mengeluh.",
        section=make_section(name="Ekonomi", slug="ekonomi"),
        tags=["Pangan", "Inflasi"],
        authors=[make_author(name="Ahmad Rizal Fauzi")],
        image=True,
    )
    (item,) = rss_items(client, reverse("articles:rss"))
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
    (item,) = rss_items(client, reverse("articles:rss"))
    assert item.findtext("title") == article.headline
    assert item.find("enclosure") is None


def test_atom_feed_parses_with_entries_summaries_and_updated_times(client):
    make_article(headline="Timnas menang", dek="Skor 2-1.")
    atom = feed(client, reverse("articles:atom"), "application/atom+xml")
    (entry,) = atom.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Timnas menang"
    assert "Skor 2-1." in entry.findtext(f"{ATOM}summary")
    assert entry.findtext(f"{ATOM}updated")
    assert atom.findtext(f"{ATOM}subtitle")


def test_section_tag_and_author_feeds_list_only_their_articles(client):
    sport, economy = make_section(slug="olahraga"), make_section(slug="ekonomi")
    writer = make_author(slug="rina")
    goal = make_article(section=sport, headline="Gol di menit akhir", tags=["Sepak Bola"], authors=[writer])
    make_article(section=economy, headline="Rupiah menguat", tags=["Rupiah"])
    make_article(section=sport, headline="Draf olahraga", tags=["Sepak Bola"], status=Article.Status.DRAFT)
    listings = {"section": "olahraga", "tag": "sepak-bola", "author": "rina"}
    for url in listing_feeds("rss", **listings):
        assert titles(rss_items(client, url)) == [goal.headline], url
    for url in listing_feeds("atom", **listings):
        entries = atom_entries(client, url)
        assert [entry.findtext(f"{ATOM}title") for entry in entries] == [goal.headline], url


def test_feed_of_an_unknown_section_tag_or_author_is_404(client):
    unknown = {"section": "tidak-ada", "tag": "tidak-ada", "author": "tidak-ada"}
    for url in listing_feeds("rss", **unknown) + listing_feeds("atom", **unknown):
        assert client.get(url).status_code == 404, url


def test_feeds_are_described_in_the_sites_language(client):
    make_article()
    channel = feed(client, reverse("articles:rss"), "application/rss+xml").find("channel")
    assert channel.findtext("language") == "id"
    assert channel.findtext("description") == "Artikel terbaru dari Lensa Manca."


def test_pages_announce_their_feeds(client):
    section = make_section(name="Olahraga", slug="olahraga")
    make_article(section=section, tags=["Bulu Tangkis"], authors=[make_author(slug="rina")])
    home = page(client, reverse("articles:home"))
    rss, atom = reverse("articles:rss"), reverse("articles:atom")
    assert f'<link rel="alternate" type="application/rss+xml" title="Lensa Manca" href="{rss}">' in home
    assert f'type="application/atom+xml" title="Lensa Manca" href="{atom}"' in home
    for listing, slug in [("section", "olahraga"), ("tag", "bulu-tangkis"), ("author", "rina")]:
        html = page(client, reverse(f"articles:{listing}", kwargs={"slug": slug}))
        (listing_rss,) = listing_feeds("rss", **{listing: slug})
        (listing_atom,) = listing_feeds("atom", **{listing: slug})
        assert 'type="application/rss+xml" title="' in html and f'href="{listing_rss}"' in html, listing
        assert f'href="{listing_atom}"' in html, listing


def test_an_authors_feed_has_articles_by_them_not_in_them(client):
    author = make_author(name="Maya Rahmawati Siregar", slug="maya")
    make_article(authors=[author])
    channel = feed(client, reverse("articles:author-rss", kwargs={"slug": "maya"}), "application/rss+xml")
    description = channel.findtext("channel/description")
    assert description == "Artikel terbaru oleh Maya Rahmawati Siregar dari Lensa Manca."


MEDIA = "{http://search.yahoo.com/mrss/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"


def test_feeds_carry_the_lead_image_as_media_and_the_sites_logo(client):
    article = make_article(image=True)
    crop = article.lead_picture.crops["wide"]
    rss = feed(client, reverse("articles:rss"), "application/rss+xml")
    assert rss.findtext("channel/image/url").startswith("http://testserver/static/img/logo")
    assert rss.findtext("channel/image/link") == "http://testserver/"
    media = rss.find(f"channel/item/{MEDIA}content")
    assert media.get("url") == f"http://testserver{crop.url}"
    assert (media.get("medium"), media.get("width"), media.get("height")) == ("image", "64", "36")
    assert media.findtext(f"{MEDIA}description") == article.lead_image_alt
    atom = feed(client, reverse("articles:atom"), "application/atom+xml")
    assert atom.findtext(f"{ATOM}logo").startswith("http://testserver/static/img/logo")
    assert atom.find(f"{ATOM}entry/{MEDIA}content").get("url") == f"http://testserver{crop.url}"


def test_feeds_carry_the_summary_only_unless_the_full_text_is_set(client, settings):
    article = make_article(dek="Ringkasan saja.", body="<p>Isi lengkap berita.</p>")
    picture = make_body_image(article)
    article.body = f'<p>Isi lengkap berita.</p><figure><img src="{picture.image.url}" alt="Peta"></figure>'
    save_article(article)
    (item,) = rss_items(client, reverse("articles:rss"))
    assert item.find(f"{CONTENT}encoded") is None
    settings.FEEDS_FULL_TEXT = True
    (item,) = rss_items(client, reverse("articles:rss"))
    body = item.findtext(f"{CONTENT}encoded")
    assert "Isi lengkap berita." in body
    # Pictures come from this site's address, wherever the feed is read.
    assert 'src="http://testserver/media/' in body and 'src="/media/' not in body
    assert 'srcset="http://testserver/media/' in body and ", /media/" not in body
    (entry,) = atom_entries(client, reverse("articles:atom"))
    assert "Isi lengkap berita." in entry.findtext(f"{ATOM}content")
