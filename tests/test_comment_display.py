"""What readers see of the comments under an article."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment

from .factories import make_article, make_comment, set_discussion

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article()


def page(client, article, query=""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def test_comments_are_threaded_oldest_first(client, article):
    now = timezone.now()
    first = make_comment(article, text="Pertama", submitted_at=now - timedelta(hours=3))
    second = make_comment(article, text="Kedua", submitted_at=now - timedelta(hours=2))
    reply = make_comment(
        article, text="Balasan untuk pertama", parent=first, submitted_at=now - timedelta(hours=1)
    )
    html = page(client, article)
    assert html.index("Pertama") < html.index("Balasan untuk pertama") < html.index("Kedua")
    assert f'<li id="comment-{reply.pk}"' in html.split(f'<li id="comment-{second.pk}"')[0]


def test_reply_is_shown_only_when_its_parent_is(client, article):
    held = make_comment(article, text="Induk ditahan", status=Comment.Status.PENDING)
    make_comment(article, text="Balasan yang disetujui", parent=held)
    trashed = make_comment(article, text="Induk dibuang")
    make_comment(article, text="Balasan anak sampah", parent=trashed)
    Comment.objects.filter(pk=trashed.pk).update(status=Comment.Status.TRASH)
    html = page(client, article)
    for text in ("Induk ditahan", "Balasan yang disetujui", "Induk dibuang", "Balasan anak sampah"):
        assert text not in html


def test_spam_and_trash_are_never_shown(client, article):
    make_comment(article, text="Iklan spam", status=Comment.Status.SPAM)
    make_comment(article, text="Sampah", status=Comment.Status.TRASH)
    html = page(client, article)
    assert "Iklan spam" not in html and "Sampah" not in html


def test_text_keeps_line_breaks_and_links_get_nofollow_ugc_noopener(client, article):
    make_comment(article, text="Baris satu\nbaris dua\n\nParagraf baru: https://sumber.example/data?a=1&b=2")
    html = page(client, article)
    assert "<p>Baris satu<br>baris dua</p>" in html
    assert '<a href="https://sumber.example/data?a=1&amp;b=2" rel="nofollow ugc noopener">' in html


def test_author_name_links_to_their_website_with_nofollow_ugc(client, article):
    make_comment(article, author_name="Rudi", author_url="https://rudi.example/")
    assert '<a href="https://rudi.example/" rel="nofollow ugc">Rudi</a>' in page(client, article)


def test_no_avatars_from_other_hosts(client, article):
    make_comment(article)
    html = page(client, article)
    assert "gravatar" not in html.lower()
    assert "<img" not in html.split('id="comments"')[1]


def test_reply_link_is_hidden_at_the_maximum_depth(client, article, settings):
    set_discussion(max_depth=2)
    top = make_comment(article)
    deepest = make_comment(article, parent=top)
    html = page(client, article)
    assert f'data-comment-id="{top.pk}"' in html
    assert f'data-comment-id="{deepest.pk}"' not in html


def test_top_level_comments_are_paginated_with_their_replies(client, article, settings):
    set_discussion(per_page=2)
    now = timezone.now()
    tops = [
        make_comment(article, text=f"Utama {n}", submitted_at=now - timedelta(hours=10 - n)) for n in range(5)
    ]
    make_comment(article, text="Balasan di halaman tiga", parent=tops[4])
    first = page(client, article)
    assert "Utama 0" in first and "Utama 1" in first and "Utama 2" not in first
    assert "?cpage=2#comments" in first
    assert "6 tanggapan" in first
    last = page(client, article, "?cpage=3")
    assert "Utama 4" in last and "Balasan di halaman tiga" in last
    assert "Utama 0" not in last
    assert "Utama 0" in page(client, article, "?cpage=abc")


def test_erased_text_says_so(client, article):
    make_comment(article, text="")
    assert "Komentar ini dihapus atas permintaan penulisnya." in page(client, article)


def test_article_page_queries_stay_the_same_with_1_and_100_comments(
    client, article, django_assert_max_num_queries
):
    make_comment(article)
    with CaptureQueriesContext(connection) as one:
        client.get(article.get_absolute_url())

    tops = [make_comment(article) for _ in range(40)]
    replies = [make_comment(article, parent=top) for top in tops[:30]]
    for reply in replies[:29]:
        make_comment(article, parent=reply)
    assert Comment.objects.count() == 100

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('class="comment"') >= 50
