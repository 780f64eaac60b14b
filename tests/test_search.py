"""Readers search the articles: Indonesian stemming, ranking, highlighted snippets, and no 500s."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from articles.importer import parse_article_text, save_parsed_article
from articles.models import Article
from articles.publishing import update_search_vectors

from .factories import make_article, make_comment, make_section
from .pages import page

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search with stemming and ranking is PostgreSQL's"
)
SEED = Path(__file__).resolve().parent.parent / "articles" / "demo" / "000-panglima-militer-as-rusia.txt"


def search(client, query, status=200, **params) -> str:
    """The results page for ``query``, once its status is what the test expects."""
    return page(client, reverse("articles:search"), status, q=query, **params)


@pytest.fixture
def seed_article():
    parsed = parse_article_text(SEED.read_text(encoding="utf-8"))
    article, _ = save_parsed_article(parsed, section=make_section(name="Internasional", slug="internasional"))
    return article


@postgresql_only
def test_panas_finds_the_seed_article_which_says_memanas(client, seed_article):
    assert seed_article.headline in search(client, "panas")


@postgresql_only
def test_search_understands_indonesian_word_forms(client, seed_article):
    # "pemanasan" and "memanas" share the stem "panas"; neither contains the other.
    assert list(Article.objects.published().search("pemanasan")) == [seed_article]


@postgresql_only
def test_headline_match_ranks_above_body_only_match():
    section = make_section()
    in_body = make_article(section=section, headline="Cuaca hari ini", body="<p>Banjir di pesisir utara.</p>")
    in_headline = make_article(section=section, headline="Banjir di pesisir utara", body="<p>Air naik.</p>")
    assert in_body.publish_at > in_headline.publish_at  # newer, so only the rank puts it second
    assert list(Article.objects.published().search("banjir")) == [in_headline, in_body]


@postgresql_only
def test_results_show_a_snippet_with_the_words_highlighted(client, seed_article):
    html = search(client, "panas")
    assert "<mark>memanas</mark>" in html


@postgresql_only
def test_snippet_escapes_the_article_text(client):
    make_article(
        headline="Uji tampilan",
        body='<p>Kode &lt;script&gt;alert(1)&lt;/script&gt; tentang gempa &amp; <a href="/x">tautan</a>.</p>',
    )
    html = search(client, "gempa")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; tentang <mark>gempa</mark> &amp; tautan" in html
    assert "<script>alert" not in html
    assert 'href="/x"' not in html


def test_search_lists_only_published_articles(client):
    section = make_section()
    make_article(section=section, headline="Gempa di Cianjur")
    make_article(section=section, headline="Gempa susulan (draf)", status=Article.Status.DRAFT)
    html = search(client, "gempa")
    assert "Gempa di Cianjur" in html
    assert "Gempa susulan" not in html


@postgresql_only
def test_search_follows_edits_to_an_article():
    article = make_article(headline="Harga beras naik")
    article.headline = "Harga gula naik"
    article.save()
    assert list(Article.objects.search("gula")) == [article]
    assert list(Article.objects.search("beras")) == []


@postgresql_only
def test_text_changed_by_a_queryset_update_is_found_after_update_search_vectors():
    article = make_article(headline="Harga beras naik")
    Article.objects.filter(pk=article.pk).update(headline="Harga kedelai naik")
    update_search_vectors(Article.objects.filter(pk=article.pk))
    assert list(Article.objects.search("kedelai")) == [article]


def test_without_words_the_page_shows_the_form_and_a_hint(client):
    for html in (page(client, reverse("articles:search")), search(client, "   ")):
        assert 'id="search-q"' in html
        assert "Ketik satu kata atau lebih" in html


def test_nothing_found_says_so(client):
    make_article()
    assert "Tidak ada hasil untuk “zzzyyyxxx”" in search(client, "zzzyyyxxx")


@pytest.mark.parametrize(
    "query",
    [
        '"panas',
        "panas'",
        "' OR 1=1 --",
        "'; DROP TABLE articles_article; --",
        "panas & | ! :* ( ) <->",
        "-",
        "<script>alert(1)</script>",
        "yang dan di",  # stop words only
        "%_\\",
    ],
)
def test_odd_queries_get_a_normal_page(client, seed_article, query):
    """Quotes, operators and SQL are words to look for, nothing more."""
    assert "<script>alert(1)</script>" not in search(client, query)
    assert Article.objects.filter(pk=seed_article.pk).exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("panas " * 167, "paling banyak 200 karakter"),
        ("a\x00b", "Karakter null tidak diizinkan"),
    ],
)
def test_queries_that_cannot_be_searched_say_why_with_a_400(client, query, message):
    assert message in search(client, query, status=400)


def test_results_are_paginated_and_pages_keep_the_query(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    section = make_section()
    for _ in range(5):
        make_article(section=section, headline="Kabar pemilu daerah")
    html = search(client, "pemilu")
    assert "5 artikel ditemukan" in html
    assert 'rel="next" href="?q=pemilu&amp;page=2"' in html
    search(client, "pemilu", page=3)
    search(client, "pemilu", status=404, page=4)
    search(client, "pemilu", status=404, page="abc")


def test_search_page_speaks_english_under_en(client, seed_article):
    with translation.override("en"):
        html = search(client, "panglima")
    assert "Search results for “panglima”" in html
    assert seed_article.headline in html


@pytest.mark.parametrize("query", ["Zulkarnaen", "zulkarnaen.unik@pembaca.example", "Bakwankuah"])
def test_commenters_name_email_and_text_are_never_a_match(client, seed_article, query):
    make_comment(
        seed_article,
        author_name="Zulkarnaen",
        author_email="zulkarnaen.unik@pembaca.example",
        text="Bakwankuah enak sekali.",
    )
    assert seed_article.headline not in search(client, query)
    assert seed_article.headline in search(client, "panglima")


def test_search_pages_ask_not_to_be_indexed(client):
    assert '<meta name="robots" content="noindex">' in search(client, "panas")


def test_every_page_has_a_search_box(client):
    html = page(client, reverse("articles:home"))
    assert f'action="{reverse("articles:search")}"' in html.split('role="search"')[1]


@postgresql_only
def test_search_query_does_not_group_so_snippets_are_made_for_one_page_only():
    """A GROUP BY makes PostgreSQL build every match's snippet before the page is cut (see bench/)."""
    results = Article.objects.published().for_links().search("panas")
    assert "snippet" in results.query.annotations
    assert results.query.group_by is None


