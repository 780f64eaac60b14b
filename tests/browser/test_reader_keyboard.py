"""A reader with a keyboard and a browser that runs the page's script."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article_url(gunicorn_server):
    from articles.models import Article

    call_command("load_demo", verbosity=0)
    return gunicorn_server + Article.objects.get(slug__startswith="di-tengah-situasi").get_absolute_url()


def test_first_tab_reaches_skip_link_which_moves_focus_to_the_article(page, article_url):
    page.goto(article_url)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_copy_link_button_copies_the_article_address(page, article_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(article_url)
    copy = page.locator("[data-copy-link]")
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    copy.click()
    assert page.url == article_url  # the script copied instead of following the link
    # The label changes once the clipboard has taken the address, a moment after the click.
    expect(copy).to_have_text("Tautan disalin")
    assert page.evaluate("navigator.clipboard.readText()") == canonical


def test_page_loads_nothing_from_another_host(page, article_url, gunicorn_server):
    requested, failed = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("response", lambda response: response.ok or failed.append(response.url))
    page.goto(article_url)
    page.goto(gunicorn_server + "/")
    page.wait_for_load_state("networkidle")
    assert any("/media/" in url for url in requested)  # the pictures were asked for
    assert all(url.startswith(gunicorn_server) for url in requested), requested
    assert not failed
