"""What a reader notices of the layout at 1366 and 390 px, in dark mode, on paper and after a form error."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_article, make_section
from tests.reader_site import build_reader_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(gunicorn_server):
    return build_reader_site()


def visit(page, url):
    response = page.goto(url)
    assert response.ok, url
    return response


def box(locator) -> dict:
    return locator.bounding_box()


def test_a_portrait_lead_image_leaves_the_first_paragraph_in_reach(site, page, gunicorn_server):
    page.set_viewport_size(DESKTOP)
    visit(page, gunicorn_server + site.pages["article"])
    image = page.locator(".article > .article__image img")
    assert box(image)["height"] <= 0.75 * DESKTOP["height"] + 1
    assert image.evaluate("img => getComputedStyle(img).objectFit") == "contain"  # the whole portrait, uncut


def test_three_cards_fill_a_row_meant_for_four(site, page, gunicorn_server):
    page.set_viewport_size(DESKTOP)
    visit(page, gunicorn_server + site.pages["home"])
    grid = page.locator(".section-block .card-grid").filter(has=page.locator(".card:nth-child(3):last-child"))
    first = grid.first
    cards = first.locator(".card")
    assert cards.count() == 3
    assert box(cards.nth(2))["x"] + box(cards.nth(2))["width"] == pytest.approx(
        box(first)["x"] + box(first)["width"], abs=2
    )


def test_the_header_fits_a_phone(site, page, gunicorn_server):
    for number in range(6):
        make_section(name=f"Rubrik Panjang {number}", slug=f"rubrik-panjang-{number}")
    page.set_viewport_size(PHONE)
    visit(page, gunicorn_server + site.pages["home"])
    name = page.locator(".site-name")
    line_height = name.evaluate("node => parseFloat(getComputedStyle(node).lineHeight)")
    assert box(name)["height"] < 1.5 * line_height  # one line
    languages = page.locator(".language-switch a")
    assert box(languages.nth(0))["y"] == box(languages.nth(1))["y"]  # side by side
    assert box(languages.nth(1))["y"] < box(page.locator(".search-form"))["y"]
    nav = page.locator(".section-nav ul")
    assert nav.evaluate("node => node.scrollWidth > node.clientWidth")  # it scrolls ...
    assert "radial-gradient" in nav.evaluate(
        "node => getComputedStyle(node).backgroundImage"
    )  # ... and says so
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the page itself does not


def test_dark_mode_follows_the_readers_setting(site, page, gunicorn_server):
    def luminance():
        rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
        red, green, blue = (int(part) for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
        return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255

    page.emulate_media(color_scheme="dark")
    visit(page, gunicorn_server + site.pages["article"])
    assert luminance() < 0.15
    page.emulate_media(color_scheme="light")
    assert luminance() > 0.9


def test_a_printed_article_is_the_article_without_the_sites_controls(site, page, gunicorn_server):
    visit(page, gunicorn_server + site.pages["article"])
    page.emulate_media(media="print")
    for hidden in (".search-form", ".section-nav", ".language-switch", ".share", "#respond", ".most-read"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".article__headline").is_visible()
    assert page.locator(".article__body").is_visible()


def test_the_footer_stays_at_the_bottom_of_a_short_page(site, page, gunicorn_server):
    page.set_viewport_size(DESKTOP)
    response = page.goto(gunicorn_server + site.pages["404"])
    assert response.status == 404
    footer = box(page.locator(".site-footer"))
    assert footer["y"] + footer["height"] == pytest.approx(DESKTOP["height"], abs=1)


def test_a_form_sent_with_errors_comes_back_with_focus_on_what_went_wrong(site, page, gunicorn_server):
    page.set_viewport_size(DESKTOP)
    visit(page, gunicorn_server + site.pages["article"])
    page.fill("#id_text", "Air di Pluit juga naik.")
    page.fill("#id_author_url", "bukan alamat")
    page.click("#commentform button[type=submit]")
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "comment-errors"
    expect(page.locator("#comment-errors")).to_be_in_viewport()  # on the screen, not 3,000 px below
    errors = page.locator("#comment-errors li").all_inner_texts()
    assert len(errors) == len(set(errors)) == 3  # name, email and website, each said once
    page.click("#comment-errors a[href='#id_author_url']")
    assert page.evaluate("document.activeElement.id") == "id_author_url"


def test_a_pictures_caption_and_credit_are_apart(site, page, gunicorn_server):
    visit(page, gunicorn_server + site.pages["article"])
    caption = page.locator(".article__body figcaption").inner_text()
    assert caption.splitlines() == ["Peta genangan rob", "Foto: BPBD DKI"]


def test_copy_link_stands_in_line_with_the_other_share_buttons(site, page, gunicorn_server):
    visit(page, gunicorn_server + site.pages["article"])
    boxes = [box(link) for link in page.locator(".share__link").all()]
    assert len(boxes) == 7
    height = boxes[0]["height"]
    assert {b["height"] for b in boxes} == {height}
    # Every button stands on the first row or exactly one row (and the gap of 0.25rem) below it.
    assert {b["y"] - boxes[0]["y"] for b in boxes} <= {0, height + 4}


def test_a_short_section_keeps_its_cards_in_reach(page, gunicorn_server):
    section = make_section(name="Kecil", slug="kecil")
    make_article(section=section, image=True)
    page.set_viewport_size(DESKTOP)
    visit(page, gunicorn_server + section.get_absolute_url())
    card = box(page.locator(".card"))
    assert card["width"] <= 36 * 16 + 1  # one card is not stretched across the page
