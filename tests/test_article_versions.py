"""Every save of an article keeps a version: the newsroom sees the history, compares two versions and
restores one, through the same write path and publishing rule as any save."""

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import publishing, versions
from articles.importer import parse_article_text, save_parsed_article
from articles.models import Article, Correction

from .admin_forms import admin_form_data
from .factories import make_article, make_section
from .test_page_cache import read

pytestmark = pytest.mark.django_db

CHANGE_URL = "/admin/articles/article/{}/change/"
HISTORY_URL = "/admin/articles/article/{}/history/"
COMPARE_URL = "/admin/articles/article/{}/history/compare/"
RESTORE_URL = "/admin/articles/article/{}/history/{}/restore/"


def edit(client, article, **changes) -> None:
    """Change the article in its admin form, as a browser sends it, with these fields changed."""
    data = admin_form_data(client.get(CHANGE_URL.format(article.pk)))
    data.pop("_addanother", None)
    data |= {name: [value] if isinstance(value, str) else value for name, value in changes.items()}
    response = client.post(CHANGE_URL.format(article.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def article(editor):
    return make_article(
        headline="Banjir rendam Kampung Melayu",
        body="<p>Hujan deras sejak malam membuat Kali Ciliwung meluap.</p>",
        byline_code="MRS",
        tags=["Banjir"],
        authors=[editor.author_profile],
    )


def test_each_save_in_the_admin_keeps_a_version_with_who_and_its_tags(editor_client, editor, article):
    edit(
        editor_client,
        article,
        headline="Banjir rendam Kampung Melayu dan Bidara Cina",
        tags=["Banjir", "Jakarta"],
    )
    edit(editor_client, article, dek="Ratusan warga mengungsi.")

    newest, middle, first = versions.history(article)
    assert [version.number for version in (newest, middle, first)] == [3, 2, 1]
    assert middle.fields["headline"] == "Banjir rendam Kampung Melayu dan Bidara Cina"
    assert middle.tags == ["Banjir", "Jakarta"] and first.tags == ["Banjir"]
    assert newest.revision.user == editor == middle.revision.user

    response = editor_client.get(HISTORY_URL.format(article.pk))
    assert response.status_code == 200
    rows = lxml.html.fromstring(response.content).xpath('//form[@class="article-history"]//tbody/tr')
    assert [row.xpath("th")[0].text_content() for row in rows] == ["3", "2", "1"]
    what = [row.xpath("td")[4].text_content() for row in rows]
    assert what == ["ringkasan", "judul, tag", "versi pertama"]
    assert editor.get_username() in rows[0].text_content()


def test_comparing_two_versions_shows_the_words_taken_out_and_put_in(editor_client, article):
    edit(
        editor_client,
        article,
        body="<p>Hujan deras sejak Senin malam membuat Kali Ciliwung meluap.</p><p>Warga mengungsi.</p>",
        byline_code="MRS L44",
    )
    newest, first = versions.history(article)

    response = editor_client.get(
        COMPARE_URL.format(article.pk), {"old": first.version.pk, "new": newest.version.pk}
    )
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    rows = {row.xpath("th")[0].text_content(): row for row in page.xpath("//tbody/tr")}
    body = rows["Isi"].xpath("td")[0]
    assert [ins.text_content().strip() for ins in body.xpath(".//ins")] == ["Senin", "Warga mengungsi."]
    assert body.xpath(".//del") == []
    assert [ins.text_content() for ins in rows["Kode byline"].xpath(".//ins")] == ["L44"]
    assert rows["Judul"].get("class") == "unchanged"


@pytest.mark.parametrize("query", [{}, {"old": "x"}, {"old": "999999"}])
def test_comparing_without_two_versions_of_this_article_is_a_clear_400(editor_client, article, query):
    response = editor_client.get(COMPARE_URL.format(article.pk), query)
    assert response.status_code == 400
    assert "Pilih dua versi" in response.content.decode()


def test_restoring_a_version_is_a_new_version_that_readers_see_at_once(editor_client, editor, article):
    url = article.get_absolute_url()
    edit(editor_client, article, headline="Judul yang salah", tags=["Salah"])
    assert "Judul yang salah" in read(url)
    first = versions.history(article)[-1]

    response = editor_client.post(RESTORE_URL.format(article.pk, first.version.pk))
    assert response.status_code == 302

    article.refresh_from_db()
    assert article.headline == "Banjir rendam Kampung Melayu"
    assert list(article.tags.names()) == ["Banjir"]
    assert article.is_published
    restored = versions.history(article)[0]
    assert restored.number == 3 and restored.revision.user == editor
    assert restored.revision.comment == "Memulihkan versi 1"
    page = read(url)
    assert "Banjir rendam Kampung Melayu" in page and "Judul yang salah" not in page


def test_a_restore_gets_the_publishing_rules_byline_code(editor_client, editor, article):
    article.byline_code = ""
    publishing.save_article(article)
    edit(editor_client, article, byline_code="MRS")
    blank = versions.history(article)[1]

    assert editor_client.post(RESTORE_URL.format(article.pk, blank.version.pk)).status_code == 302
    article.refresh_from_db()
    assert article.byline_code == editor.author_profile.byline_code


def test_a_reporter_sees_the_history_of_their_own_articles_only_and_never_publishes_by_restoring(
    client, reporter
):
    own = make_article(status=Article.Status.DRAFT, authors=[reporter.author_profile])
    published_own = make_article(authors=[reporter.author_profile])
    other = make_article(status=Article.Status.DRAFT)
    client.force_login(reporter)
    edit(client, own, headline="Kedua")

    assert client.get(HISTORY_URL.format(own.pk)).status_code == 200
    assert client.get(HISTORY_URL.format(published_own.pk)).status_code == 200
    assert client.get(HISTORY_URL.format(other.pk)).status_code == 403
    # Their published article is the editors' to change, restore included.
    first_published = versions.history(published_own)[0]
    assert client.post(RESTORE_URL.format(published_own.pk, first_published.version.pk)).status_code == 403

    first = versions.history(own)[-1]
    assert client.post(RESTORE_URL.format(own.pk, first.version.pk)).status_code == 302
    own.refresh_from_db()
    assert own.status == Article.Status.DRAFT and own.headline.startswith("Berita nomor")


def test_restoring_is_a_post(editor_client, article):
    first = versions.history(article)[0]
    assert editor_client.get(RESTORE_URL.format(article.pk, first.version.pk)).status_code == 405


def test_bulk_changes_and_imports_keep_a_version_each(editor_client, editor):
    section = make_section(name="Internasional", slug="internasional")
    parsed = parse_article_text("Lensa Manca\nJudul impor\nIsi impor pertama. (MRS)\n")
    imported, _created = save_parsed_article(parsed, section=section, tags=["Rusia", "Ukraina"])
    assert versions.history(imported)[0].tags == ["Rusia", "Ukraina"]

    others = [make_article(status=Article.Status.DRAFT) for _ in range(2)]
    response = editor_client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [article.pk for article in others]},
    )
    assert response.status_code == 302
    for article in others:
        newest = versions.history(article)[0]
        assert newest.fields["status"] == Article.Status.PUBLISHED and newest.revision.user == editor


