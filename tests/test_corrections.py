"""Editors correct a published article with a dated note that readers, feeds and search engines see."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from lxml import etree
from lxml import html as lxml_html

from articles.models import Correction
from articles.publishing import save_correction

from .admin_forms import admin_form_data
from .factories import make_article, make_section

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def article():
    return make_article(
        headline="Harga cabai melonjak",
        dek="Pedagang mengeluh.",
        body="<p>Harga cabai rawit mencapai Rp100.000 per kilogram.</p>",
        section=make_section(slug="ekonomi"),
        publish_at=timezone.now() - timedelta(days=2),
    )


def correct(article, text, when):
    with time_machine.travel(when, tick=False):
        correction = Correction(article=article, text=text, corrected_at=when)
        save_correction(correction)
        return correction


def test_correction_shows_above_the_body_with_its_date(client, article):
    correct(article, "Harga yang benar Rp90.000 per kilogram.", datetime(2021, 11, 24, 8, 30, tzinfo=JAKARTA))
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<h2 id="corrections-heading" class="corrections__heading">Koreksi</h2>' in html
    assert "24 November 2021 08:30</time>: <span>Harga yang benar Rp90.000 per kilogram.</span>" in html
    assert html.index("Harga yang benar") < html.index('class="article__body"')


def test_correction_text_is_plain_text(client, article):
    correct(article, "<script>alert(1)</script>\nBaris kedua", timezone.now())
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Baris kedua" in html


def test_article_without_corrections_shows_no_correction_box(client, article):
    assert "corrections-heading" not in client.get(article.get_absolute_url()).content.decode()


def test_correction_bumps_the_date_modified(client, article):
    # Pages give times to the second.
    later = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    correct(article, "Judul diperbaiki.", later)
    page = lxml_html.fromstring(client.get(article.get_absolute_url()).content)
    scripts = [json.loads(script.text) for script in page.xpath('//script[@type="application/ld+json"]')]
    (news_article,) = [data for data in scripts if data["@type"] == "NewsArticle"]
    assert datetime.fromisoformat(news_article["dateModified"]) == later


def test_feed_item_carries_the_correction(client, article):
    correct(article, "Harga yang benar Rp90.000.", datetime(2021, 11, 24, 8, 30, tzinfo=JAKARTA))
    (item,) = etree.fromstring(client.get("/feed/").content).findall("channel/item")
    description = item.findtext("description")
    assert "Pedagang mengeluh." in description
    assert "<strong>Koreksi (24 November 2021):</strong> Harga yang benar Rp90.000." in description


def test_editor_adds_a_correction_in_the_article_admin(editor_client, article):
    url = f"/admin/articles/article/{article.pk}/change/"
    form = admin_form_data(editor_client.get(url))
    assert "corrections-TOTAL_FORMS" in form
    response = editor_client.post(
        url,
        form
        | {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-corrected_at_0": "2021-11-24",
            "corrections-0-corrected_at_1": "08:30:00",
            "corrections-0-text": "Nama narasumber diperbaiki.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    (correction,) = article.corrections.all()
    assert correction.text == "Nama narasumber diperbaiki."
    assert correction.corrected_at == datetime(2021, 11, 24, 8, 30, tzinfo=JAKARTA)
