"""A newsroom's first day in Chromium: an editor writes the masthead page, a moderator changes the
moderation words in a gunicorn of several workers, and carries out a reader's privacy request."""

import json
import time
from pathlib import Path

import pytest

from comments.models import Comment, PrivacyRequest
from tests.factories import make_article, make_comment, make_user, set_discussion
from tests.test_e2e_comments import Browser, reader_posts

from .test_newsroom import watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "redaksi-pagi-2026"
EMAIL = "rina@pembaca.example"


def log_in(page, server, groups):
    """A new member of these groups, logged in to the admin in ``page``."""
    user = make_user(groups=groups, author="Editors" in groups, password=PASSWORD)
    page.goto(server + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    return user


def saved(page) -> None:
    assert page.locator(".messagelist .success").count() == 1, page.locator(
        ".errornote, .errorlist"
    ).all_inner_texts()


def test_editor_writes_a_redaksi_page_that_readers_find_in_the_footer(page, browser, gunicorn_server):
    from pages.models import Page
    from tests.conftest import ARTIFACTS

    problems, requested = watch(page)
    log_in(page, gunicorn_server, ["Editors"])
    page.goto(gunicorn_server + "/admin/pages/page/add/")
    page.fill("#id_title", "Redaksi")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("## Penanggung jawab")
    page.keyboard.press("Enter")
    page.keyboard.type("Pemimpin Redaksi: Maya Rahmawati")
    page.check("#id_is_published")
    assert page.input_value("#id_slug") == "redaksi"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "newsroom-editor-writes-page.png", full_page=True)
    with page.expect_navigation():
        page.click("input[name=_save]")
    saved(page)
    assert Page.objects.get().body == "<h2>Penanggung jawab</h2><p>Pemimpin Redaksi: Maya Rahmawati</p>"
    assert not problems, problems
    assert all(url.startswith(gunicorn_server) for url in requested), requested

    reader = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(gunicorn_server + "/")
    reader.locator(".site-footer").get_by_role("link", name="Redaksi").click()
    assert reader.url == gunicorn_server + "/halaman/redaksi/"
    assert reader.locator("h1").inner_text() == "Redaksi"
    assert reader.locator(".article__body h2").inner_text() == "Penanggung jawab"
    assert reader.locator("#commentform").count() == 0
    reader.goto(gunicorn_server + "/en/")
    reader.locator(".site-footer").get_by_role("link", name="Redaksi").click()
    assert reader.url == gunicorn_server + "/en/halaman/redaksi/"
    assert reader.locator("html").get_attribute("lang") == "en"
    reader.context.close()


def test_moderator_changes_the_moderation_words_and_every_worker_holds_the_next_such_comment(
    page, browser, gunicorn_server
):
    set_discussion(hold_all=False)
    article = make_article()
    # Every worker has read the settings before the change: several readers, each a new connection.
    for number in range(4):
        status, _ = reader_posts(Browser(gunicorn_server), article, f"Butuh dana? Pinjol cair {number}.")
        assert status == 200
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.APPROVED}

    log_in(page, gunicorn_server, ["Moderators"])
    page.goto(gunicorn_server + "/admin/comments/discussionsettings/")
    page.fill("#id_moderation_words", "pinjol\nslot gacor")
    with page.expect_navigation():
        page.click("input[name=_save]")
    saved(page)

    reader = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(gunicorn_server + article.get_absolute_url())
    reader.fill("#id_text", "Pinjol tanpa agunan, hubungi kami.")
    reader.fill("#id_author_name", "Rahmat")
    reader.fill("#id_author_email", "rahmat@example.net")
    reader.wait_for_timeout(1100)  # the server's minimum fill time
    with reader.expect_navigation():
        reader.click("#commentform button[type=submit]")
    assert "Komentar Anda sedang menunggu moderasi." in reader.locator(".comment-list").inner_text()
    reader.context.close()
    for number in range(4):
        reader_posts(Browser(gunicorn_server), article, f"Slot gacor malam ini {number}.")
    reader_posts(Browser(gunicorn_server), article, "Komentar biasa saja.")

    statuses = dict(Comment.objects.values_list("text", "status"))
    held = [text for text, status in statuses.items() if status == Comment.Status.PENDING]
    assert sorted(held) == ["Pinjol tanpa agunan, hubungi kami."] + [
        f"Slot gacor malam ini {n}." for n in range(4)
    ]
    assert statuses["Komentar biasa saja."] == Comment.Status.APPROVED


def test_moderator_records_a_privacy_request_downloads_the_export_and_erases_the_data(
    page, browser, gunicorn_server
):
    from tests.conftest import ARTIFACTS

    article = make_article(headline="Banjir rob di pesisir utara")
    for text in ("Komentar pertama Rina.", "Komentar kedua Rina."):
        make_comment(article, author_name="Rina Pembaca", author_email=EMAIL, text=text)
    make_comment(article, author_name="Budi", author_email="budi@example.net", text="Komentar Budi.")
    problems, requested = watch(page)
    moderator = log_in(page, gunicorn_server, ["Moderators"])

    page.goto(gunicorn_server + "/admin/comments/privacyrequest/add/")
    page.fill("#id_email", EMAIL)
    page.select_option("#id_kind", "erase")
    page.fill("#id_note", "Surel ke redaksi, minta datanya dihapus.")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    saved(page)
    request = PrivacyRequest.objects.get()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Ekspor komentarnya (JSON)").click()
    download = download_info.value
    assert download.suggested_filename == f"comments-{request.pk}.json"
    exported = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert sorted(item["text"] for item in exported) == ["Komentar kedua Rina.", "Komentar pertama Rina."]

    page.get_by_role("link", name="Hapus datanya…").click()
    assert f"Ini mengenai 2 komentar yang dikirim dengan {EMAIL}" in page.locator("#content").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "newsroom-privacy-erase.png", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Ya, hapus").click()
    saved(page)
    assert "2 komentar dihapus." in page.locator(".messagelist").inner_text()
    request.refresh_from_db()
    assert request.done_by == moderator and request.done_at is not None
    assert set(Comment.objects.exclude(author_name="Budi").values_list("author_name", "author_email")) == {
        ("Anonim", "")
    }
    page.goto(gunicorn_server + "/admin/comments/privacyrequest/?state=done")
    assert EMAIL in page.locator("#result_list").inner_text()
    assert not problems, problems
    assert all(url.startswith(gunicorn_server) for url in requested), requested

    time.sleep(1.1)  # nginx keeps a page for s-maxage
    reader = browser.new_context(locale="id-ID").new_page()
    reader.goto(gunicorn_server + article.get_absolute_url())
    comments = reader.locator(".comment-list").inner_text()
    assert "Rina Pembaca" not in comments and "Anonim" in comments and "Budi" in comments
    reader.context.close()
