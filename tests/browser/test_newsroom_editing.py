"""The newsroom at 1366 px in Chromium: an editor edits an article twice, compares and restores; the
form, the rich-text editor and the lists fit the screen and speak Indonesian."""

import time

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "redaksi-malam-2024"
WIDTH = 1366
LONG_HEADLINE = (
    "Banjir rendam Kampung Melayu, ratusan warga mengungsi ke masjid dan sekolah terdekat sejak malam"
)


@pytest.fixture
def editor_account(gunicorn_server):
    from tests.factories import make_user

    return make_user(groups=["Editors"], author=True, password=PASSWORD)


def logged_in_tab(browser, server: str, user):
    """A tab of ``user``, logged in to the newsroom, on a 1366 px wide screen."""
    context = browser.new_context(locale="id-ID", viewport={"width": WIDTH, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    tab.goto(server + "/admin/login/")
    tab.fill("#id_username", user.username)
    tab.fill("#id_password", PASSWORD)
    with tab.expect_navigation():
        tab.click("input[type=submit]")
    return tab


@pytest.fixture
def newsroom(browser, gunicorn_server, editor_account):
    """A logged-in editor's tab."""
    tab = logged_in_tab(browser, gunicorn_server, editor_account)
    yield tab
    tab.context.close()


def fresh_page_text(browser, url: str, shows) -> str:
    """The article page as a new reader gets it, once ``shows(text)`` (nginx keeps a page a second).

    A new browser each time: one that has read the page may keep it for its max-age (10 s).
    """
    for _ in range(20):
        reader = browser.new_context(locale="id-ID").new_page()
        try:
            response = reader.goto(url)
            assert response.status == 200
            text = reader.locator("main").inner_text()
        finally:
            reader.context.close()
        if shows(text):
            break
        time.sleep(0.5)
    return text


def save_and_continue(tab) -> None:
    with tab.expect_navigation():
        tab.click("input[name=_continue]")
    assert tab.locator(".messagelist .success").count() == 1, tab.locator(".errorlist").all_inner_texts()


def test_editor_edits_twice_compares_the_versions_and_restores_the_first(browser, newsroom, gunicorn_server):
    from articles.models import Article
    from tests.conftest import ARTIFACTS
    from tests.factories import make_article

    article = make_article(
        headline="Banjir rendam Kampung Melayu",
        body="<p>Hujan deras sejak malam membuat Kali Ciliwung meluap.</p>",
        tags=["Banjir"],
    )
    newsroom.goto(f"{gunicorn_server}/admin/articles/article/{article.pk}/change/")
    newsroom.fill("#id_headline", "Banjir rendam Kampung Melayu dan Bidara Cina")
    save_and_continue(newsroom)
    newsroom.locator(".ProseMirror[contenteditable=true] p").click()
    newsroom.keyboard.press("End")
    newsroom.keyboard.type(" Warga mengungsi ke masjid.")
    save_and_continue(newsroom)
    url = gunicorn_server + article.get_absolute_url()
    assert "Warga mengungsi ke masjid." in fresh_page_text(browser, url, lambda text: "masjid" in text)

    newsroom.get_by_role("link", name="Riwayat").click()
    rows = newsroom.locator(".article-history tbody tr")
    assert rows.count() == 3
    assert rows.nth(0).locator("td").nth(4).inner_text() == "isi"
    assert rows.nth(1).locator("td").nth(4).inner_text() == "judul"
    newsroom.get_by_label("Bandingkan dari versi 1").check()
    newsroom.get_by_label("Bandingkan dengan versi 3").check()
    newsroom.get_by_role("button", name="Bandingkan versi terpilih").click()
    headline_row = newsroom.locator(".version-compare tbody tr", has_text="Judul")
    assert headline_row.locator("ins").all_inner_texts() == ["dan Bidara Cina"]
    body_row = newsroom.locator(".version-compare tbody tr", has_text="Isi")
    assert body_row.locator("ins").all_inner_texts() == ["Warga mengungsi ke masjid."]
    ARTIFACTS.mkdir(exist_ok=True)
    newsroom.screenshot(path=ARTIFACTS / "newsroom-compare-versions.png", full_page=True)

    with newsroom.expect_navigation():
        newsroom.get_by_role("button", name="Pulihkan versi 1").click()
    assert newsroom.locator(".messagelist .success").inner_text() == "Versi 1 dipulihkan sebagai versi baru."
    assert newsroom.locator(".article-history tbody tr").count() == 4
    article = Article.objects.get(pk=article.pk)
    assert article.headline == "Banjir rendam Kampung Melayu" and article.is_published
    page = fresh_page_text(browser, url, lambda text: "masjid" not in text)
    assert "Warga mengungsi ke masjid." not in page and "Bidara Cina" not in page
    assert "Hujan deras sejak malam membuat Kali Ciliwung meluap." in page


def test_the_article_form_at_1366_px_has_room_to_write_and_an_editor_in_indonesian(newsroom, gunicorn_server):
    from tests.conftest import ARTIFACTS
    from tests.factories import make_article, make_section

    make_section(name="Internasional", slug="internasional", order=0)
    nasional = make_section(name="Nasional", slug="nasional", order=1)
    article = make_article(headline=LONG_HEADLINE)
    newsroom.goto(f"{gunicorn_server}/admin/articles/article/{article.pk}/change/")

    headline = newsroom.locator("#id_headline").bounding_box()
    assert headline["width"] > 900
    assert newsroom.locator("#id_headline").evaluate("input => input.scrollWidth <= input.clientWidth")
    assert newsroom.locator(".field-body .ProseMirror[contenteditable=true]").bounding_box()["height"] > 350

    menubar = newsroom.locator(".prose-menubar")
    assert menubar.locator("button[data-name=bold]").get_attribute("title") == "tebal"
    assert menubar.locator("button[data-name=figure]").get_attribute("title") == "gambar"
    options = menubar.locator(".prose-menubar__option").all_text_contents()
    assert options == ["Judul 2", "Judul 3", "Judul 4", "Paragraf"]
    # The block-type picker's arrow is drawn, not a character of a font that may lack it.
    arrow = menubar.locator(".prose-menubar__selected").evaluate(
        "element => getComputedStyle(element, '::after').content"
    )
    assert arrow in ('""', "none")

    newsroom.locator(".ProseMirror[contenteditable=true] p").click()
    menubar.locator("button[data-name=figure]").click()
    dialog = newsroom.locator("dialog[open]")
    assert "Sisipkan Gambar" in dialog.inner_text()
    assert dialog.get_by_label("URL gambar").count() == 1
    assert dialog.get_by_role("button", name="Pilih…").count() == 1
    newsroom.screenshot(path=ARTIFACTS / "newsroom-editor-1366.png")
    dialog.get_by_role("button", name="Batal").click()

    newsroom.locator("#id_section + .select2").click()
    newsroom.locator(".select2-container--open .select2-search__field").fill("Nasional")
    expect(newsroom.locator(".select2-results__option")).to_have_count(2)  # the answer for "Nasional"
    newsroom.keyboard.press("Enter")
    assert newsroom.locator("#id_section").input_value() == str(nasional.pk)


def assert_fits(tab, url: str, name: str, *, headline_lines: int) -> None:
    """The list's table ends within the screen, and a long headline wraps to so many lines at most."""
    from tests.conftest import ARTIFACTS

    response = tab.goto(url)
    assert response.status == 200
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=ARTIFACTS / f"newsroom-{name}-1366.png", full_page=True)
    assert tab.evaluate("document.documentElement.scrollWidth") <= WIDTH
    table = tab.locator("#result_list").bounding_box()
    results = tab.locator(".results").bounding_box()
    assert table["x"] + table["width"] <= results["x"] + results["width"] + 1
    for cell in tab.locator("#result_list tbody tr").first.locator("td, th").all():
        assert cell.evaluate("cell => cell.scrollWidth <= cell.clientWidth + 1"), cell.inner_text()
    link = tab.locator("#result_list tbody a", has_text=LONG_HEADLINE[:40]).first
    assert link.evaluate("link => link.getClientRects().length") <= headline_lines  # a box per line


def test_the_article_list_and_the_comment_queue_fit_1366_px(browser, newsroom, gunicorn_server):
    from comments.models import Comment
    from tests.factories import make_article, make_author, make_comment, make_user

    authors = [make_author(name="Ahmad Rizal Fauzi"), make_author(name="Nanda Kurniawan Saputra")]
    for number in range(3):
        article = make_article(
            headline=f"{LONG_HEADLINE} {number}", authors=authors, image=True, is_featured=True
        )
        make_comment(
            article,
            status=Comment.Status.PENDING,
            author_name="Pembaca yang namanya panjang sekali",
            author_email="pembaca.dengan.alamat.panjang@contoh-surel.example",
            text="Semoga cepat surut dan warga yang mengungsi mendapat bantuan makanan serta selimut. " * 3,
            ip_address="2001:db8:85a3::8a2e:370:7334",
        )
    assert_fits(newsroom, gunicorn_server + "/admin/articles/article/", "article-list", headline_lines=3)
    moderator = logged_in_tab(browser, gunicorn_server, make_user(groups=["Moderators"], password=PASSWORD))
    assert_fits(moderator, gunicorn_server + "/admin/comments/comment/", "comment-queue", headline_lines=4)
    moderator.context.close()
