"""An editor writes and publishes an article in Chromium; a reader finds it on the home page."""

import pytest
from PIL import Image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "redaksi-malam-2024"
HEADLINE = "Banjir rendam Kampung Melayu"


@pytest.fixture
def editor_account(gunicorn_server):
    from articles.roles import sync_roles
    from tests.factories import make_section, make_user

    sync_roles()  # a transactional test starts from an emptied database
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


def test_editor_publishes_a_rich_article_with_a_picture_and_a_reader_finds_it(
    page, browser, gunicorn_server, editor_account, photo
):
    from articles.models import Article
    from tests.conftest import ARTIFACTS

    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(gunicorn_server + "/admin/login/")
    page.fill("#id_username", editor_account.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(gunicorn_server + "/admin/articles/article/add/")

    page.fill("#id_headline", HEADLINE)
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
