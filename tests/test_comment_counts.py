"""Cards and the newsroom's article list count each article's comments, whichever way the comments change."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article
from comments.models import Comment

from .factories import make_article, make_comment, post_comment

pytestmark = pytest.mark.django_db
QUEUE = "/admin/comments/comment/"


@pytest.fixture
def article():
    return make_article(headline="Harga cabai naik")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def counts(article) -> tuple[int, int]:
    """What the newsroom's list shows: waiting, approved."""
    article.refresh_from_db()
    return article.pending_comment_count, article.approved_comment_count


def card_text(client, article) -> str:
    response = client.get(article.section.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_posted_comment_waits_and_its_approval_shows_on_the_card(client, moderator_client, article):
    reader = type(client)()
    assert post_comment(reader, article, text="Mahal sekali.").status_code == 303
    assert counts(article) == (1, 0)
    assert "1 komentar" not in card_text(reader, article)

    comment = Comment.objects.get()
    response = moderator_client.post(QUEUE, {"action": "mark_approved", "_selected_action": [comment.pk]})
    assert response.status_code == 302
    assert counts(article) == (0, 1)
    assert "1 komentar" in card_text(reader, article)


def test_spam_is_counted_nowhere(client, article):
    assert post_comment(client, article, phone="bot").status_code == 303
    assert Comment.objects.get().status == Comment.Status.SPAM
    assert counts(article) == (0, 0)


def test_a_moderator_changing_the_status_in_the_form_changes_the_counts(moderator_client, article):
    comment = make_comment(article, text="Setuju.")
    assert counts(article) == (0, 1)
    response = moderator_client.post(
        f"{QUEUE}{comment.pk}/change/",
        {
            "status": Comment.Status.TRASH,
            "author_name": comment.author_name,
            "author_email": comment.author_email,
            "author_url": "",
            "text": comment.text,
        },
    )
    assert response.status_code == 302
    assert counts(article) == (0, 0)


def test_deleting_comments_in_the_queue_takes_them_off_the_counts(moderator_client, article):
    top = make_comment(article)
    make_comment(article, parent=top)
    others = [make_comment(article, status=Comment.Status.PENDING) for _ in range(2)]
    assert counts(article) == (2, 2)

    response = moderator_client.post(f"{QUEUE}{top.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert counts(article) == (2, 0)  # the reply went with its parent

    response = moderator_client.post(
        QUEUE, {"action": "delete_selected", "post": "yes", "_selected_action": [c.pk for c in others]}
    )
    assert response.status_code == 302
    assert counts(article) == (0, 0)


def test_one_articles_comments_leave_the_others_counts_alone(moderator_client, article):
    other = make_article()
    make_comment(other)
    mine = make_comment(article, status=Comment.Status.PENDING)
    moderator_client.post(QUEUE, {"action": "mark_approved", "_selected_action": [mine.pk]})
    assert counts(article) == (0, 1)
    assert counts(other) == (0, 1)


def test_the_migration_counts_the_comments_already_there(article):
    make_comment(article)
    make_comment(article, status=Comment.Status.PENDING)
    make_comment(article, status=Comment.Status.TRASH)
    Article.objects.update(approved_comment_count=0, pending_comment_count=0)

    name = ("comments", "0004_fill_article_comment_counts")
    state = MigrationExecutor(connection).loader.project_state(name, at_end=True)
    importlib.import_module(".".join([name[0], "migrations", name[1]])).count_comments(state.apps, None)
    assert counts(article) == (1, 1)
