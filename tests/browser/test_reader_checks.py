"""Every kind of reader's page in Chromium: axe finds nothing, on a desktop and a phone, light and dark;
and what a reader notices of the layout, the colours, print and the comment form.

Screenshots of the home and article pages go to test-artifacts/ (light, dark and print, 1366 and 390 px).
"""

import pytest

from tests.checkers import AXE_SCRIPT, checker_or_skip
from tests.conftest import ARTIFACTS
from tests.reader_site import build_reader_site, in_english

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"1366": DESKTOP, "390": PHONE}


@pytest.fixture
def site(gunicorn_server):
    return build_reader_site()


@pytest.fixture
def tab(browser):
    """A tab that may inject axe-core (the pages' Content-Security-Policy admits no inline script)."""
    context = browser.new_context(locale="id-ID", viewport=DESKTOP, bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def send_comment_with_errors(tab, url):
    """The reader sends the form with no name and a website that is no address."""
    tab.goto(url)
    tab.fill("#id_text", "Semoga cepat surut.")
    tab.fill("#id_author_email", "bukan-email")
    tab.fill("#id_author_url", "bukan alamat")
    tab.click("#commentform button[type=submit]")
    tab.wait_for_load_state()


def axe_violations(tab) -> list[str]:
    """Every rule axe-core breaks on the page (its default rules: WCAG A and AA and best practices)."""
    tab.add_script_tag(path=str(checker_or_skip(AXE_SCRIPT)))
    violations = tab.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:5]}"
        for v in violations
    ]


def test_axe_finds_no_violation_on_any_page(site, tab, gunicorn_server):
    found = {}
    for scheme, languages in [("light", ["id", "en"]), ("dark", ["id"])]:
        tab.emulate_media(color_scheme=scheme)
        for language in languages:
            localised = (lambda url: url) if language == "id" else in_english
            for viewport_name, viewport in VIEWPORTS.items():
                tab.set_viewport_size(viewport)
                for name, url in [*site.pages.items(), ("comment-errors", site.pages["article"])]:
                    if name == "comment-errors":
                        send_comment_with_errors(tab, gunicorn_server + localised(url))
                    else:
                        tab.goto(gunicorn_server + localised(url))
                    if violations := axe_violations(tab):
                        found[f"{name} {language} {viewport_name} {scheme}"] = violations
    assert found == {}


def test_home_and_article_are_photographed_light_dark_and_printed(site, page, gunicorn_server):
    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("home", "article"):
        for width, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            for look, media in [
                ("light", {"color_scheme": "light"}),
                ("dark", {"color_scheme": "dark"}),
                ("print", {"media": "print", "color_scheme": "light"}),
            ]:
                page.emulate_media(media=media.get("media", "screen"), color_scheme=media["color_scheme"])
                response = page.goto(gunicorn_server + site.pages[name])
                assert response.status == 200
                path = ARTIFACTS / f"{name}-{width}-{look}.png"
                page.screenshot(path=path, full_page=True)
                assert path.stat().st_size > 10_000
