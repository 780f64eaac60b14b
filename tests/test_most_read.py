"""Readers see what others read most; counting a view never writes to the database by itself."""

import re
import runpy
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

from .factories import make_article, make_section

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
WRITES = ("insert", "update", "delete")


def read(client, article, user_agent=BROWSER, **headers):
    """Open the article page as a browser does: the page, then its script's report of the view."""
    response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=user_agent, **headers)
    assert response.status_code == 200
    count_url = re.search(r'data-count-url="([^"]+)"', response.content.decode()).group(1)
    report = client.post(count_url, HTTP_USER_AGENT=user_agent, HTTP_SEC_FETCH_SITE="same-origin", **headers)
    assert report.status_code == 204
    assert report["Cache-Control"] == "no-store"
    return response


def flush():
    call_command("flush_view_counts", stdout=StringIO())


def views(article):
    article.refresh_from_db(fields=["view_count"])
    return article.view_count


@pytest.fixture
def article():
    return make_article()


def test_a_readers_view_writes_nothing_to_the_database(client, article):
    with CaptureQueriesContext(connection) as queries:
        read(client, article)
    # Without Redis the page cache is a table in the database; it is not the view count.
    writes = [
        query["sql"]
        for query in queries
        if query["sql"].lower().startswith(WRITES) and "newsportal_cache" not in query["sql"]
    ]
    assert writes == []
    flush()
    assert views(article) == 1


def test_views_reach_the_article_in_batches(client, article, settings):
    settings.VIEW_COUNT_BATCH = 3
    for _ in range(7):
        read(client, article)
    assert views(article) == 6
    with CaptureQueriesContext(connection) as queries:
        read(client, article)
        read(client, article)
    updates = [query["sql"] for query in queries if query["sql"].lower().startswith("update")]
    assert len(updates) == 1 and "articles_article" in updates[0]
    assert views(article) == 9


def test_flush_view_counts_writes_what_is_pending(client, article, capsys):
    for _ in range(5):
        read(client, article)
    assert views(article) == 0
    call_command("flush_view_counts")
    assert "5 views written" in capsys.readouterr().out
    assert views(article) == 5
    call_command("flush_view_counts")
    assert views(article) == 5


def test_a_broken_counter_never_breaks_the_article_page(client, article, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(caches["view_counts"], "incr", unreachable)
    response = read(client, article)
    assert article.headline in response.content.decode()


def test_a_gunicorn_worker_writes_its_pending_views_as_it_exits(client, article):
    read(client, article)
    config = runpy.run_path(str(Path(__file__).resolve().parent.parent / "newsportal" / "gunicorn.conf.py"))
    config["worker_exit"](server=None, worker=None)
    assert views(article) == 1


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "WhatsApp/2.23.20.0",
        "TelegramBot (like TwitterBot)",
        "curl/8.5.0",
        "python-requests/2.31.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0",
    ],
)
def test_bots_and_scripts_are_not_counted(client, article, user_agent):
    read(client, article, user_agent=user_agent)
    flush()
    assert views(article) == 0


@pytest.mark.parametrize(
    "header",
    [{"HTTP_SEC_PURPOSE": "prefetch;prerender"}, {"HTTP_PURPOSE": "prefetch"}, {"HTTP_X_MOZ": "prefetch"}],
)
def test_prefetches_are_not_counted(client, article, header):
    read(client, article, **header)
    flush()
    assert views(article) == 0


def test_newsroom_staff_are_not_counted(client, article, django_user_model):
    client.force_login(django_user_model.objects.create_user("redaktur", is_staff=True))
    read(client, article)
    flush()
    assert views(article) == 0


def test_most_read_lists_the_most_viewed_articles_of_the_last_days(client, settings):
    settings.MOST_READ_DAYS = 7
    section, now = make_section(), timezone.now()
    popular = make_article(
        section=section, headline="Paling ramai dibaca", publish_at=now - timedelta(days=1)
    )
    second = make_article(section=section, headline="Kedua terbanyak", publish_at=now - timedelta(hours=2))
    make_article(section=section, headline="Lama tapi ramai", publish_at=now - timedelta(days=8))
    make_article(section=section, headline="Belum dibaca", publish_at=now - timedelta(hours=1))
    for headline, count in [("Paling ramai dibaca", 50), ("Kedua terbanyak", 20), ("Lama tapi ramai", 999)]:
        Article.objects.filter(headline=headline).update(view_count=count)

    assert list(Article.objects.published().most_read()) == [popular, second]
    for url in ("/", second.get_absolute_url()):
        html = client.get(url).content.decode()
        start = html.index('id="most-read-heading"')
        block = html[start : html.index("</section>", start)]
        assert "Terpopuler" in block
        assert block.index(popular.headline) < block.index(second.headline), url
        assert "Lama tapi ramai" not in block and "Belum dibaca" not in block, url


def test_without_views_there_is_no_most_read_list(client, article):
    assert 'id="most-read-heading"' not in client.get("/").content.decode()


def test_a_report_from_another_site_is_refused_and_not_counted(client, article):
    url = reverse("articles:count-view", kwargs={"pk": article.pk})
    response = client.post(url, HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert client.get(url, HTTP_USER_AGENT=BROWSER).status_code == 405
    flush()
    assert views(article) == 0


def test_a_report_of_an_article_readers_cannot_see_counts_nothing(client):
    draft = make_article(status=Article.Status.DRAFT)
    url = reverse("articles:count-view", kwargs={"pk": draft.pk})
    assert client.post(url, HTTP_USER_AGENT=BROWSER).status_code == 204
    flush()
    assert views(draft) == 0
