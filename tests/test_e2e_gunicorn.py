"""The portal under gunicorn, read over HTTP as a reader's browser would."""

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from .conftest import running_gunicorn
from .factories import make_article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).resolve().parent.parent / "articles" / "demo" / "000-panglima-militer-as-rusia.txt"


def fetch(url, **headers):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_reader_reads_the_seed_article_over_http(gunicorn_server):
    call_command("import_article", str(SEED), "--section", "Internasional", "--tag", "Rusia", verbosity=0)
    from articles.models import Article

    article = Article.objects.get()

    status, _, home = fetch(gunicorn_server + "/")
    assert status == 200
    assert article.headline in home

    status, headers, page = fetch(gunicorn_server + article.get_absolute_url())
    assert status == 200
    assert '<h1 class="article__headline">Di tengah Situasi Kian Memanas' in page
    assert page.count("<p>") >= 13
    assert "(MRS L44)</p>" in page
    assert 'href="/tag/rusia/"' in page
    assert "https://wa.me/?text=" in page
    assert "default-src 'self'" in headers["Content-Security-Policy"]

    css = next(part.split('"')[0] for part in page.split('href="') if part.startswith("/static/css/site."))
    status, headers, _ = fetch(gunicorn_server + css)
    assert status == 200
    assert "max-age" in headers["Cache-Control"]


def test_unknown_page_over_http_is_the_styled_404(gunicorn_server):
    status, _, page = fetch(gunicorn_server + "/tidak/ada/sama/sekali/ini/lho/")
    assert status == 404
    assert "Halaman tidak ditemukan" in page
    assert 'class="site-name"' in page


@pytest.fixture
def gunicorn_alone(tmp_path, collected_static, session_media_root):
    """gunicorn with no nginx in front: what it answers itself, from its page cache among the rest."""
    with running_gunicorn(tmp_path, collected_static, session_media_root) as url:
        yield url


def test_a_page_from_the_cache_comes_with_every_header_of_the_page_rendered_and_answers_304(gunicorn_alone):
    article = make_article(headline="Banjir rob di pesisir utara")
    url = gunicorn_alone + article.get_absolute_url()
    status, rendered, page = fetch(url)
    assert status == 200
    # Changed behind the portal's back, with no signal: only a page from the cache still says the old.
    type(article).objects.filter(pk=article.pk).update(headline="Diubah diam-diam")
    status, kept, kept_page = fetch(url)
    assert status == 200
    assert kept_page == page
    assert "Banjir rob di pesisir utara" in kept_page
    for name in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Frame-Options",
        "Content-Language",
        "Cache-Control",
        "ETag",
    ):
        assert kept[name] == rendered[name], name
    status, _, body = fetch(url, **{"If-None-Match": rendered["ETag"]})
    assert status == 304
    assert body == ""
