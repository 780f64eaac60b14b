"""An editor writes and publishes an article in Chromium; a reader finds it, with its pictures."""

import pytest
from PIL import Image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "redaksi-malam-2024"
HEADLINE = "Banjir rendam Kampung Melayu"


@pytest.fixture
def editor_account(gunicorn_server):
    from tests.factories import make_section, make_user

    make_section(name="Metro", slug="metro")
    return make_user(groups=["Editors"], author=True, password=PASSWORD)


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "banjir.jpg"
    Image.linear_gradient("L").resize((1600, 900)).convert("RGB").save(path, "JPEG")
    return path


def pick_in_select2(page, select_id, text, *, choose=None):
    """Open an admin autocomplete, type, and take the suggestion (or, for tags, the typed text)."""
    page.locator(f"#{select_id} + .select2").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(text)
    page.locator(".select2-results__option", has_text=choose or text).first.click()


def watch(page) -> tuple[list[str], list[str]]:
    """Script errors and refusals of the page's Content-Security-Policy; every address the page asks for."""
    problems, requested = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requested.append(request.url))
    return problems, requested


def start_article(page, server, editor) -> tuple[list[str], list[str]]:
    """Log in and begin a new article with its headline; what watch() returns for the editor's tab."""
    seen = watch(page)
    page.goto(server + "/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(server + "/admin/articles/article/add/")
    page.fill("#id_headline", HEADLINE)
    return seen


def test_editor_publishes_a_rich_article_with_a_picture_and_a_reader_finds_it(
    page, browser, gunicorn_server, editor_account, photo
):
    from articles.models import Article
    from tests.conftest import ARTIFACTS

    problems, requested = start_article(page, gunicorn_server, editor_account)
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    for line in [
        "## Warga mengungsi",
        "Hujan deras sejak malam membuat Kali Ciliwung meluap.",
        "- Kampung Melayu",
    ]:
        page.keyboard.type(line)
        page.keyboard.press("Enter")
    page.keyboard.type("Bidara Cina")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list
    page.keyboard.type("Prakiraan cuaca BMKG")
    page.keyboard.press("Shift+Home")
    page.locator(".prose-menubar button[data-name=link]").click()
    page.locator("dialog[open] input[name=href]").fill("https://www.bmkg.go.id/")
    page.locator("dialog[open] button[type=submit]").click()

    pick_in_select2(page, "id_section", "Met", choose="Metro")
    author = editor_account.author_profile
    pick_in_select2(page, "id_authors", author.byline_code, choose=author.name)
    pick_in_select2(page, "id_tags", "Banjir")
    pick_in_select2(page, "id_tags", "Jakarta Timur")
    page.check("#id_is_featured")
    page.set_input_files("#id_lead_image", photo)
    page.fill("#id_lead_image_alt", "Warga menuntun motor melewati genangan")
    page.select_option("#id_status", "published")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "newsroom-editor-writes.png", full_page=True)
    with page.expect_navigation():
        page.click("input[name=_save]")

    assert page.locator(".messagelist .success").count() == 1, page.locator(
        ".errornote, .errorlist"
    ).all_inner_texts()
    article = Article.objects.get(headline=HEADLINE)
    assert article.is_published and article.is_featured
    assert "<h2>Warga mengungsi</h2>" in article.body
    assert "<ul><li><p>Kampung Melayu</p></li><li><p>Bidara Cina</p></li></ul>" in article.body
    assert (
        '<a href="https://www.bmkg.go.id/" rel="noopener noreferrer">Prakiraan cuaca BMKG</a>' in article.body
    )
    assert sorted(article.tags.names()) == ["Banjir", "Jakarta Timur"]
    assert article.byline_code == editor_account.author_profile.byline_code
    assert not problems, problems  # nothing refused by the page's Content-Security-Policy, no script errors
    assert all(url.startswith(gunicorn_server) for url in requested), requested

    reader = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(gunicorn_server + "/")
    story = reader.locator(".home-featured .card", has_text=HEADLINE)
    image = story.locator("picture img")
    image.wait_for()
    reader.wait_for_load_state("networkidle")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "-960w." in image.evaluate("img => img.currentSrc") or "-1600w." in image.evaluate(
        "img => img.currentSrc"
    )
    reader.screenshot(path=ARTIFACTS / "newsroom-reader-home.png", full_page=True)

    story.locator(".card__headline a").click()
    assert reader.locator(".article__body h2").inner_text() == "Warga mengungsi"
    assert reader.locator(".article__body li").all_inner_texts() == ["Kampung Melayu", "Bidara Cina"]
    assert reader.locator(".article__body a").get_attribute("href") == "https://www.bmkg.go.id/"
    reader.context.close()


