from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image

from articles.models import Article, Author, Section

from .pages import page

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(module_db):
    """The demo content, loaded once for the module's tests; what the loader printed."""
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_content_loads_once_and_twice_duplicates_nothing(demo):
    counts = (Article.objects.count(), Section.objects.count(), Author.objects.count())
    call_command("load_demo", stdout=StringIO())

    assert (Article.objects.count(), Section.objects.count(), Author.objects.count()) == counts
    assert counts[0] >= 12 and counts[1] >= 3
    assert "[1/" in demo  # progress line
    assert Article.objects.published().filter(is_featured=True).exists()


def test_demo_articles_have_pictures_with_alt_text_and_tags(demo):
    for article in Article.objects.prefetch_related("tags"):
        assert article.lead_image_alt, article.headline
        with Image.open(article.lead_image.path) as image:
            assert image.format == "JPEG"
            assert image.size == (article.lead_image_width, article.lead_image_height)
        assert article.tags.all(), article.headline


def test_seed_article_keeps_its_date_and_byline(client, demo):
    seed = Article.objects.get(byline_code="MRS L44", headline__startswith="Di tengah Situasi")
    html = page(client, seed.get_absolute_url())
    assert seed.get_absolute_url().startswith("/internasional/2021/11/23/")
    assert "Selasa, 23 November 2021" in html
    assert "(MRS L44)" in html
