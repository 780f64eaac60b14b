"""Moderators work the comment queue in admin; only there does a commenter's email show."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from comments.models import Comment
from comments.services import notify_moderators

from .factories import comment_form_data, make_article, make_comment, set_discussion

pytestmark = pytest.mark.django_db
QUEUE = "/admin/comments/comment/"


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user(
        "moderator", email="moderator@lensamanca.example", password="rahasia-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_moderators_group_has_rights_on_comments_only():
    codenames = set(
        Group.objects.get(name="Moderators").permissions.values_list("content_type__app_label", flat=True)
    )
    assert codenames == {"comments"}


def test_moderator_sees_the_queue_with_pending_first_and_the_email(moderator_client):
    article = make_article()
    make_comment(article, author_email="lama@example.net", text="Sudah disetujui")
    pending = make_comment(article, author_email="baru@example.net", status=Comment.Status.PENDING)
    response = moderator_client.get(QUEUE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "baru@example.net" in html and "lama@example.net" in html
    assert html.index("baru@example.net") < html.index("lama@example.net")
    assert f"/admin/comments/comment/{pending.pk}/change/" in html
    assert "Menunggu (1)" in html  # counts beside the status filter


def test_moderator_cannot_edit_articles(moderator_client):
    article = make_article()
    response = moderator_client.get("/admin/articles/article/")
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()
    assert moderator_client.get(f"/admin/articles/article/{article.pk}/change/").status_code in (403, 404)


def test_queue_search_finds_name_email_text_and_ip(moderator_client):
    article = make_article()
    make_comment(
        article,
        author_name="Wulan",
        author_email="wulan@example.net",
        text="Cabai mahal",
        ip_address="198.51.100.4",
    )
    make_comment(article, author_name="Lain", text="Tidak relevan")
    for term in ("Wulan", "wulan@example.net", "Cabai", "198.51.100.4"):
        html = moderator_client.get(QUEUE, {"q": term}).content.decode()
        assert "Wulan" in html and "Tidak relevan" not in html, term


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_approved", Comment.Status.APPROVED),
        ("mark_pending", Comment.Status.PENDING),
        ("mark_spam", Comment.Status.SPAM),
        ("mark_trash", Comment.Status.TRASH),
    ],
)
def test_bulk_actions_move_the_selected_comments(moderator_client, action, status):
    article = make_article()
    start = Comment.Status.PENDING if status == Comment.Status.APPROVED else Comment.Status.APPROVED
    chosen = [make_comment(article, status=start) for _ in range(3)]
    untouched = make_comment(article, status=start)
    response = moderator_client.post(
        QUEUE, {"action": action, "_selected_action": [comment.pk for comment in chosen]}, follow=True
    )
    assert response.status_code == 200
    assert "3 komentar ditandai" in response.content.decode()
    assert set(Comment.objects.filter(pk__in=[c.pk for c in chosen]).values_list("status", flat=True)) == {
        status
    }
    untouched.refresh_from_db()
    assert untouched.status == start


def test_readers_cannot_reach_the_queue(client):
    assert client.get(QUEUE).status_code == 302  # to the login page


def test_new_pending_comment_emails_each_active_moderator_after_commit(
    client, moderator, django_user_model, django_capture_on_commit_callbacks
):
    inactive = django_user_model.objects.create_user("old", email="old@lensamanca.example", is_active=False)
    inactive.groups.add(Group.objects.get(name="Moderators"))
    django_user_model.objects.create_user("nomail").groups.add(Group.objects.get(name="Moderators"))
    article = make_article(headline="Banjir di Bekasi")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/komentar/{article.pk}/", comment_form_data(article, text="Semoga cepat surut."))
    comment = Comment.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moderator@lensamanca.example"]
    assert "Banjir di Bekasi" in message.subject
    assert "Semoga cepat surut." in message.body
    assert f"http://testserver/admin/comments/comment/{comment.pk}/change/" in message.body


def test_spam_and_approved_comments_send_no_email(
    client, moderator, settings, django_capture_on_commit_callbacks
):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/komentar/{article.pk}/", comment_form_data(article, phone="bot"))
    set_discussion(hold_all=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/komentar/{article.pk}/", comment_form_data(article, text="Langsung tampil"))
    assert mail.outbox == []


def test_notification_can_be_turned_off(client, moderator, settings, django_capture_on_commit_callbacks):
    set_discussion(notify_moderators=False)
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/komentar/{article.pk}/", comment_form_data(article))
    assert mail.outbox == []


def test_no_moderators_no_email():
    comment = make_comment(make_article(), status=Comment.Status.PENDING)
    assert notify_moderators(comment, site_url="http://testserver/") == 0