def test_a_correction_links_to_the_version_it_corrects(editor_client, article):
    data = admin_form_data(editor_client.get(CHANGE_URL.format(article.pk)))
    corrected = versions.history(article)[0]
    data |= {
        "corrections-TOTAL_FORMS": ["1"],
        "corrections-0-text": ["Kali yang meluap adalah Ciliwung, bukan Cisadane."],
        "corrections-0-corrected_at_0": ["2026-12-01"],
        "corrections-0-corrected_at_1": ["10:00:00"],
    }
    assert editor_client.post(CHANGE_URL.format(article.pk), data).status_code == 302

    correction = Correction.objects.get(article=article)
    assert correction.version == corrected.version
    page = lxml.html.fromstring(editor_client.get(CHANGE_URL.format(article.pk)).content)
    (link,) = page.xpath('//div[contains(@class, "field-corrected_version")]//a')
    assert link.get("href") == f"{COMPARE_URL.format(article.pk)}?old={corrected.version.pk}"
    assert editor_client.get(link.get("href")).status_code == 200


def test_the_history_page_runs_the_same_number_of_queries_for_2_and_20_versions(editor_client, article):
    def save_times(count):
        for number in range(count):
            article.headline = f"Judul ke-{number}"
            publishing.save_article(article)

    save_times(1)
    with CaptureQueriesContext(connection) as few:
        assert editor_client.get(HISTORY_URL.format(article.pk)).status_code == 200
    save_times(18)
    with CaptureQueriesContext(connection) as many:
        response = editor_client.get(HISTORY_URL.format(article.pk))
    assert len(response.context["versions"]) == 20
    assert len(many.captured_queries) == len(few.captured_queries)
