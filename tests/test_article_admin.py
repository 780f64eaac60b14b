"""The article admin: its list, filters and actions, the help when publishing, and the rich-text body."""

import re
from datetime import timedelta
from pathlib import Path

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.publishing import suggested_byline_code
from comments.models import Comment

from .admin_forms import admin_form_data
from .factories import make_article, make_author, make_comment, make_section

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"
WORD_PASTE = (Path(__file__).parent / "word_paste.html").read_text(encoding="utf-8")


def listed(client, query="") -> list[Article]:
    return list(client.get(LIST_URL + query).context["cl"].result_list)


def test_change_list_runs_the_same_number_of_queries_for_1_and_50_articles(editor_client):
    section, authors = make_section(), [make_author(), make_author()]

    def fill(count):
        for _ in range(count):
            article = make_article(section=section, authors=authors, tags=["Banjir", "Jakarta"], image=True)
            make_comment(article)
            make_comment(article, status=Comment.Status.PENDING)

    fill(1)
    with CaptureQueriesContext(connection) as one:
        assert editor_client.get(LIST_URL).status_code == 200
    fill(49)
    with CaptureQueriesContext(connection) as fifty:
        response = editor_client.get(LIST_URL + "?all=")
    assert len(response.context["cl"].result_list) == 50
    assert len(fifty.captured_queries) == len(one.captured_queries)


def test_change_list_shows_picture_status_time_authors_and_comment_counts(editor_client):
    author = make_author(name="Rina Wulandari")
    published = make_article(headline="Sudah terbit", authors=[author], image=True)
    for status in (
        Comment.Status.PENDING,
        Comment.Status.APPROVED,
        Comment.Status.APPROVED,
        Comment.Status.SPAM,
    ):
        make_comment(published, status=status)
    make_article(headline="Nanti sore", publish_at=timezone.now() + timedelta(hours=3))
    make_article(headline="Masih draf", status=Article.Status.DRAFT)

    document = lxml.html.fromstring(editor_client.get(LIST_URL).content.decode())

    rows = {
        row.xpath("string(th/a)"): lxml.html.tostring(row, encoding="unicode")
        for row in document.xpath('//table[@id="result_list"]/tbody/tr')
    }
    assert re.search(
        r'<img src="/media/articles/[^"]+-64w\.jpg" alt="" width="96" height="54">', rows["Sudah terbit"]
    )
    assert "Rina Wulandari" in rows["Sudah terbit"]
    assert (
        '<td class="field-comment_counts"><span title="menunggu / disetujui">1 / 2</span></td>'
        in rows["Sudah terbit"]
    )
    assert "Terjadwal" in rows["Nanti sore"]
    assert "Draf" in rows["Masih draf"]


@pytest.mark.parametrize(
    ("publication", "expected"),
    [("draft", ["Draf"]), ("review", ["Ditinjau"]), ("scheduled", ["Nanti"]), ("published", ["Terbit"])],
)
def test_status_filter_tells_scheduled_from_published(editor_client, publication, expected):
    make_article(headline="Draf", status=Article.Status.DRAFT)
    make_article(headline="Ditinjau", status=Article.Status.IN_REVIEW)
    make_article(headline="Nanti", publish_at=timezone.now() + timedelta(days=1))
    make_article(headline="Terbit")

    assert [a.headline for a in listed(editor_client, f"?publication={publication}")] == expected


def test_search_finds_headline_summary_body_and_byline_code(editor_client):
    make_article(
        headline="Harga cabai", dek="Pasar Induk", body="<p>Pedagang mengeluh.</p>", byline_code="MRS L44"
    )
    make_article(headline="Lain lagi")
    for term in ["cabai", "Induk", "mengeluh", "MRS L44"]:
        assert [a.headline for a in listed(editor_client, f"?q={term}")] == ["Harga cabai"], term


def test_publish_action_publishes_drafts_now_and_fills_in_the_byline_code(editor_client, editor):
    reporter_author = make_author(byline_code="MRS")
    week_old = timezone.now() - timedelta(days=7)
    draft = make_article(status=Article.Status.IN_REVIEW, publish_at=week_old, authors=[reporter_author])
    later = make_article(status=Article.Status.DRAFT, publish_at=timezone.now() + timedelta(days=2))

    response = editor_client.post(
        LIST_URL, {"action": "publish_selected", "_selected_action": [draft.pk, later.pk]}, follow=True
    )

    assert "2 artikel diterbitkan atau dijadwalkan." in response.content.decode()
    draft.refresh_from_db()
    later.refresh_from_db()
    assert draft.is_published and draft.publish_at > week_old
    assert draft.byline_code == f"MRS {editor.author_profile.byline_code}"
    assert later.is_scheduled


