from urllib.parse import parse_qs, urlsplit

import pytest

from articles.share import share_links

URL = "https://lensamanca.example/internasional/2021/11/23/berita/"
TITLE = 'Kata "Rusia" & AS: Pembicaraan di Moskow — café'


def links():
    return {link.network: link.href for link in share_links(URL, TITLE)}


@pytest.mark.parametrize(
    ("network", "url_key", "text_key"),
    [("facebook", "u", None), ("x", "url", "text"), ("telegram", "url", "text"), ("linkedin", "url", None)],
)
def test_share_url_carries_the_exact_url_and_headline(network, url_key, text_key):
    href = links()[network]
    query = parse_qs(urlsplit(href).query)
    assert query[url_key] == [URL]
    if text_key:
        assert query[text_key] == [TITLE]


def test_every_network_is_offered_over_https_or_mailto():
    hrefs = links()
    assert set(hrefs) == {"facebook", "x", "whatsapp", "telegram", "linkedin", "email"}
    for network, href in hrefs.items():
        assert href.startswith("mailto:" if network == "email" else "https://")


def test_headline_special_characters_are_percent_encoded():
    for href in links().values():
        query = href.split("?", 1)[1]
        assert '"' not in query and " " not in query and "é" not in query and "—" not in query
        assert query.count("&") == href.split("?", 1)[1].count("=") - 1


def test_whatsapp_text_has_headline_then_url():
    query = parse_qs(urlsplit(links()["whatsapp"]).query)
    assert query["text"] == [f"{TITLE} {URL}"]


def test_email_link_uses_percent_twenty_for_spaces():
    href = links()["email"]
    assert "+" not in href
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == [TITLE]
    assert query["body"] == [f"{TITLE} {URL}"]
