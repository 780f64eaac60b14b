"""Search, feeds, sitemaps and structured data under gunicorn with DEBUG off, as crawlers meet them."""

import json
import urllib.request

import pytest
from django.core.management import call_command
from lxml import etree
from lxml import html as lxml_html

from .test_e2e_gunicorn import SEED, fetch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_crawlers_and_readers_find_the_seed_article_over_http(gunicorn_server):
    call_command("import_article", str(SEED), "--section", "Internasional", "--tag", "Rusia", verbosity=0)
    from articles.models import Article

    article = Article.objects.get()
    address = gunicorn_server + article.get_absolute_url()

    status, _, results = fetch(gunicorn_server + "/cari/?q=panglima")
    assert status == 200 and address.removeprefix(gunicorn_server) in results

    feeds = ["/feed/", "/feed/atom/", "/internasional/feed/", "/tag/rusia/feed/", "/tag/rusia/feed/atom/"]
    for feed in feeds:
        status, _, body = fetch(gunicorn_server + feed)
        assert status == 200, feed
        assert address.encode() in etree.tostring(etree.fromstring(body.encode())), feed

    status, _, robots = fetch(gunicorn_server + "/robots.txt")
    assert f"Sitemap: {gunicorn_server}/sitemap.xml" in robots
    status, _, index = fetch(gunicorn_server + "/sitemap.xml")
    sitemap_urls = [loc.text for loc in etree.fromstring(index.encode()).iter("{*}loc")]
    status, _, articles = fetch(sitemap_urls[0])
    assert address in articles

    status, _, page = fetch(address)
    scripts = lxml_html.fromstring(page).xpath('//script[@type="application/ld+json"]')
    news_article = next(
        data for data in map(json.loads, (s.text for s in scripts)) if data["@type"] == "NewsArticle"
    )
    with urllib.request.urlopen(news_article["publisher"]["logo"]["url"], timeout=20) as logo:
        assert logo.headers["Content-Type"] == "image/png"
