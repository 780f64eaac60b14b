"""Readers browse the archive by year, month and day, with dates in the site's language."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article

from .factories import make_article, make_section
from .pages import page

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


def at(*args):
    return datetime(*args, tzinfo=JAKARTA)


@pytest.fixture
def articles():
    section = make_section()
    return {
        headline: make_article(section=section, headline=headline, publish_at=when)
        for headline, when in [
            ("Pagi 23 November", at(2021, 11, 23, 7, 0)),
            ("Larut 23 November", at(2021, 11, 23, 23, 30)),  # 16:30 UTC, still the 23rd in Jakarta
            ("Dini hari 24 November", at(2021, 11, 24, 0, 30)),  # 17:30 UTC on the 23rd
            ("Awal Desember", at(2021, 12, 1, 10, 0)),
            ("Tahun baru", at(2022, 1, 5, 10, 0)),
        ]
    }


def archive(*date):
    """The archive of a year, a month or a day, e.g. ``archive(2021, 11)``; its index without a date."""
    periods = ["year", "month", "day"][: len(date)]
    name = f"archive-{periods[-1]}" if date else "archive"
    return reverse(f"articles:{name}", kwargs=dict(zip(periods, date, strict=True)))


def listed(html, articles):
    return {headline for headline in articles if headline in html}


def test_year_month_and_day_pages_list_the_articles_of_their_date(client, articles):
    assert listed(page(client, archive(2021)), articles) == set(articles) - {"Tahun baru"}
    assert listed(page(client, archive(2021, 11)), articles) == {
        "Pagi 23 November",
        "Larut 23 November",
        "Dini hari 24 November",
    }
    assert listed(page(client, archive(2021, 11, 23)), articles) == {"Pagi 23 November", "Larut 23 November"}
    assert listed(page(client, archive(2021, 11, 24)), articles) == {"Dini hari 24 November"}


def test_archive_pages_link_to_the_dates_inside_them(client, articles):
    index = page(client, archive())
    assert 'href="/arsip/2021/">2021</a>' in index and 'href="/arsip/2022/">2022</a>' in index
    year = page(client, archive(2021))
    assert 'href="/arsip/2021/11/">November</a>' in year and 'href="/arsip/2021/12/">Desember</a>' in year
    month = page(client, archive(2021, 11))
    assert 'href="/arsip/2021/11/23/">23</a>' in month and 'href="/arsip/2021/11/24/">24</a>' in month
    day = page(client, archive(2021, 11, 23))
    assert 'href="/arsip/2021/">2021</a>' in day and 'href="/arsip/2021/11/">November 2021</a>' in day


def test_archive_dates_are_in_the_sites_language(client, articles):
    assert "<h1>Arsip: Desember 2021</h1>" in page(client, archive(2021, 12))
    assert "<h1>Arsip: Selasa, 23 November 2021</h1>" in page(client, archive(2021, 11, 23))
    with translation.override("en"):
        month, day = archive(2021, 12), archive(2021, 11, 23)
    assert "<h1>Archive: December 2021</h1>" in page(client, month)
    assert "<h1>Archive: Tuesday, 23 November 2021</h1>" in page(client, day)


def test_archive_leaves_out_drafts_and_scheduled_articles(client):
    section = make_section()
    make_article(section=section, headline="Draf rahasia", status=Article.Status.DRAFT)
    make_article(section=section, headline="Tayang besok", publish_at=timezone.now() + timedelta(days=1))
    make_article(section=section, headline="Sudah tayang")
    html = page(client, archive())
    assert "Sudah tayang" in html
    assert "Draf rahasia" not in html and "Tayang besok" not in html


def test_archive_is_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    section = make_section()
    for hour in range(5):
        make_article(section=section, publish_at=at(2021, 11, 23, hour + 1))
    assert "Halaman 1 dari 3" in page(client, archive(2021, 11, 23))
    page(client, archive(2021, 11, 23), page=3)
    page(client, archive(2021, 11, 23), status=404, page=4)


@pytest.mark.parametrize(
    "url",
    [
        "/arsip/2021/13/",
        "/arsip/2021/00/",
        "/arsip/2021/02/30/",
        "/arsip/2021/11/32/",
        "/arsip/2021/1/",
        "/arsip/21/",
        "/arsip/0001/01/01/",
        "/arsip/9999/12/31/",
        "/arsip/abcd/",
        "/arsip/1999/",  # nothing published that year
        "/arsip/2021/11/25/",  # nor that day
        "/arsip/2999/",  # the future
    ],
)
def test_bad_or_empty_archive_dates_are_404_never_500(client, articles, url):
    assert "Halaman tidak ditemukan" in page(client, url, status=404)


def test_article_date_links_to_its_day_in_the_archive(client, articles):
    html = page(client, articles["Larut 23 November"].get_absolute_url())
    assert '<a href="/arsip/2021/11/23/"><time datetime="2021-11-23T23:30:00+07:00">' in html


def test_footer_links_to_the_archive(client):
    assert '<a href="/arsip/">Arsip</a>' in page(client, reverse("articles:home"))
