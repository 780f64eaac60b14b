"""Every kind of reader's page is valid HTML in both languages: vnu finds no error and no warning."""

import json
import subprocess

import pytest
from django.test import Client

from .checkers import VNU_JAR, checker_or_skip, java_or_skip
from .factories import comment_form_data
from .pages import page
from .reader_site import build_reader_site, in_english

pytestmark = pytest.mark.django_db
LANGUAGES = ["id", "en"]
PAGES = [
    "home",
    "article",
    "section",
    "tag",
    "author",
    "search",
    "search-form",
    "archive",
    "archive-month",
    "archive-day",
    "page",
    "404",
    "comment-errors",
]


def comment_with_errors(client, article, prefix: str) -> str:
    """The article page a reader gets back after sending the form with an empty name and bad addresses."""
    data = comment_form_data(article, author_name="", author_email="bukan-email", author_url="bukan alamat")
    response = client.post(f"{prefix}/komentar/{article.pk}/", data)
    assert response.status_code == 400
    return response.content.decode()


@pytest.fixture(scope="module")
def messages(module_db, tmp_path_factory):
    """What vnu says of each page, by language and page type; one run of the checker for them all."""
    java, jar = java_or_skip(), checker_or_skip(VNU_JAR)
    site = build_reader_site()
    client = Client()
    folder = tmp_path_factory.mktemp("vnu")
    files = {}
    for language in LANGUAGES:
        localised = (lambda url: url) if language == "id" else in_english
        for name, url in site.pages.items():
            html = page(client, localised(url), status=404 if name == "404" else 200)
            files[(language, name)] = html
        files[(language, "comment-errors")] = comment_with_errors(
            client, site.article, "" if language == "id" else "/en"
        )
    names = {}
    for (language, name), html in files.items():
        path = folder / f"{language}-{name}.html"
        path.write_text(html)
        names[path.name] = (language, name)
    command = [java, "-jar", str(jar), "--format", "json", "--stdout", *(str(folder / n) for n in names)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    found = {key: [] for key in names.values()}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] == "error" or message.get("subType") == "warning":
            found[names[message["url"].rsplit("/", 1)[-1]]].append(message)
    return found


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_is_valid_html(messages, language, name):
    problems = [
        f"line {m.get('lastLine')}: {m.get('subType', m['type'])}: {m['message']} [{m.get('extract', '')!r}]"
        for m in messages[(language, name)]
    ]
    assert problems == []