@postgresql_only
def test_this_weeks_news_ranks_above_the_same_words_years_ago():
    section = make_section()
    old = make_article(
        section=section,
        headline="Cuaca panas melanda Jakarta",
        body="<p>Suhu panas sekali.</p>",
        publish_at=timezone.now() - timedelta(days=5 * 365),
    )
    new = make_article(section=section, headline="Gelombang panas di Jawa", body="<p>Warga berteduh.</p>")
    assert list(Article.objects.published().search("panas")) == [new, old]


@postgresql_only
def test_a_snippet_cut_from_the_middle_says_so_and_stays_short(client):
    words = " ".join(f"kata{n}" for n in range(60))
    make_article(headline="Berita pertama", body=f"<p>{words} suhu panas sekali hari ini. {words}</p>")
    make_article(headline="Berita kedua", body="<p>Cuaca panas.</p>")
    snippets = {a.headline: str(a.snippet) for a in Article.objects.published().search("panas")}
    first = snippets["Berita pertama"]
    assert first.startswith("… ") and first.endswith(" …")
    assert "<mark>panas</mark>" in first
    assert len(first.split()) <= 26
    # A body short enough to show whole is shown whole, with nothing left out.
    assert snippets["Berita kedua"] == "Cuaca <mark>panas</mark>."


def test_readers_may_sort_by_date_and_keep_to_a_section(client):
    economy, sport = (
        make_section(name="Ekonomi", slug="ekonomi"),
        make_section(name="Olahraga", slug="olahraga"),
    )
    now = timezone.now()
    older = make_article(
        section=economy, headline="Harga cabai panas sekali", publish_at=now - timedelta(days=30)
    )
    newer = make_article(section=economy, headline="Pasar sepi", body="<p>Cuaca panas.</p>", publish_at=now)
    other = make_article(section=sport, headline="Laga panas di Senayan", publish_at=now - timedelta(days=1))
    html = search(client, "panas", sort="terbaru")
    assert html.index(newer.headline) < html.index(other.headline) < html.index(older.headline)
    html = search(client, "panas", section="ekonomi")
    assert newer.headline in html and older.headline in html
    assert other.headline not in html
    assert '<option value="ekonomi" selected>' in html  # the form keeps what was chosen


def test_an_unknown_section_or_order_is_a_400_with_a_message(client):
    make_section(slug="ekonomi")
    assert "Rubrik itu tidak ada." in search(client, "panas", status=400, section="tidak-ada")
    assert "diurutkan" in search(client, "panas", status=400, sort="acak")
