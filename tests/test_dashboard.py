"""The admin index shows the newsroom what waits: articles in review and scheduled ones."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.dashboard import newsroom_queues
from articles.models import Article
from comments.models import Comment, PrivacyRequest

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
    client.get("/admin/")  # what is made once (the discussion settings) is not counted
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


def test_comment_and_privacy_queues_take_the_same_number_of_queries_however_many_wait(client, moderator):
    article = make_article()
    make_comment(article, status=Comment.Status.PENDING)
    PrivacyRequest.objects.create(email="rina@example.net", kind=PrivacyRequest.Kind.ERASE)
    client.force_login(moderator)
    client.get("/admin/")  # what is made once (the discussion settings) is not counted
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for number in range(30):
        make_comment(make_article(), status=Comment.Status.PENDING)
        PrivacyRequest.objects.create(email=f"orang{number}@example.net", kind=PrivacyRequest.Kind.EXPORT)
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_editors_moderate_too_and_see_the_comment_queue(client, editor):
    make_comment(make_article(), author_name="Pembaca", status=Comment.Status.PENDING)
    client.force_login(editor)
    assert "Komentar menunggu (1)" in client.get("/admin/").content.decode()


def test_reporters_see_no_comment_or_privacy_queue(client, reporter):
    make_comment(make_article(), status=Comment.Status.PENDING)
    PrivacyRequest.objects.create(email="rina@example.net", kind=PrivacyRequest.Kind.ERASE)
    client.force_login(reporter)
    html = client.get("/admin/").content.decode()
    assert "Komentar menunggu" not in html and "rina@example.net" not in html


def test_moderator_sees_the_privacy_requests_to_do_the_first_due_first(client, moderator):
    now = timezone.now()
    for email, hours_ago in [("baru@example.net", 1), ("lama@example.net", 70)]:
        received_at = now - timedelta(hours=hours_ago)
        PrivacyRequest.objects.create(email=email, kind="export", received_at=received_at)
    PrivacyRequest.objects.create(email="selesai@example.net", kind="erase", done_at=now)
    client.force_login(moderator)

    html = client.get("/admin/").content.decode()

    assert "Permintaan privasi belum dikerjakan (2)" in html
    assert html.index("lama@example.net") < html.index("baru@example.net")
    assert "selesai@example.net" not in html
    assert 'href="/admin/comments/privacyrequest/?state=open"' in html
