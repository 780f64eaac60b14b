from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article

from .factories import make_article

pytestmark = pytest.mark.django_db


def test_published_leaves_out_drafts_reviews_and_future_articles():
    visible = make_article(headline="Sudah terbit")
    make_article(headline="Masih draf", status=Article.Status.DRAFT)
    make_article(headline="Sedang ditinjau", status=Article.Status.IN_REVIEW)
    make_article(headline="Terjadwal", publish_at=timezone.now() + timedelta(hours=1))

    assert list(Article.objects.published()) == [visible]


def test_scheduled_article_appears_when_its_time_comes():
    publish_at = timezone.now() + timedelta(hours=2)
    article = make_article(publish_at=publish_at)
    assert not article.is_published
    assert not Article.objects.published().exists()

    with time_machine.travel(publish_at + timedelta(seconds=1)):
        assert article.is_published
        assert list(Article.objects.published()) == [article]


def test_readers_get_404_for_draft_and_scheduled_articles(client):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=1))

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_newest_article_comes_first():
    older = make_article(publish_at=timezone.now() - timedelta(days=2))
    newer = make_article(publish_at=timezone.now() - timedelta(days=1))
    assert list(Article.objects.published()) == [newer, older]
