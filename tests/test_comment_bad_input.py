"""Bad input gets a 4xx or the form back with a message; nothing is saved; never a 500."""

import re

import pytest
from django.test import Client

from comments.models import Comment

from .factories import make_article, make_comment, post_comment, set_discussion

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article()


@pytest.mark.parametrize(
    "field", ["text", "author_name", "author_email", "author_url", "parent", "token", "phone"]
)
def test_nul_byte_in_any_field_is_refused(client, article, field):
    response = post_comment(client, article, **{field: "ab\x00cd"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"author_name": "N" * 10_000}, "Pastikan nilai ini mengandung paling banyak 100 karakter"),
        ({"text": "k" * 100_000}, "Pastikan nilai ini mengandung paling banyak 5000 karakter"),
        ({"author_email": "bukan-email"}, "Masukkan alamat email yang valid."),
        ({"author_url": "javascript:alert(1)"}, "Masukkan URL yang valid."),
        ({"text": "   "}, "Bidang ini tidak boleh kosong."),
    ],
)
def test_invalid_fields_come_back_with_a_message(client, article, fields, message):
    response = post_comment(client, article, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://penipu.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://testserver"},
    ],
)
def test_a_post_sent_from_another_site_is_refused(client, article, headers):
    response = post_comment(client, article, **headers)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_refusal_of_a_cross_site_post_is_styled_and_explains(client, article):
    response = post_comment(client, article, HTTP_ORIGIN="https://penipu.example")
    html = response.content.decode()
    assert 'class="site-name"' in html
    assert "Komentar hanya dapat dikirim dari halaman situs ini sendiri." in html


def test_a_post_from_this_sites_own_page_is_taken(client, article):
    response = post_comment(
        client, article, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 303
    assert Comment.objects.count() == 1


def test_reply_to_a_comment_of_another_article_is_refused(client, article):
    elsewhere = make_comment(make_article())
    response = post_comment(client, article, parent=elsewhere.pk)
    assert response.status_code == 400
    assert "Komentar yang Anda balas tidak ada di artikel ini." in response.content.decode()
    assert Comment.objects.count() == 1


def test_reply_to_a_pending_comment_is_refused(client, article):
    pending = make_comment(article, status=Comment.Status.PENDING)
    assert post_comment(client, article, parent=pending.pk).status_code == 400
    assert Comment.objects.count() == 1


def test_reply_deeper_than_the_maximum_is_refused(client, article, settings):
    set_discussion(max_depth=2)
    top = make_comment(article)
    reply = make_comment(article, parent=top)
    response = post_comment(client, article, parent=reply.pk)
    assert response.status_code == 400
    assert "Balasan hanya dapat bersarang sampai 2 tingkat." in response.content.decode()
    assert Comment.objects.count() == 2


def test_unknown_article_is_404(client):
    assert client.post("/komentar/999999/", {}).status_code == 404


@pytest.mark.parametrize("field", ["author_name", "author_url", "text"])
def test_script_and_javascript_urls_come_out_inert(client, article, field):
    payloads = {
        "author_name": '<script>alert("n")</script>',
        "author_url": "https://example.org/\"><script>alert('u')</script>",
        "text": '<script>alert("t")</script> <a href="javascript:alert(1)">klik</a> javascript:alert(2)',
    }
    post_comment(client, article, **{field: payloads[field]})
    Comment.objects.update(status=Comment.Status.APPROVED)
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert not re.search(r"<a [^>]*href=\"javascript:", html)
    assert "&lt;script&gt;" in html or "%3Cscript%3E" in html


@pytest.mark.parametrize("url", ["bukan alamat", "javascript:alert(1)", "ftp://berkas.example/"])
def test_a_bad_website_is_said_once_under_the_field(client, article, url):
    response = post_comment(client, article, author_url=url)
    assert response.status_code == 400
    html = response.content.decode()
    field_error = html.split('id="id_author_url_error"')[1].split("</span>")[0]
    assert field_error.count("Masukkan URL yang valid.") == 1
    # And once in the summary at the top of the form, which links to the field.
    assert html.count("Masukkan URL yang valid.") == 2
    assert '<a href="#id_author_url">Situs Web: Masukkan URL yang valid.</a>' in html