def test_unpublish_and_feature_actions(editor_client):
    article = make_article()
    editor_client.post(LIST_URL, {"action": "feature_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.is_featured

    editor_client.post(LIST_URL, {"action": "unfeature_selected", "_selected_action": [article.pk]})
    editor_client.post(LIST_URL, {"action": "unpublish_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert (article.is_featured, article.status) == (False, Article.Status.DRAFT)


def test_publishing_in_the_form_suggests_the_byline_code_from_authors_and_editor(editor_client, editor):
    draft = make_article(
        status=Article.Status.IN_REVIEW, authors=[make_author(byline_code="RW")], byline_code=""
    )
    url = f"{LIST_URL}{draft.pk}/change/"

    response = editor_client.post(url, admin_form_data(editor_client.get(url)) | {"status": "published"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.byline_code == f"RW {editor.author_profile.byline_code}"
    assert draft.is_published


def test_a_typed_byline_code_is_kept_when_publishing(editor_client):
    draft = make_article(status=Article.Status.IN_REVIEW, authors=[make_author()], byline_code="ABC X1")
    url = f"{LIST_URL}{draft.pk}/change/"
    editor_client.post(url, admin_form_data(editor_client.get(url)) | {"status": "published"})
    draft.refresh_from_db()
    assert draft.byline_code == "ABC X1"


def test_suggested_byline_code_holds_whole_codes_only():
    authors = [make_author(byline_code=f"ABCDEFG{n}") for n in range(6)]
    code = suggested_byline_code(authors)
    assert code == "ABCDEFG0 ABCDEFG1 ABCDEFG2 ABCDEFG3"


def test_view_on_site_opens_the_article_or_its_preview(editor_client):
    published, draft = make_article(), make_article(status=Article.Status.DRAFT)
    for article, expected in [(published, published.get_absolute_url()), (draft, f"/pratinjau/{draft.pk}/")]:
        html = editor_client.get(f"{LIST_URL}{article.pk}/change/").content.decode()
        assert f'href="{expected}" class="viewsitelink"' in html


def test_text_pasted_from_a_word_processor_is_saved_as_clean_paragraphs(editor_client):
    article = make_article()
    url = f"{LIST_URL}{article.pk}/change/"

    editor_client.post(url, admin_form_data(editor_client.get(url)) | {"body": WORD_PASTE})

    article.refresh_from_db()
    assert article.body == (
        "<p><b>Banjir Rendam Jakarta Timur</b></p>"
        "<p>Hujan deras sejak <i>Selasa</i> malam membuat Kali Ciliwung meluap. Warga mengungsi.</p>"
        "<p>· Kampung Melayu</p>"
        "<p>· Bidara Cina</p>"
        '<p>Pantau ketinggian air di <a href="https://poskobanjir.dsdadki.web.id/" rel="noopener noreferrer">'
        "Posko Banjir</a>.</p>"
    )


def test_body_that_is_empty_once_cleaned_is_refused(editor_client):
    article = make_article()
    url = f"{LIST_URL}{article.pk}/change/"
    response = editor_client.post(
        url, admin_form_data(editor_client.get(url)) | {"body": "<p><o:p>&nbsp;</o:p></p>"}
    )
    assert response.context["adminform"].form.errors["body"] == ["Bidang ini tidak boleh kosong."]


def test_rich_text_editor_loads_from_this_host_under_a_nonce(editor_client):
    response = editor_client.get(LIST_URL + "add/")
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)

    importmap = re.search(r'<script type="importmap"([^>]*)>(.*?)</script>', html, re.S)
    assert f'nonce="{nonce}"' in importmap.group(1)
    assert '"/static/django_prose_editor/editor.js"' in importmap.group(2)
    assert "data-django-prose-editor-configurable" in html
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert scripts and all(src.startswith("/") and not src.startswith("//") for src in scripts)


def test_reader_pages_get_no_nonce(client):
    make_article()
    assert "nonce" not in client.get("/")["Content-Security-Policy"]


def test_tags_are_suggested_by_name_and_new_ones_are_saved(editor_client):
    make_article(tags=["Banjir Rob", "Jakarta"])
    suggestions = editor_client.get(
        "/admin/articles/article/tag-autocomplete/",
        {"term": "banj", "app_label": "articles", "model_name": "article", "field_name": "tags"},
    ).json()
    assert suggestions["results"] == [{"id": "Banjir Rob", "text": "Banjir Rob"}]

    article = make_article(tags=["Jakarta"])
    url = f"{LIST_URL}{article.pk}/change/"
    form = admin_form_data(editor_client.get(url))
    assert form["tags"] == ["Jakarta"]
    editor_client.post(url, form | {"tags": ["Jakarta", "Banjir Rob", "Cuaca, ekstrem"]})

    assert sorted(article.tags.names()) == ["Banjir Rob", "Cuaca, ekstrem", "Jakarta"]


def test_tag_suggestions_need_the_right_to_see_tags(client, moderator):
    client.force_login(moderator)
    response = client.get(
        "/admin/articles/article/tag-autocomplete/",
        {"term": "a", "app_label": "articles", "model_name": "article", "field_name": "tags"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?q=%00",
        "/admin/articles/article/?publication=%00",
        "/admin/articles/article/?publication=nonsense",
        "/admin/articles/article/99999999999999999999999/change/",
        "/pratinjau/99999999999999999999999/",
        "/admin/articles/article/tag-autocomplete/?term=%00&app_label=articles&model_name=article&field_name=tags",
        "/admin/articles/article/tag-autocomplete/?term=a",
        "/admin/autocomplete/?term=%00&app_label=articles&model_name=article&field_name=section",
        "/admin/autocomplete/?term=%00&app_label=articles&model_name=article&field_name=authors",
    ],
)
def test_odd_addresses_in_the_newsroom_never_give_a_500(editor_client, url):
    make_article(tags=["Banjir"])
    editor_client.raise_request_exception = False
    assert editor_client.get(url).status_code < 500


@pytest.mark.parametrize("tag", ["x" * 101, "a\x00b", '"', " , "])
def test_odd_tags_get_a_message_or_are_dropped_never_a_500(editor_client, tag):
    article = make_article()
    url = f"{LIST_URL}{article.pk}/change/"
    editor_client.raise_request_exception = False

    response = editor_client.post(url, admin_form_data(editor_client.get(url)) | {"tags": [tag]})

    assert response.status_code in {200, 302}
    assert not any(len(name) > 100 or "\x00" in name for name in article.tags.names())
