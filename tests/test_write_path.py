"""Every change to an article goes through articles/publishing.py: one write of its row per edit, and
the page prints what was stored then, parsing and sanitising nothing."""

import importlib
from io import StringIO
from types import SimpleNamespace
from unittest import mock

import lxml.etree
import lxml.html
import nh3
import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, BodyImage
from articles.publishing import add_views, save_article

from .admin_forms import admin_form_data
from .factories import (
    committed,
    jpeg_bytes,
    make_article,
    make_author,
    make_body_image,
    make_comment,
    make_section,
)

pytestmark = pytest.mark.django_db


def figure(body_image, caption="Keterangan") -> str:
    return f'<figure><img src="{body_image.image.url}" alt=""><figcaption>{caption}</figcaption></figure>'


def article_row_writes(queries) -> list[str]:
    """The INSERTs and UPDATEs of article rows (not of their authors, tags or pictures)."""
    writes = ('INSERT INTO "articles_article" ', 'UPDATE "articles_article" ')
    return [query["sql"] for query in queries if query["sql"].startswith(writes)]


def pictures_on_page(response) -> int:
    assert response.status_code == 200
    (body,) = lxml.html.fromstring(response.content).xpath('//div[@class="article__body"]')
    return len(body.xpath("figure/picture"))


@pytest.fixture
def article_with_pictures(editor):
    article = make_article(status=Article.Status.DRAFT, authors=[editor.author_profile])
    kept, deleted = make_body_image(article, alt="Perahu karet"), make_body_image(article, alt="Hilang")
    article.body = f"<p>Air naik.</p>{figure(kept)}{figure(deleted, caption='Dihapus')}"
    save_article(article)
    return article


def test_editing_an_article_and_deleting_a_picture_in_the_newsroom_writes_its_row_once(
    editor_client, article_with_pictures
):
    article = article_with_pictures
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = admin_form_data(editor_client.get(url))
    data = form | {
        "headline": "Banjir surut",
        "status": "published",
        "body_images-1-DELETE": "on",
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-corrected_at_0": "2021-11-24",
        "corrections-0-corrected_at_1": "08:30:00",
        "corrections-0-text": "Nama perahu diperbaiki.",
    }

    with CaptureQueriesContext(connection) as queries, committed():
        response = editor_client.post(url, data)

    assert response.status_code == 302
    assert len(article_row_writes(queries.captured_queries)) == 1
    article.refresh_from_db()
    assert (article.headline, article.is_published, article.corrections.count()) == ("Banjir surut", True, 1)
    assert "Dihapus" not in article.body and BodyImage.objects.filter(article=article).count() == 1
    assert pictures_on_page(editor_client.get(article.get_absolute_url())) == 1


def test_adding_an_article_with_a_picture_in_the_newsroom_writes_its_row_once(editor_client, editor):
    url = reverse("admin:articles_article_add")
    data = admin_form_data(editor_client.get(url)) | {
        "headline": "Jembatan baru",
        "slug": "jembatan-baru",
        "body": "<p>Dibuka hari ini.</p>",
        "section": str(make_section().pk),
        "status": "published",
        "authors": [str(make_author(byline_code="MRS").pk)],
        "body_images-TOTAL_FORMS": "1",
        "body_images-0-image": SimpleUploadedFile("foto.jpg", jpeg_bytes((800, 600))),
        "body_images-0-alt": "Jembatan dari udara",
    }

    with CaptureQueriesContext(connection) as queries, committed():
        response = editor_client.post(url, data)

    assert response.status_code == 302
    assert len(article_row_writes(queries.captured_queries)) == 1
    article = Article.objects.get(slug="jembatan-baru")
    assert (article.is_published, article.byline_code) == (True, f"MRS {editor.author_profile.byline_code}")
    (body_image,) = article.body_images.all()
    assert all(
        body_image.image.storage.exists(rendition.name)
        for rendition in body_image.picture.jpeg + body_image.picture.webp
    )


def test_publishing_selected_articles_is_one_write(editor_client):
    articles = [make_article(status=Article.Status.DRAFT) for _ in range(3)]
    data = {"action": "publish_selected", "_selected_action": [article.pk for article in articles]}

    with CaptureQueriesContext(connection) as queries:
        response = editor_client.post(reverse("admin:articles_article_changelist"), data)

    assert response.status_code == 302
    assert len(article_row_writes(queries.captured_queries)) == 1
    assert Article.objects.published().count() == 3


def test_article_page_with_pictures_and_20_comments_parses_and_sanitises_nothing(
    client, article_with_pictures
):
    article = article_with_pictures
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    for number in range(20):
        make_comment(article, text=f"Komentar {number} dengan tautan https://example.org/{number}\nbaris dua")
    refused = mock.Mock(side_effect=AssertionError("HTML parsed or sanitised in a page view"))
    parsers = [
        (nh3, "clean"),
        (lxml.html, "fromstring"),
        (lxml.html, "fragment_fromstring"),
        (lxml.html, "fragments_fromstring"),
        (lxml.html, "tostring"),
        (lxml.etree, "fromstring"),
        (lxml.etree, "tostring"),
    ]

    patches = [mock.patch.object(module, name, refused) for module, name in parsers]
    for patch in patches:
        patch.start()
    try:
        response = client.get(article.get_absolute_url())
    finally:
        for patch in patches:
            patch.stop()

    assert pictures_on_page(response) == 2
    assert response.content.decode().count('href="https://example.org/') == 20
    assert not refused.called


def test_rerender_writes_the_stored_body_again_with_a_progress_line(client, article_with_pictures):
    article = article_with_pictures
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, body_html={})
    other = make_article(headline="Tanpa foto")
    out = StringIO()

    call_command("rerender", stdout=out)

    lines = out.getvalue().splitlines()
    assert f"[1/2] {article.headline}" in lines and f"[2/2] {other.headline}" in lines
    assert lines[-1].endswith("1 article bodies changed, 0 comments.")
    assert pictures_on_page(client.get(article.get_absolute_url())) == 2


def test_migration_stores_the_body_of_articles_saved_before_it_was_stored(client, article_with_pictures):
    article = article_with_pictures
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, body_html={})
    migration = importlib.import_module("articles.migrations.0011_article_body_html")

    migration.fill_body_html(apps, SimpleNamespace(connection=connection))

    assert pictures_on_page(client.get(article.get_absolute_url())) == 2
    assert pictures_on_page(client.get("/en" + article.get_absolute_url())) == 2


def test_an_edit_keeps_the_views_and_comments_counted_while_it_was_open():
    article = make_article()
    opened = Article.objects.get(pk=article.pk)
    add_views(article.pk, 20)
    make_comment(article)

    opened.headline = "Judul diperbaiki"
    save_article(opened)

    article.refresh_from_db()
    assert (article.headline, article.view_count, article.approved_comment_count) == (
        "Judul diperbaiki",
        20,
        1,
    )
