"""A comment's HTML is made when it is saved; a page view prints it and cleans nothing."""

import importlib

import pytest
from django.core.cache import caches
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from comments.models import Comment
from comments.services import rerender_all

from .factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def linked(n: int) -> tuple[str, str]:
    """A comment's text with a link and a line break, and the HTML readers get of it."""
    text = f"Lihat https://data.example/harga?a={n}&b=2\nbaris {n}"
    html = (
        f'<p>Lihat <a href="https://data.example/harga?a={n}&amp;b=2" rel="nofollow ugc noopener">'
        f"https://data.example/harga?a={n}&amp;b=2</a><br>baris {n}</p>"
    )
    return text, html


@pytest.fixture
def article():
    return make_article()


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def refuse(*args, **kwargs):
    raise AssertionError("a page view must print the stored HTML, not make it")


def test_a_page_with_20_comments_neither_urlizes_nor_sanitises(client, article, monkeypatch):
    tops = [make_comment(article, text=linked(n)[0]) for n in range(10)]
    for top in tops:
        make_comment(article, parent=top, text=f"Balasan untuk {top.pk}")
    monkeypatch.setattr("nh3.clean", refuse)
    monkeypatch.setattr("comments.markup.urlize", refuse)
    monkeypatch.setattr("comments.markup.linebreaks", refuse)
    html = page(client, article)
    assert html.count('class="comment"') == 20
    assert all(linked(n)[1] in html for n in range(10))


def test_the_page_renders_no_template_per_comment(client, article):
    def cold_read():
        caches["fragments"].clear()  # every template of a render that nothing kept
        return client.get(article.get_absolute_url())

    make_comment(article)
    one = cold_read()
    for _ in range(19):
        make_comment(article, parent=make_comment(article))
    many = cold_read()
    assert (one.status_code, many.status_code) == (200, 200)
    assert many.content.decode().count('class="comment"') == 39
    assert [t.name for t in many.templates] == [t.name for t in one.templates]


def test_a_moderators_edit_shows_as_the_new_text(client, moderator, article):
    comment = make_comment(article, text="Teks lama.")
    client.force_login(moderator)
    response = client.post(
        f"/admin/comments/comment/{comment.pk}/change/",
        {
            "status": comment.status,
            "author_name": comment.author_name,
            "author_email": comment.author_email,
            "author_url": "",
            "text": linked(1)[0],
        },
    )
    assert response.status_code == 302
    client.logout()
    html = page(client, article)
    assert linked(1)[1] in html and "Teks lama." not in html


def test_rerender_all_makes_every_comments_html_again_and_says_how_far_it_is(article, monkeypatch):
    comments = [make_comment(article, text=linked(n)[0]) for n in range(3)]
    Comment.objects.update(text_html="<p>lama</p>")
    monkeypatch.setattr("comments.services.RERENDER_BATCH", 2)
    lines = []
    assert rerender_all(lines.append) == 3
    assert lines == ["[2/3] comments", "[3/3] comments"]
    for n, comment in enumerate(comments):
        comment.refresh_from_db()
        assert comment.text_html == linked(n)[1]


def test_the_migration_makes_the_html_of_comments_already_there(article):
    kept = make_comment(article, text=linked(1)[0])
    erased = make_comment(article, text="")
    Comment.objects.update(text_html="")

    name = ("comments", "0003_comment_text_html")
    state = MigrationExecutor(connection).loader.project_state(name, at_end=True)
    importlib.import_module(".".join([name[0], "migrations", name[1]])).render_existing(state.apps, None)
    kept.refresh_from_db()
    erased.refresh_from_db()
    assert (kept.text_html, erased.text_html) == (linked(1)[1], "")
