"""A reader leaves a reply under an article."""

import json
from urllib.parse import unquote

import lxml.html
import pytest
from django.utils import translation

from comments.models import Comment

from .factories import make_article, make_comment, post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(headline="Harga beras turun")


def test_form_reads_like_wordpress_in_english(client, article):
    with translation.override("en"):
        url = article.get_absolute_url()
    html = client.get(url).content.decode()
    for text in (
        "Leave a Reply",
        "Your email address will not be published.",
        "Required fields are marked",
        "Comment",
        "Name",
        "Email",
        "Website",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Post Comment",
    ):
        assert text in html, text
    assert html.count('<span class="required" aria-hidden="true">*</span>') == 3


def test_form_speaks_indonesian_by_default(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    for text in (
        "Tinggalkan Balasan",
        "Alamat email Anda tidak akan dipublikasikan.",
        "Ruas yang wajib ditandai",
        "Kirim Komentar",
        "Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.",
    ):
        assert text in html, text


def test_new_comment_awaits_moderation_and_only_its_author_sees_it(client, article, django_user_model):
    response = post_comment(client, article, text="Semoga harga tetap stabil.")
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert comment.status == Comment.Status.PENDING

    mine = client.get(article.get_absolute_url()).content.decode()
    assert "Semoga harga tetap stabil." in mine
    assert "Komentar Anda sedang menunggu moderasi." in mine

    from django.test import Client

    theirs = Client().get(article.get_absolute_url()).content.decode()
    assert "Semoga harga tetap stabil." not in theirs


def test_approved_comment_is_seen_by_everyone(client, article):
    post_comment(client, article, text="Sudah disetujui nanti.")
    Comment.objects.update(status=Comment.Status.APPROVED)
    from django.test import Client

    html = Client().get(article.get_absolute_url()).content.decode()
    assert "Sudah disetujui nanti." in html
    assert "1 tanggapan untuk “Harga beras turun”" in html


def test_form_with_errors_comes_back_with_what_was_typed_and_a_message_per_field(client, article):
    response = post_comment(
        client, article, text="Teks saya yang panjang.", author_name="", author_email="bukan-email"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Teks saya yang panjang.</textarea>" in html
    assert 'value="bukan-email"' in html
    assert "Masukkan alamat email yang valid." in html
    assert "Bidang ini tidak boleh kosong." in html
    assert 'aria-invalid="true"' in html
    assert not Comment.objects.exists()


def described_by(document, field_id) -> list[str]:
    """The texts a screen reader reads out for a field, after its label."""
    ids = document.get_element_by_id(field_id).get("aria-describedby", "").split()
    return [document.get_element_by_id(id_).text_content() for id_ in ids]


def test_screen_readers_hear_which_fields_are_wrong_and_why(client, article):
    response = post_comment(client, article, text="Teks saya.", author_name="", author_email="bukan-email")
    assert response.status_code == 400
    document = lxml.html.fromstring(response.content.decode())
    assert document.get_element_by_id("id_author_name").get("aria-invalid") == "true"
    assert described_by(document, "id_author_name") == ["Bidang ini tidak boleh kosong."]
    assert document.get_element_by_id("id_author_email").get("aria-invalid") == "true"
    assert described_by(document, "id_author_email") == [
        "Alamat email Anda tidak akan dipublikasikan.",
        "Masukkan alamat email yang valid.",
    ]
    assert document.get_element_by_id("id_text").get("aria-invalid") is None
    assert described_by(document, "id_text") == []


def test_the_email_field_is_described_by_its_note_before_any_error(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    document = lxml.html.fromstring(response.content.decode())
    assert described_by(document, "id_author_email") == ["Alamat email Anda tidak akan dipublikasikan."]
    assert document.get_element_by_id("id_author_email").get("aria-invalid") is None


def test_remember_me_cookie_is_set_only_when_the_box_is_ticked(client, article):
    response = post_comment(
        client, article, text="Pertama.", remember="on", author_url="https://siti.example"
    )
    details = json.loads(unquote(response.cookies["comment_author"].value))
    assert details == {"name": "Siti Aminah", "email": "siti@example.net", "url": "https://siti.example"}
    assert response.cookies["comment_author"]["samesite"] == "Lax"

    response = post_comment(client, article, text="Kedua, tanpa centang.")
    assert response.cookies["comment_author"].value == ""  # deleted
    assert "comment_author" not in client.cookies or not client.cookies["comment_author"].value


def test_the_page_never_writes_the_remembered_email_into_its_html(client, article):
    post_comment(
        client, article, text="Ingat saya.", remember="on", author_email="rahasia-sekali@example.net"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "rahasia-sekali@example.net" not in html


def test_reply_goes_under_its_parent(client, article):
    parent = make_comment(article, author_name="Budi")
    response = post_comment(client, article, text="Setuju dengan Budi.", parent=parent.pk)
    reply = Comment.objects.get(parent=parent)
    assert response.status_code == 303
    assert reply.depth == 2
    html = client.get(article.get_absolute_url()).content.decode()
    parent_at = html.index(f'id="comment-{parent.pk}"')
    assert parent_at < html.index(f'id="comment-{reply.pk}"') < html.index("</ol>", parent_at)


def test_reply_link_without_javascript_opens_the_form_for_that_comment(client, article):
    parent = make_comment(article, author_name="Budi")
    html = client.get(f"{article.get_absolute_url()}?replytocom={parent.pk}").content.decode()
    assert "Balas ke Budi" in html
    assert f'name="parent" value="{parent.pk}"' in html
    assert 'id="cancel-comment-reply-link" href="' in html


def test_duplicate_text_on_the_same_article_is_refused_with_a_message(client, article):
    post_comment(client, article, text="Sama persis.")
    response = post_comment(client, article, text="  sama   PERSIS. ", author_email="lain@example.net")
    assert response.status_code == 400
    assert "Komentar ganda terdeteksi" in response.content.decode()
    assert Comment.objects.count() == 1


def test_comments_close_when_the_article_disallows_them(client):
    closed = make_article(allow_comments=False)
    html = client.get(closed.get_absolute_url()).content.decode()
    assert "Komentar ditutup." in html
    assert 'id="commentform"' not in html
    response = post_comment(client, closed)
    assert response.status_code == 403
    assert "Komentar ditutup." in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_on_an_unpublished_article_is_404(client):
    draft = make_article(status="draft")
    assert post_comment(client, draft).status_code == 404


def test_article_lists_show_the_approved_comment_count(client, article):
    make_comment(article)
    make_comment(article)
    make_comment(article, status=Comment.Status.PENDING)
    html = client.get(article.section.get_absolute_url()).content.decode()
    assert "2 komentar" in html


def test_get_on_the_posting_address_is_refused(client, article):
    assert client.get(f"/komentar/{article.pk}/").status_code == 405
