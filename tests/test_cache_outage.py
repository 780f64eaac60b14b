"""Redis down: no comment is lost, pages are served uncached, views go uncounted; all is well once it is back.

Each test stops a real redis-server of its own, the portal's cache for the test.
"""

import re

import pytest

from articles.models import Article
from comments.models import Comment

from .factories import make_article, post_comment
from .services import private_redis

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


@pytest.fixture
def redis(tmp_path, settings, run_cache_key_prefix):
    """A private Redis as the portal's shared cache and view counter, to stop and start again."""
    with private_redis(tmp_path) as server:
        cache = {
            "BACKEND": "newsportal.redis_cache.RedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": run_cache_key_prefix,
        }
        settings.CACHES = settings.CACHES | {"default": cache, "view_counts": cache}
        yield server


@pytest.fixture
def article():
    return make_article(headline="Banjir surut di Jakarta Utara")


def headline_shown(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return re.search(r'<h1 class="article__headline">([^<]*)', response.content.decode()).group(1).strip()


def test_with_the_cache_down_a_reader_comment_is_accepted_and_stored_once(client, article, redis):
    redis.stop()
    response = post_comment(client, article, text="Semoga warga cepat pulih.")
    assert response.status_code == 303
    assert list(Comment.objects.values_list("text", flat=True)) == ["Semoga warga cepat pulih."]
    page = client.get(response["Location"].split("#")[0])
    assert page.status_code == 200
    assert "Semoga warga cepat pulih." in page.content.decode()


def test_with_the_cache_down_the_rate_limit_still_holds(client, article, redis, settings):
    settings.COMMENTS_RATE_LIMIT = 2
    redis.stop()
    statuses = [post_comment(client, article, text=f"Komentar ke-{n}").status_code for n in range(3)]
    assert statuses == [303, 303, 429]
    assert Comment.objects.count() == 2


def test_with_the_cache_down_pages_are_served_fresh_and_kept_again_once_it_is_back(client, article, redis):
    assert headline_shown(client, article) == "Banjir surut di Jakarta Utara"
    # A write that tells no cache: a page still shows the old headline only while it is kept.
    Article.objects.filter(pk=article.pk).update(headline="Banjir mulai surut")
    assert headline_shown(client, article) == "Banjir surut di Jakarta Utara"

    redis.stop()
    assert headline_shown(client, article) == "Banjir mulai surut"
    Article.objects.filter(pk=article.pk).update(headline="Banjir surut sepenuhnya")
    assert headline_shown(client, article) == "Banjir surut sepenuhnya"

    redis.start()
    assert headline_shown(client, article) == "Banjir surut sepenuhnya"
    Article.objects.filter(pk=article.pk).update(headline="Judul yang belum terlihat")
    assert headline_shown(client, article) == "Banjir surut sepenuhnya"


def test_with_the_cache_down_views_go_uncounted_and_counting_resumes_once_it_is_back(
    client, article, redis, settings
):
    settings.VIEW_COUNT_BATCH = 2

    def report_view():
        response = client.post(
            f"/dibaca/{article.pk}/", HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_SITE="same-origin"
        )
        assert response.status_code == 204

    redis.stop()
    report_view()
    report_view()
    article.refresh_from_db()
    assert article.view_count == 0

    redis.start()
    report_view()
    report_view()
    article.refresh_from_db()
    assert article.view_count == 2
