"""The admin index shows the newsroom what waits: articles in review and scheduled ones."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.dashboard import newsroom_queues
from articles.models import Article
from comments.models import Comment

from .factories import make_article, make_comment, make_section

pytestmark = pytest.mark.django_db


def test_editor_sees_articles_in_review_and_scheduled_ones(client, editor):
    make_article(headline="Menunggu redaktur", status=Article.Status.IN_REVIEW)
    make_article(headline="Besok pagi", publish_at=timezone.now() + timedelta(days=1))
    make_article(headline="Sudah terbit")
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert "Ditinjau (1)" in html and "Menunggu redaktur" in html
    assert "Terjadwal (1)" in html and "Besok pagi" in html
    assert "Sudah terbit" not in html
    assert 'href="/admin/articles/article/?publication=scheduled"' in html


def test_reporter_sees_only_their_own_articles_waiting(client, reporter):
    make_article(headline="Laporanku", status=Article.Status.IN_REVIEW, authors=[reporter.author_profile])
    make_article(headline="Laporan orang lain", status=Article.Status.IN_REVIEW)
    client.force_login(reporter)

    html = client.get("/admin/").content.decode()

    assert "Ditinjau (1)" in html and "Laporanku" in html
    assert "Laporan orang lain" not in html
    assert "Terjadwal (" not in html  # reporters schedule nothing


def test_moderator_sees_no_article_queues(client, moderator):
    make_article(status=Article.Status.IN_REVIEW)
    client.force_login(moderator)
    assert newsroom_queues(moderator) == []
    assert "Ditinjau (" not in client.get("/admin/").content.decode()


def test_admin_index_takes_the_same_number_of_queries_however_much_waits(client, editor):
    section = make_section()
    make_article(section=section, status=Article.Status.IN_REVIEW)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for hours in range(1, 30):
        make_article(section=section, status=Article.Status.IN_REVIEW)
        make_article(section=section, publish_at=timezone.now() + timedelta(hours=hours))
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/")

    queues = newsroom_queues(editor)
    assert [queue.count for queue in queues] == [30, 29]
    assert [len(queue.items) for queue in queues] == [10, 10]
    assert len(many.captured_queries) == len(few.captured_queries)


def test_moderator_sees_the_number_of_comments_waiting_and_the_newest(client, moderator):
    article = make_article(headline="Harga cabai")
    make_comment(article, author_name="Sudah", status=Comment.Status.APPROVED)
    for number in range(12):
        make_comment(article, author_name=f"Pembaca {number}", status=Comment.Status.PENDING)
    client.force_login(moderator)

    html = client.get("/admin/").content.decode()

    assert "Komentar menunggu (12)" in html
    assert "Pembaca 11:" in html and "Harga cabai" in html
    assert "Pembaca 0:" not in html  # the ten newest only
    assert 'href="/admin/comments/comment/?status__exact=pending"' in html


def test_comment_queue_takes_the_same_number_of_queries_however_many_wait(client, moderator):
    article = make_article()
    make_comment(article, status=Comment.Status.PENDING)
    client.force_login(moderator)
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for _ in range(30):
        make_comment(make_article(), status=Comment.Status.PENDING)
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_editor_without_comment_rights_sees_no_comment_queue(client, editor):
    make_comment(make_article(), status=Comment.Status.PENDING)
    client.force_login(editor)
    assert "Komentar menunggu" not in client.get("/admin/").content.decode()
