from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from .factories import make_article, make_author, make_section
from .pages import page

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def article():
    section = make_section(name="Internasional", slug="internasional")
    return make_article(
        headline="Panglima Militer AS-Rusia Adakan Pembicaraan",
        slug="panglima-militer",
        dek="Pembicaraan lewat telepon di tengah ketegangan.",
        body="<p>Paragraf pertama.</p><p>Paragraf terakhir.</p>",
        byline_code="MRS L44",
        section=section,
        publish_at=datetime(2021, 11, 23, 9, 15, tzinfo=JAKARTA),
        tags=["Rusia", "Amerika Serikat"],
        authors=[make_author(name="M. Rizky Syahputra", slug="m-rizky", byline_code="MRS")],
        image=True,
    )


def test_article_address_has_section_date_and_slug(article):
    assert article.get_absolute_url() == "/internasional/2021/11/23/panglima-militer/"


def test_article_page_shows_everything_a_reader_expects(client, article):
    html = page(client, article.get_absolute_url())
    assert "<title>Panglima Militer AS-Rusia Adakan Pembicaraan · Lensa Manca</title>" in html
    assert "Pembicaraan lewat telepon" in html
    assert "Selasa, 23 November 2021" in html
    assert 'href="/penulis/m-rizky/"' in html
    assert 'alt="Foto berita' in html
    assert html.index("Paragraf terakhir.") < html.index("(MRS L44)")
    assert 'href="/tag/rusia/"' in html and 'href="/tag/amerika-serikat/"' in html
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Finternasional%2F" in html


def test_article_page_has_canonical_open_graph_and_twitter_tags(client, article):
    html = page(client, article.get_absolute_url())
    canonical = "http://testserver/internasional/2021/11/23/panglima-militer/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title" content="Panglima Militer AS-Rusia Adakan Pembicaraan">' in html
    assert '<meta property="og:image" content="http://testserver/media/articles/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_english_interface_shows_the_date_in_english(client, article):
    with translation.override("en"):
        url = article.get_absolute_url()
    assert url.startswith("/en/")
    html = page(client, url)
    assert "Tuesday, 23 November 2021" in html
    assert '<html lang="en">' in html
    # Each language's page is its own canonical, and names the other (hreflang).
    canonical = "http://testserver/en/internasional/2021/11/23/panglima-militer/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    indonesian = "http://testserver/internasional/2021/11/23/panglima-militer/"
    assert f'<link rel="alternate" hreflang="id" href="{indonesian}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{indonesian}">' in html
    assert '<meta property="og:locale" content="en_US">' in html


def test_wrong_date_or_section_in_the_address_redirects_to_the_article(client, article):
    wrong_date = {"section": "internasional", "year": 2020, "month": 1, "day": 1, "slug": "panglima-militer"}
    response = client.get(reverse("articles:detail", kwargs=wrong_date))
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_copy_link_works_as_a_plain_link(client, article):
    html = page(client, article.get_absolute_url())
    assert (
        'class="share__link share__link--copy" href="http://testserver/internasional/2021/11/23/panglima-militer/"'
        in html
    )


def test_unknown_address_gets_the_styled_404(client, article):
    html = page(client, "/tidak/ada/halaman/seperti/ini/sama/sekali/", status=404)
    assert "Halaman tidak ditemukan" in html
    assert 'class="site-name"' in html
    assert 'href="/internasional/"' in html  # the site's navigation is there


def test_section_tag_and_author_pages_list_the_article(client, article):
    for listing in (article.section, article.tags.get(name="Rusia"), article.authors.get()):
        assert article.headline in page(client, listing.get_absolute_url()), listing


@pytest.mark.parametrize("listing", ["section", "tag", "author"])
def test_unknown_section_tag_or_author_is_404(client, listing):
    page(client, reverse(f"articles:{listing}", kwargs={"slug": "tidak-ada"}), status=404)


def test_listings_are_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    section = make_section(slug="ekonomi", name="Ekonomi")
    for _ in range(5):
        make_article(section=section)
    url = section.get_absolute_url()
    first = page(client, url)
    assert "Halaman 1 dari 3" in first
    assert 'rel="next" href="?page=2"' in first
    page(client, url, page=3)
    page(client, url, status=404, page=4)
    page(client, url, status=404, page="abc")


def test_home_shows_featured_latest_and_section_blocks(client):
    sport = make_section(name="Olahraga", slug="olahraga")
    economy = make_section(name="Ekonomi", slug="ekonomi")
    featured = make_article(headline="Berita utama hari ini", section=sport, is_featured=True)
    other = make_article(headline="Harga beras turun", section=economy)
    html = page(client, reverse("articles:home"))
    assert html.count(featured.headline) >= 1
    assert other.headline in html
    assert 'id="section-olahraga"' in html and 'id="section-ekonomi"' in html


def test_section_slug_cannot_take_a_site_path():
    from django.core.exceptions import ValidationError

    section = make_section()
    section.slug = "tag"
    with pytest.raises(ValidationError):
        section.full_clean()


def test_request_for_another_host_gets_the_styled_400(client):
    response = client.get(reverse("articles:home"), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()
    assert 'class="site-name"' in response.content.decode()
