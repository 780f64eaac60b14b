"""Replying to a comment and being remembered, in Chromium with the page's script running."""

import pytest

from comments.models import Comment
from tests.factories import make_article, make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_and_send(page, text, remember=False):
    page.fill("#id_text", text)
    page.fill("#id_author_name", "Rahmat")
    page.fill("#id_author_email", "rahmat@example.net")
    page.fill("#id_author_url", "https://rahmat.example")
    if remember:
        page.check("#id_remember")
    page.wait_for_timeout(1100)  # the server's minimum fill time
    page.click("#commentform button[type=submit]")
    page.wait_for_load_state()


def test_reply_moves_the_form_and_the_reply_awaits_moderation_under_its_parent(page, gunicorn_server):
    article = make_article()
    parent = make_comment(article, author_name="Budi", text="Komentar pertama Budi.")
    make_comment(article, author_name="Ani", text="Komentar Ani.")
    page.goto(gunicorn_server + article.get_absolute_url())

    page.click(f'.comment-reply-link[data-comment-id="{parent.pk}"]')
    form_parent = page.locator("#respond").evaluate("node => node.parentElement.id")
    assert form_parent == f"comment-{parent.pk}"
    assert page.locator(".respond__title-text").inner_text() == "Balas ke Budi"
    assert page.locator("#cancel-comment-reply-link").is_visible()
    assert page.evaluate("document.activeElement.id") == "id_text"

    fill_and_send(page, "Saya setuju dengan Budi.")

    reply = Comment.objects.get(parent=parent)
    assert reply.status == Comment.Status.PENDING
    reply_item = page.locator(f"#comment-{parent.pk} .comment-children #comment-{reply.pk}")
    assert reply_item.is_visible()
    assert "Komentar Anda sedang menunggu moderasi." in reply_item.inner_text()
    assert page.url.endswith(f"#comment-{reply.pk}")


def test_cancel_reply_puts_the_form_back(page, gunicorn_server):
    article = make_article()
    parent = make_comment(article, author_name="Budi")
    page.goto(gunicorn_server + article.get_absolute_url())
    page.click(f'.comment-reply-link[data-comment-id="{parent.pk}"]')
    page.click("#cancel-comment-reply-link")
    assert page.locator("#respond").evaluate("node => node.parentElement.id") == "comments"
    assert page.locator(".respond__title-text").inner_text() == "Tinggalkan Balasan"
    assert page.locator("input[name=parent]").input_value() == ""
    assert not page.locator("#cancel-comment-reply-link").is_visible()


def test_remembered_details_fill_the_form_on_the_next_article(page, gunicorn_server):
    first, second = make_article(), make_article()
    page.goto(gunicorn_server + first.get_absolute_url())
    fill_and_send(page, "Komentar pertama saya.", remember=True)

    page.goto(gunicorn_server + second.get_absolute_url())
    assert page.input_value("#id_author_name") == "Rahmat"
    assert page.input_value("#id_author_email") == "rahmat@example.net"
    assert page.input_value("#id_author_url") == "https://rahmat.example"
    assert page.is_checked("#id_remember")
    assert page.input_value("#id_text") == ""


def test_without_the_box_ticked_nothing_is_remembered(page, gunicorn_server):
    first, second = make_article(), make_article()
    page.goto(gunicorn_server + first.get_absolute_url())
    fill_and_send(page, "Tanpa diingat.")
    page.goto(gunicorn_server + second.get_absolute_url())
    assert page.input_value("#id_author_name") == ""
    assert not any(cookie["name"] == "comment_author" for cookie in page.context.cookies())
