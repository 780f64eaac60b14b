"""An editor schedules an article; it appears on every page by itself when its time comes."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article

from .admin_forms import admin_form_data
from .factories import make_article, make_section

pytestmark = pytest.mark.django_db


def test_scheduled_article_appears_on_its_pages_when_its_time_comes(client, editor):
    section = make_section(slug="metro")
    draft = make_article(section=section, status=Article.Status.IN_REVIEW, headline="Jalan tol baru dibuka")
    publish_at = timezone.localtime() + timedelta(days=1)
    client.force_login(editor)
    url = f"/admin/articles/article/{draft.pk}/change/"
    form = admin_form_data(client.get(url)) | {
        "status": "published",
        "publish_at_0": publish_at.strftime("%d-%m-%Y"),
        "publish_at_1": publish_at.strftime("%H.%M.%S"),
    }
    assert client.post(url, form).status_code == 302
    client.logout()
    article = Article.objects.get(pk=draft.pk)
    assert article.is_scheduled
    pages = ["/", "/metro/", article.get_absolute_url()]

    assert client.get(article.get_absolute_url()).status_code == 404
    assert all(article.headline not in client.get(page).content.decode() for page in pages[:2])

    with time_machine.travel(article.publish_at + timedelta(seconds=1)):
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, page
            assert article.headline in response.content.decode(), page
