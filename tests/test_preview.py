"""The newsroom previews drafts and scheduled articles on the article page; readers never see them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

from .factories import make_article

pytestmark = pytest.mark.django_db


def preview_url(article) -> str:
    return f"/pratinjau/{article.pk}/"


def test_editor_previews_a_draft_on_the_article_page_with_a_banner(client, editor):
    draft = make_article(
        status=Article.Status.DRAFT, headline="Rancangan anggaran", byline_code="MRS L44", image=True
    )
    client.force_login(editor)

    response = client.get(preview_url(draft))

    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert '<p class="preview-banner" role="status">' in html
    assert "Pratinjau" in html and "Pembaca belum dapat melihat artikel ini." in html
    assert '<h1 class="article__headline">Rancangan anggaran</h1>' in html
    assert "(MRS L44)" in html and "<picture>" in html
    assert '<meta name="robots" content="noindex">' in html


def test_scheduled_article_preview_says_when_it_appears(client, editor):
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=1))
    client.force_login(editor)
    html = client.get(preview_url(scheduled)).content.decode()
    assert "Terjadwal, " in html


def test_reporter_previews_their_own_draft_but_not_anothers(client, reporter):
    own = make_article(status=Article.Status.DRAFT, authors=[reporter.author_profile])
    others = make_article(status=Article.Status.DRAFT)
    client.force_login(reporter)
    assert client.get(preview_url(own)).status_code == 200
    assert client.get(preview_url(others)).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "moderator", "non-staff"])
def test_readers_and_moderators_get_404_for_a_preview(client, who, moderator, django_user_model):
    draft = make_article(status=Article.Status.DRAFT)
    if who == "moderator":
        client.force_login(moderator)
    elif who == "non-staff":
        client.force_login(django_user_model.objects.create_user("pembaca"))

    response = client.get(preview_url(draft))

    assert response.status_code == 404
    assert draft.headline not in response.content.decode()


def test_preview_of_unknown_article_is_404(client, editor):
    client.force_login(editor)
    assert client.get("/pratinjau/999999/").status_code == 404


def test_a_preview_offers_no_share_buttons_for_an_address_readers_cannot_open(client, editor):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert "share__link" not in html and "facebook.com" not in html