def test_editor_places_an_uploaded_picture_in_the_body_and_a_reader_sees_it_there(
    page, browser, gunicorn_server, editor_account, photo
):
    from articles.models import Article, BodyImage
    from tests.conftest import ARTIFACTS

    problems, requested = start_article(page, gunicorn_server, editor_account)
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Hujan deras sejak malam membuat Kali Ciliwung meluap.")
    pick_in_select2(page, "id_section", "Met", choose="Metro")
    page.locator("#body_images-group .add-row a").click()
    page.set_input_files("#id_body_images-0-image", photo)
    page.fill("#id_body_images-0-alt", "Warga mengungsi ke masjid")
    page.fill("#id_body_images-0-caption", "Pengungsi di Masjid Al-Ikhlas")
    page.fill("#id_body_images-0-credit", "Budi")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".messagelist .success").count() == 1, page.locator(".errorlist").all_inner_texts()

    # The editor's picture button, its "Browse…" picker, and back into the dialog.
    page.locator(".ProseMirror[contenteditable=true] p").click()
    page.keyboard.press("End")
    page.locator(".prose-menubar button[data-name=figure]").click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as popup_info:
        dialog.get_by_role("button", name="Pilih…").click()
    picker = popup_info.value
    picker.get_by_role("button", name="Warga mengungsi ke masjid").click()
    assert dialog.locator("input[name=altText]").input_value() == "Warga mengungsi ke masjid"
    assert dialog.locator("input[name=caption]").input_value() == "Pengungsi di Masjid Al-Ikhlas"
    dialog.locator("button[type=submit]").click()
    page.select_option("#id_status", "published")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "newsroom-editor-places-picture.png", full_page=True)
    with page.expect_navigation():
        page.click("input[name=_save]")

    assert page.locator(".messagelist .success").count() == 1, page.locator(".errorlist").all_inner_texts()
    article = Article.objects.get(headline=HEADLINE)
    body_image = BodyImage.objects.get(article=article)
    assert article.is_published
    assert (
        f'<figure><img src="{body_image.image.url}" alt="Warga mengungsi ke masjid" width="1600" '
        'height="900"><figcaption>Pengungsi di Masjid Al-Ikhlas</figcaption></figure>'
    ) in article.body
    assert not problems, problems
    assert all(url.startswith(gunicorn_server) for url in requested), requested

    reader = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}).new_page()
    reader_problems, reader_requested = watch(reader)
    reader.goto(gunicorn_server + article.get_absolute_url())
    image = reader.locator(".article__body figure picture img")
    image.scroll_into_view_if_needed()
    reader.wait_for_load_state("networkidle")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert image.get_attribute("alt") == "Warga mengungsi ke masjid"
    current = image.evaluate("img => img.currentSrc")
    assert current.startswith(gunicorn_server + "/media/") and "w.webp" in current
    caption = reader.locator(".article__body figcaption").inner_text()
    assert caption.splitlines() == ["Pengungsi di Masjid Al-Ikhlas", "Foto: Budi"]
    assert not reader_problems, reader_problems
    assert all(url.startswith(gunicorn_server) for url in reader_requested), reader_requested
    reader.screenshot(path=ARTIFACTS / "newsroom-reader-body-picture.png", full_page=True)
    reader.context.close()
