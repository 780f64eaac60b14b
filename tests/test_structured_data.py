"""Search engines and social networks read what an article is from its page's structured data."""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from lxml import html as lxml_html

from .factories import make_article, make_author, make_section
from .pages import page

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.fixture
def article():
    return make_article(
        headline="Panglima Militer AS-Rusia Adakan Pembicaraan",
        slug="panglima-militer",
        dek="Pembicaraan lewat telepon di tengah ketegangan.",
        section=make_section(name="Internasional", slug="internasional"),
        publish_at=datetime(2021, 11, 23, 9, 15, tzinfo=JAKARTA),
        tags=["Rusia", "Amerika Serikat"],
        authors=[make_author(name="Maya Rahmawati Siregar", slug="maya", byline_code="MRS")],
        image=True,
    )


def json_ld(client, url):
    document = lxml_html.fromstring(page(client, url))
    scripts = document.xpath('//script[@type="application/ld+json"]')
    return {data["@type"]: data for data in (json.loads(script.text) for script in scripts)}


def test_article_page_describes_a_news_article(client, article):
    data = json_ld(client, article.get_absolute_url())["NewsArticle"]
    url = "http://testserver/internasional/2021/11/23/panglima-militer/"
    assert data["@context"] == "https://schema.org"
    assert data["url"] == data["mainEntityOfPage"] == url
    assert data["headline"] == article.headline
    assert data["description"] == article.dek
    stem = f"http://testserver{article.lead_image.url.removesuffix('.jpg')}"
    assert data["image"] == [f"{stem}-16x9-50-50.jpg", f"{stem}-4x3-50-50.jpg", f"{stem}-1x1-50-50.jpg"]
    assert data["datePublished"] == "2021-11-23T09:15:00+07:00"
    assert datetime.fromisoformat(data["dateModified"]) == article.updated_at.replace(microsecond=0)
    assert data["author"] == [
        {"@type": "Person", "name": "Maya Rahmawati Siregar", "url": "http://testserver/penulis/maya/"}
    ]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Lensa Manca",
        "url": "http://testserver/",
        "logo": {"@type": "ImageObject", "url": "http://testserver/static/img/logo.png"},
    }
    assert data["articleSection"] == "Internasional"
    assert data["keywords"] == ["Rusia", "Amerika Serikat"]
    assert data["inLanguage"] == "id"


def test_article_page_has_breadcrumbs_home_section_article(client, article):
    crumbs = json_ld(client, article.get_absolute_url())["BreadcrumbList"]["itemListElement"]
    assert [(crumb["position"], crumb["name"], crumb["item"]) for crumb in crumbs] == [
        (1, "Lensa Manca", "http://testserver/"),
        (2, "Internasional", "http://testserver/internasional/"),
        (3, article.headline, "http://testserver/internasional/2021/11/23/panglima-militer/"),
    ]


def test_structured_data_gives_canonical_addresses_in_english_too(client, article):
    with translation.override("en"):
        url = article.get_absolute_url()
    data = json_ld(client, url)["NewsArticle"]
    assert data["url"] == "http://testserver/internasional/2021/11/23/panglima-militer/"
    assert data["author"][0]["url"] == "http://testserver/penulis/maya/"


def test_a_scheduled_article_is_never_modified_before_it_was_published(client):
    article = make_article(publish_at=timezone.now() - timedelta(minutes=5))
    # Saved yesterday for a publication five minutes ago.
    type(article).objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(days=1))
    data = json_ld(client, article.get_absolute_url())["NewsArticle"]
    assert data["dateModified"] == data["datePublished"]


def test_article_without_summary_picture_authors_or_tags_leaves_those_out(client):
    data = json_ld(client, make_article(dek="").get_absolute_url())["NewsArticle"]
    assert not {"description", "image", "author", "keywords"} & data.keys()
    assert data["headline"]


def test_json_ld_cannot_break_out_of_its_script_element(client):
    headline = "</script><script>alert('x')</script> & <!-- AT&T"
    article = make_article(headline=headline)
    response_html = page(client, article.get_absolute_url())
    assert "<script>alert(" not in response_html
    assert "<!-- AT&T" not in response_html
    assert json_ld(client, article.get_absolute_url())["NewsArticle"]["headline"] == headline


def test_json_ld_carries_no_email_address(client, article):
    for data in json_ld(client, article.get_absolute_url()).values():
        assert not EMAIL.search(json.dumps(data))
        assert "email" not in json.dumps(data).lower()


def test_open_graph_names_the_articles_time_section_and_tags(client, article):
    html = page(client, article.get_absolute_url())
    assert '<meta property="article:published_time" content="2021-11-23T09:15:00+07:00">' in html
    assert '<meta property="article:section" content="Internasional">' in html
    assert '<meta property="article:tag" content="Rusia">' in html
    assert '<meta property="article:tag" content="Amerika Serikat">' in html
    assert '<meta property="article:modified_time" content="' in html
