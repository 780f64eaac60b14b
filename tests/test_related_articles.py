"""Under an article, readers find the articles that share the most tags with it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

from .factories import make_article, make_section
from .pages import page

pytestmark = pytest.mark.django_db


def published_related(article):
    return list(Article.objects.published().for_links().related_to(article))


@pytest.fixture
def section():
    return make_section()


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def test_related_articles_share_the_most_tags_first_then_the_newest(section):
    article = make_article(section=section, tags=["Banjir", "Jakarta", "BMKG"], publish_at=ago(1))
    two_shared = make_article(section=section, tags=["Banjir", "Jakarta"], publish_at=ago(30))
    one_shared_newer = make_article(section=section, tags=["Banjir", "Pemilu"], publish_at=ago(2))
    one_shared_older = make_article(section=section, tags=["BMKG"], publish_at=ago(40))
    make_article(section=section, tags=["Pemilu"], publish_at=ago(3))
    assert published_related(article) == [two_shared, one_shared_newer, one_shared_older]


def test_related_articles_are_published_ones_and_at_most_four(section):
    article = make_article(section=section, tags=["Banjir"])
    make_article(section=section, tags=["Banjir"], status=Article.Status.DRAFT)
    make_article(section=section, tags=["Banjir"], publish_at=timezone.now() + timedelta(hours=1))
    shown = [make_article(section=section, tags=["Banjir"]) for _ in range(5)][:4]
    assert published_related(article) == shown


def test_article_without_tags_has_no_related_articles(section):
    make_article(section=section, tags=["Banjir"])
    assert published_related(make_article(section=section)) == []


def test_related_articles_come_in_one_query(section, django_assert_num_queries):
    article = make_article(section=section, tags=[f"Topik {n}" for n in range(10)])
    for n in range(10):
        make_article(section=section, tags=[f"Topik {n}", "Lain"])
    article = Article.objects.for_page().get(pk=article.pk)  # with its tags, as the article page has it
    with django_assert_num_queries(1):
        related = published_related(article)
        [(item.section.name, item.shared_tags) for item in related]
    assert len(related) == 4


def test_article_page_shows_related_articles(client, section):
    article = make_article(section=section, tags=["Banjir"])
    related = make_article(section=section, tags=["Banjir"], headline="Banjir rob di Muara Angke")
    html = page(client, article.get_absolute_url())
    assert 'id="related-heading"' in html and "Berita terkait" in html
    assert f'href="{related.get_absolute_url()}"' in html
