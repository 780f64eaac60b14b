"""A person's request for their data or its erasure, recorded and carried out by a moderator in the admin."""

import json
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment, PrivacyRequest

from .admin_forms import admin_form_data
from .factories import make_article, make_comment, make_user, set_discussion
from .pages import page

pytestmark = pytest.mark.django_db
EMAIL = "rina@pembaca.example"
LIST = "/admin/comments/privacyrequest/"


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def comments():
    """Three comments by the person who writes in (one with their address in capitals), one by another."""
    article = make_article(headline="Banjir rob di pesisir utara")
    mine = [
        make_comment(article, author_name="Rina", author_email=EMAIL, text="Komentar pertama Rina."),
        make_comment(article, author_name="Rina", author_email=EMAIL.upper(), text="Komentar kedua Rina."),
        make_comment(article, author_name="Rina", author_email=EMAIL, text="Komentar ketiga Rina."),
    ]
    other = make_comment(article, author_name="Budi", author_email="budi@example.net", text="Komentar Budi.")
    return article, mine, other


def make_request(hours_ago=1, **fields) -> PrivacyRequest:
    fields.setdefault("email", EMAIL)
    fields.setdefault("kind", PrivacyRequest.Kind.ERASE)
    return PrivacyRequest.objects.create(received_at=timezone.now() - timedelta(hours=hours_ago), **fields)


def test_a_moderator_records_a_request(moderator_client):
    form = admin_form_data(moderator_client.get(LIST + "add/"))
    response = moderator_client.post(
        LIST + "add/",
        form
        | {
            "email": EMAIL,
            "kind": "export",
            "received_at_0": "01-12-2026",
            "received_at_1": "09.30.00",
            "note": "Lewat surel ke redaksi.",
        },
    )

    assert response.status_code == 302
    recorded = PrivacyRequest.objects.get()
    assert (recorded.email, recorded.kind, recorded.done_at) == (EMAIL, "export", None)
    assert timezone.localtime(recorded.received_at).strftime("%d-%m-%Y %H:%M") == "01-12-2026 09:30"


def test_a_request_without_a_valid_email_gets_a_form_error(moderator_client):
    form = admin_form_data(moderator_client.get(LIST + "add/"))
    response = moderator_client.post(LIST + "add/", form | {"email": "bukan email", "kind": "erase"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == ["Masukkan alamat email yang valid."]
    assert not PrivacyRequest.objects.exists()


def test_the_list_says_what_is_due_and_what_is_late_by_the_deadline_setting(moderator_client):
    make_request(hours_ago=80, email="lama@example.net")
    make_request(hours_ago=2, email="baru@example.net")

    html = page(moderator_client, LIST)
    rows = {
        email: html.split(email)[1].split("</tr>")[0] for email in ("lama@example.net", "baru@example.net")
    }
    assert "Terlambat: tenggat" in rows["lama@example.net"]
    assert "Terlambat" not in rows["baru@example.net"] and "Tenggat" in rows["baru@example.net"]
    late = page(moderator_client, LIST, state="late")
    assert "lama@example.net" in late and "baru@example.net" not in late

    set_discussion(privacy_request_hours=100)
    assert "Terlambat: tenggat" not in page(moderator_client, LIST)
    assert "lama@example.net" not in page(moderator_client, LIST, state="late")


def test_export_downloads_that_persons_comments_as_json_and_marks_the_request_done(
    moderator_client, moderator, comments
):
    request = make_request(kind=PrivacyRequest.Kind.EXPORT)
    assert "Ekspor komentarnya (JSON)" in page(moderator_client, f"{LIST}{request.pk}/change/")

    response = moderator_client.post(f"{LIST}{request.pk}/export/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="comments-{request.pk}.json"'
    exported = json.loads(response.content)
    assert sorted(item["text"] for item in exported) == [
        "Komentar kedua Rina.",
        "Komentar ketiga Rina.",
        "Komentar pertama Rina.",
    ]
    assert {item["article"] for item in exported} == {"Banjir rob di pesisir utara"}
    request.refresh_from_db()
    assert request.done_by == moderator and request.done_at is not None
    assert moderator_client.get(f"{LIST}{request.pk}/export/").status_code == 405


def test_erasing_asks_first_saying_how_many_comments_it_touches(moderator_client, comments):
    article, mine, other = comments
    request = make_request()

    confirmation = page(moderator_client, f"{LIST}{request.pk}/erase/")

    assert f"Ini mengenai 3 komentar yang dikirim dengan {EMAIL}" in confirmation
    assert Comment.objects.filter(author_name="Rina").count() == 3
    assert PrivacyRequest.objects.get().done_at is None


def test_erasing_anonymises_the_comments_as_the_command_does_and_keeps_who_and_when(
    moderator_client, moderator, comments
):
    article, mine, other = comments
    reader = Client()
    assert "Rina" in page(reader, article.get_absolute_url())
    request = make_request()

    response = moderator_client.post(f"{LIST}{request.pk}/erase/", {"remove_text": "1"})

    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{request.pk}/change/"
    assert "3 komentar dihapus." in page(moderator_client, response["Location"])
    erased = Comment.objects.filter(pk__in=[comment.pk for comment in mine])
    assert set(erased.values_list("author_name", "author_email", "text", "ip_address")) == {
        ("Anonim", "", "", None)
    }
    assert Comment.objects.get(pk=other.pk).author_email == "budi@example.net"
    request.refresh_from_db()
    assert request.done_by == moderator and request.done_at is not None
    assert LogEntry.objects.get(object_id=str(request.pk)).get_change_message() == "3 komentar dihapus."
    html = page(reader, article.get_absolute_url())
    assert "Komentar pertama Rina." not in html and "Komentar Budi." in html
    done = page(moderator_client, LIST, state="done")
    assert EMAIL in done and moderator.username in done


def test_only_those_who_moderate_may_see_export_or_erase(client, reporter, comments):
    request = make_request()
    client.force_login(reporter)

    assert client.get(LIST).status_code == 403
    assert client.post(f"{LIST}{request.pk}/export/").status_code == 403
    assert client.post(f"{LIST}{request.pk}/erase/", {"remove_text": "1"}).status_code == 403
    assert Comment.objects.filter(author_name="Rina").count() == 3
    assert Client().post(f"{LIST}{request.pk}/erase/").status_code == 302  # to the login page
    assert Comment.objects.filter(author_name="Rina").count() == 3


def test_an_unknown_request_is_not_found(moderator_client):
    assert moderator_client.get(f"{LIST}999/erase/").status_code == 404
    assert moderator_client.post(f"{LIST}999/export/").status_code == 404


def test_requests_are_never_deleted(client):
    client.force_login(make_user(is_superuser=True))
    request = make_request()
    assert client.post(f"{LIST}{request.pk}/delete/", {"post": "yes"}).status_code == 403
    assert PrivacyRequest.objects.exists()


def queries_for_list(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(LIST).status_code == 200
    return len(context.captured_queries)


def test_the_list_runs_the_same_queries_however_many_requests(moderator_client, moderator):
    make_request(hours_ago=80)
    moderator_client.get(LIST)
    with_one = queries_for_list(moderator_client)
    for number in range(30):
        done = make_request(hours_ago=number, email=f"orang{number}@example.net")
        if number % 2:
            PrivacyRequest.objects.filter(pk=done.pk).update(done_at=timezone.now(), done_by=moderator)
    assert queries_for_list(moderator_client) <= with_one
