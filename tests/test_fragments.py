"""Cards and comment lists are kept rendered in each process, yet every change shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Correction, Section
from articles.publishing import save_correction
from comments.models import Comment
from comments.services import moderate

from .factories import make_article, make_author, make_comment, make_section, post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE = False


@pytest.fixture
def article():
    return make_article(headline="Banjir rob di pesisir utara", section=make_section(name="Nasional"))


def read(url, client=None) -> str:
    from django.test import Client

    response = (client or Client()).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def listings(article) -> list[str]:
    return [reverse("articles:home"), article.section.get_absolute_url(), reverse("articles:archive"), "/en/"]


def test_a_renamed_section_shows_at_once_on_every_card(article):
    for url in listings(article):
        assert "Nasional" in read(url)
    section = Section.objects.get(pk=article.section_id)
    section.name = "Metropolitan"
    section.save()
    for url in listings(article):
        html = read(url)
        assert 'class="card__section"' in html and "Nasional" not in html and "Metropolitan" in html


def test_a_changed_headline_shows_at_once_on_a_card_even_after_a_bulk_update(article):
    # The home page's lists are kept per content version, like the pages the page cache keeps:
    # only a change that renews it (every one the newsroom makes) reaches them.
    card_listings = [article.section.get_absolute_url(), reverse("articles:archive")]
    for url in card_listings:
        read(url)
    Article.objects.filter(pk=article.pk).update(headline="Rob surut di pesisir utara")
    for url in card_listings:
        html = read(url)
        assert "Rob surut di pesisir utara" in html and "Banjir rob" not in html


def test_a_related_card_shows_the_new_headline_on_the_article_page(article):
    article.tags.add("Banjir")
    related = make_article(headline="Tanggul jebol di Pekalongan", tags=["Banjir"])
    assert "Tanggul jebol di Pekalongan" in read(article.get_absolute_url())
    # The related list is kept per content version (newsportal/pagecache.py), like the pages: the
    # change goes through a save, as every edit does.
    related.headline = "Tanggul diperbaiki di Pekalongan"
    related.save()
    html = read(article.get_absolute_url())
    assert "Tanggul diperbaiki di Pekalongan" in html and "Tanggul jebol" not in html


def test_an_articles_authors_tags_and_corrections_show_at_once_when_they_change(article):
    author = make_author(name="Maya Rahmawati")
    article.authors.add(author)
    article.tags.add("Banjir")
    url = article.get_absolute_url()
    html = read(url)
    assert "Maya Rahmawati" in html and ">Banjir</a>" in html
    author.name = "Maya R. Siregar"
    author.save()
    assert "Maya R. Siregar" in read(url)
    tag = Tag.objects.get(name="Banjir")
    tag.name = "Banjir Rob"
    tag.save()
    assert ">Banjir Rob</a>" in read(url)
    article.tags.add("Pesisir")
    assert ">Pesisir</a>" in read(url)
    save_correction(Correction(article=article, text="Lokasinya Muara Baru, bukan Muara Angke."))
    assert "Lokasinya Muara Baru, bukan Muara Angke." in read(url)
    article.authors.remove(author)
    article.tags.remove("Pesisir")
    html = read(url)
    assert "Maya R. Siregar" not in html and ">Pesisir</a>" not in html


def test_a_new_comment_does_not_read_the_articles_authors_and_tags_again(article):
    article.authors.add(make_author(name="Maya Rahmawati"))
    article.tags.add("Banjir")
    read(article.get_absolute_url())
    comment = make_comment(article, text="Airnya sudah setinggi lutut.", status=Comment.Status.PENDING)
    moderate(Comment.objects.filter(pk=comment.pk), Comment.Status.APPROVED)
    with CaptureQueriesContext(connection) as queries:
        html = read(article.get_absolute_url())
    assert "Airnya sudah setinggi lutut." in html and "Maya Rahmawati" in html and ">Banjir</a>" in html
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert 'FROM "articles_author"' not in sql and 'FROM "taggit_tag"' not in sql


def test_an_approved_comment_shows_at_once_under_the_article_and_on_its_card(article):
    make_comment(article, text="Komentar pertama.")
    comment = make_comment(article, text="Airnya sudah setinggi lutut.", status=Comment.Status.PENDING)
    assert "Airnya sudah setinggi lutut." not in read(article.get_absolute_url())
    assert "1 komentar" in read(reverse("articles:home"))
    moderate(Comment.objects.filter(pk=comment.pk), Comment.Status.APPROVED)
    html = read(article.get_absolute_url())
    assert "Airnya sudah setinggi lutut." in html and "2 tanggapan untuk" in html
    assert "2 komentar" in read(reverse("articles:home"))
    moderate(Comment.objects.filter(pk=comment.pk), Comment.Status.TRASH)
    assert "Airnya sudah setinggi lutut." not in read(article.get_absolute_url())


def test_the_author_of_a_pending_comment_sees_it_and_other_readers_do_not(article, client):
    make_comment(article, text="Komentar pertama.")
    read(article.get_absolute_url())
    response = post_comment(client, article, text="Semoga cepat surut.")
    assert response.status_code == 303
    own_page = read(article.get_absolute_url(), client)
    assert "Semoga cepat surut." in own_page and "Komentar Anda sedang menunggu moderasi." in own_page
    other_page = read(article.get_absolute_url())
    assert "Komentar pertama." in other_page and "Semoga cepat surut." not in other_page


def test_every_reader_gets_a_fresh_form_token_under_the_kept_comments(article):
    make_comment(article, text="Komentar pertama.")
    tokens = {
        read(article.get_absolute_url()).split('name="token" value="')[1].split('"')[0] for _ in range(2)
    }
    assert len(tokens) == 2


def test_a_form_sent_back_with_errors_keeps_what_was_typed_after_blank_forms_were_kept(article, client):
    read(article.get_absolute_url())
    response = post_comment(client, article, text="Sudah surut di Muara Baru.", author_email="bukan-email")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Sudah surut di Muara Baru." in html and 'value="bukan-email"' in html
    assert 'class="comment-form-email has-error"' in html
    blank = read(article.get_absolute_url())
    assert "Sudah surut di Muara Baru." not in blank and "has-error" not in blank


def test_an_edited_headline_shows_at_once_on_its_page_and_the_front_page(article):
    for url in (article.get_absolute_url(), reverse("articles:home")):
        assert "Banjir rob di pesisir utara" in read(url)
    article.headline = "Rob surut di pesisir utara"
    article.save()
    for url in (article.get_absolute_url(), reverse("articles:home")):
        html = read(url)
        assert "Rob surut di pesisir utara" in html and "Banjir rob" not in html


def test_between_changes_the_article_page_and_the_front_page_read_nothing_again(article):
    make_comment(article, status=Comment.Status.APPROVED)
    for url in (article.get_absolute_url(), reverse("articles:home")):
        read(url)
        with CaptureQueriesContext(connection) as queries:
            read(url)
        # Without Redis the cache is a table: the versions are read from it.
        read_again = [query["sql"] for query in queries if "newsportal_cache" not in query["sql"]]
        assert read_again == []
