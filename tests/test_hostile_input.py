"""The hostile requests a careful attacker sent: each is answered 4xx with a message, never a 500."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client

from articles.models import Article
from comments.models import Comment
from newsportal.admin import CheckedParametersMixin

from .admin_forms import admin_form_data
from .factories import make_article, make_comment, make_page, post_comment

pytestmark = pytest.mark.django_db

CSRF_COOKIE = "a" * 32


@pytest.fixture
def article():
    return make_article()


def csrf_checking_client() -> Client:
    """A browser that has a CSRF cookie, with the checks a real request gets."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF_COOKIE
    return client


@pytest.mark.parametrize("url", ["/", "/komentar/{article}/", "/admin/login/"])
def test_a_form_in_utf_16_with_a_csrf_cookie_is_a_styled_400(article, url):
    response = csrf_checking_client().generic(
        "POST",
        url.format(article=article.pk),
        b"text=halo",
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?publish_at__year=999999999999999999999",
        "/admin/articles/article/?publish_at__year=9999&publish_at__month=12&publish_at__day=31",
        "/admin/articles/article/?publish_at__year=9999",
        "/admin/comments/comment/?submitted_at__year=999999999999999999999",
        "/admin/comments/comment/?submitted_at__year=2026&submitted_at__month=99999999999999999999",
    ],
)
def test_a_date_beyond_the_calendar_in_a_newsroom_list_is_a_400(admin_client, article, url):
    make_comment(article)
    response = admin_client.get(url)
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "action"),
    [("/admin/articles/article/", "publish_selected"), ("/admin/comments/comment/", "mark_approved")],
)
@pytest.mark.parametrize("selected", ["abc", "\x00", "99999999999999999999999", "1 OR 1=1"])
def test_a_bulk_action_on_an_item_that_is_no_key_is_a_400_and_changes_nothing(
    admin_client, article, url, action, selected
):
    comment = make_comment(article, status=Comment.Status.PENDING)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    response = admin_client.post(
        url, {"action": action, "index": "0", "_selected_action": [str(article.pk), selected]}
    )
    assert response.status_code == 400
    article.refresh_from_db()
    comment.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert comment.status == Comment.Status.PENDING


NO_KEYS = ["abc", "\x00", "999999999999999999999"]


@pytest.mark.parametrize("row", NO_KEYS)
def test_an_editable_list_row_that_is_no_key_is_a_400_and_changes_nothing(admin_client, row):
    """Like a forged selection (SQLite fails the query on a huge number)."""
    page = make_page(title="Redaksi", order=3)
    management = {"TOTAL_FORMS": "1", "INITIAL_FORMS": "1", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}
    data = {f"form-{name}": value for name, value in management.items()}
    data |= {"form-0-id": row, "form-0-order": "1", "form-0-is_published": "on", "_save": "Simpan"}
    assert admin_client.post("/admin/pages/page/", data).status_code == 400
    page.refresh_from_db()
    assert page.order == 3


@pytest.mark.parametrize("item", NO_KEYS)
def test_an_inline_item_that_is_no_key_comes_back_with_a_message_and_changes_nothing(
    admin_client, article, item
):
    correction = article.corrections.create(text="Judul diperbaiki.")
    url = f"/admin/articles/article/{article.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data |= {"corrections-0-id": item, "corrections-0-text": "Diubah."}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert 'class="errornote"' in response.content.decode()
    correction.refresh_from_db()
    assert correction.text == "Judul diperbaiki."


def test_every_model_admin_checks_its_filter_and_action_parameters():
    registered = [model for model in apps.get_models() if admin.site.is_registered(model)]
    assert len(registered) >= 10
    for model in registered:
        assert isinstance(admin.site.get_model_admin(model), CheckedParametersMixin), model


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/admin/auth/group/", {"q": "x" * 70_000}),
        (
            "/admin/autocomplete/",
            {"app_label": "articles", "model_name": "article", "field_name": "section", "term": "x" * 70_000},
        ),
    ],
)
def test_a_newsroom_search_longer_than_a_paragraph_is_a_400(admin_client, url, params):
    assert admin_client.get(url, params).status_code == 400


def test_merging_tags_with_none_chosen_is_a_400(admin_client):
    response = admin_client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "banjir"})
    assert response.status_code == 400


@pytest.mark.parametrize("field", ["section", "authors"])
@pytest.mark.parametrize(
    "value", ["abc", "\x00", "1; DROP TABLE articles_article", "🦖", "9" * 30, "x" * 70_000]
)
def test_an_article_form_with_a_section_or_author_that_is_no_key_comes_back_with_a_message(
    editor_client, field, value
):
    url = "/admin/articles/article/add/"
    data = admin_form_data(editor_client.get(url)) | {"headline": "Banjir", "slug": "banjir", field: value}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert f'<ul class="errorlist" id="id_{field}_error">' in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize("field", ["text", "author_name"])
def test_a_lone_surrogate_in_a_comment_is_a_form_error_not_a_replacement(client, article, field):
    body = post_body(article, **{field: "%ED%A0%80 halo"})
    response = client.post(f"/komentar/{article.pk}/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "tidak dapat dibaca" in response.content.decode()
    assert not Comment.objects.exists()


def post_body(article, **raw_fields) -> str:
    """The comment form as a urlencoded body, with ``raw_fields`` put in as they are (already encoded)."""
    from urllib.parse import urlencode

    from .factories import comment_form_data

    data = comment_form_data(article)
    for name in raw_fields:
        data.pop(name)
    return urlencode(data) + "".join(f"&{name}={value}" for name, value in raw_fields.items())


def test_a_comment_with_only_valid_utf_8_is_still_taken(client, article):
    response = post_comment(client, article, text="Bagus 👍 — terima kasih, 𝒳.")
    assert response.status_code == 303
    assert Comment.objects.get().text == "Bagus 👍 — terima kasih, 𝒳."
