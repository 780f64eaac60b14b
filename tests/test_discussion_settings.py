"""The comment rules as settings the newsroom changes in the admin, like WordPress's Settings → Discussion."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from comments.discussion import CACHE_KEY, current, saved_settings
from comments.models import Comment, DiscussionSettings

from .admin_forms import admin_form_data
from .factories import make_article, make_comment, make_user, post_comment, set_discussion
from .pages import page

pytestmark = pytest.mark.django_db
URL = "/admin/comments/discussionsettings/1/change/"


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def change(client, **values):
    """Send the settings form with these values changed, as a browser would."""
    form = admin_form_data(client.get(URL))
    return client.post(URL, form | values)


def test_the_environment_gives_the_first_values_and_a_reader_writes_nothing(settings, moderator_client):
    settings.COMMENTS_MAX_LINKS = 7
    settings.COMMENTS_MODERATION_WORDS = ["pinjol", "slot gacor"]
    settings.PRIVACY_REQUEST_HOURS = 48

    rules = current()

    assert (rules.max_links, rules.moderation_word_list, rules.privacy_request_hours) == (
        7,
        ["pinjol", "slot gacor"],
        48,
    )
    assert not DiscussionSettings.objects.exists()
    form = admin_form_data(moderator_client.get(URL))
    assert (form["max_links"], form["moderation_words"][0].strip()) == (["7"], "pinjol\nslot gacor")

    settings.COMMENTS_MAX_LINKS = 1
    cache.delete(CACHE_KEY)
    assert current().max_links == 7  # once the form has been opened, the row decides


def test_the_settings_list_opens_the_one_form(moderator_client):
    response = moderator_client.get("/admin/comments/discussionsettings/")
    assert response.status_code == 302
    assert response["Location"] == URL
    html = page(moderator_client, URL)
    assert "Kata moderasi" in html
    assert "Tambah" not in html.split('id="content"')[1].split("</h1>")[0]


def test_a_moderator_changes_the_moderation_words_and_the_next_comment_with_one_is_held(
    moderator_client, moderator
):
    set_discussion(hold_all=False)
    article = make_article()
    assert post_comment(Client(), article, text="Pertama, tanpa kata itu.").status_code == 303

    response = change(moderator_client, moderation_words="pinjol\nslot gacor")
    assert response.status_code == 302

    post_comment(Client(), article, text="Butuh dana? PINJOL cepat cair.")
    post_comment(Client(), article, text="Komentar biasa lagi.")
    statuses = dict(Comment.objects.values_list("text", "status"))
    assert statuses == {
        "Pertama, tanpa kata itu.": Comment.Status.APPROVED,
        "Butuh dana? PINJOL cepat cair.": Comment.Status.PENDING,
        "Komentar biasa lagi.": Comment.Status.APPROVED,
    }


def test_who_changed_what_is_kept_with_the_values_before_and_after(moderator_client, moderator):
    change(moderator_client, max_links="4", moderation_words="pinjol\r\njudi", hold_all="")

    entry = LogEntry.objects.get(object_id="1", content_type__model="discussionsettings")
    assert entry.user == moderator
    assert entry.get_change_message() == (
        "Tahan setiap komentar: ya → tidak; Tautan paling banyak: “2” → “4”; "
        "Kata moderasi: “” → “pinjol, judi”"
    )
    history = page(moderator_client, "/admin/comments/discussionsettings/1/history/")
    assert moderator.username in history
    assert "Kata moderasi: “” → “pinjol, judi”" in history


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("max_depth", "0", "Pastikan nilai ini lebih besar dari atau sama dengan 1."),
        ("per_page", "banyak", "Masukkan keseluruhan angka bilangan."),
        ("max_links", "-1", "Pastikan nilai ini lebih besar dari atau sama dengan 0."),
        ("rate_window_seconds", "", "Bidang ini tidak boleh kosong."),
        ("privacy_request_hours", "99999", "Pastikan nilai ini lebih kecil dari atau sama dengan 2160."),
    ],
)
def test_an_invalid_value_gets_a_form_error_and_changes_nothing(moderator_client, field, value, message):
    before = current().__dict__.copy()

    response = change(moderator_client, **{field: value})

    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors[field]
    saved = DiscussionSettings.objects.get()
    assert {name: getattr(saved, name) for name in ("max_depth", "per_page", "max_links")} == {
        name: before[name] for name in ("max_depth", "per_page", "max_links")
    }
    assert not LogEntry.objects.exists()


def test_a_change_reaches_the_next_reader_of_a_cached_page(moderator_client):
    article = make_article(publish_at=timezone.now() - timedelta(days=3))
    for number in range(3):
        make_comment(article, text=f"Komentar nomor {number}.")
    reader = Client()
    assert "Komentar nomor 2." in page(reader, article.get_absolute_url())  # kept by the page cache now

    change(moderator_client, per_page="2")

    html = page(reader, article.get_absolute_url())
    assert "Komentar nomor 1." in html and "Komentar nomor 2." not in html

    change(moderator_client, close_after_days="1")
    assert "Komentar ditutup." in page(reader, article.get_absolute_url())


def test_a_worker_that_read_the_old_settings_never_brings_them_back(moderator_client):
    stale = current()
    change(moderator_client, max_links="9")

    # What a worker does after reading the row from the database before the change was committed.
    cache.add(CACHE_KEY, stale, timeout=None)

    assert current().max_links == 9


def test_the_settings_are_read_from_the_database_when_the_cache_has_lost_them(moderator_client):
    change(moderator_client, max_depth="3")
    cache.delete(CACHE_KEY)
    assert current().max_depth == 3


def test_editors_change_them_too_and_reporters_cannot_open_them(client, editor, reporter):
    client.force_login(editor)
    assert change(client, max_links="5").status_code == 302
    assert current().max_links == 5

    client.force_login(reporter)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"max_links": "50"}).status_code == 403
    assert client.get("/admin/comments/discussionsettings/").status_code == 403
    assert DiscussionSettings.objects.get().max_links == 5


def test_nobody_adds_or_deletes_the_settings(client):
    client.force_login(make_user(is_superuser=True))
    saved_settings()
    assert client.get("/admin/comments/discussionsettings/add/").status_code == 403
    assert client.post("/admin/comments/discussionsettings/1/delete/", {"post": "yes"}).status_code == 403
    assert DiscussionSettings.objects.exists()
