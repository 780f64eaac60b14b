"""The newsroom's admin as a small newsroom meets it: the section picker, the lead image, the index, the
editor's words, and the comment queue's filter, row links and replies as the newsroom."""

import lxml.html
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment

from .factories import make_article, make_comment, make_section
from .test_page_cache import read

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/comments/comment/"


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_the_section_picker_offers_the_section_typed_before_one_that_contains_it(editor_client):
    make_section(name="Internasional", slug="internasional", order=0)
    make_section(name="Nasional", slug="nasional", order=1)
    response = editor_client.get(
        "/admin/autocomplete/",
        {"term": "Nasional", "app_label": "articles", "model_name": "article", "field_name": "section"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Nasional", "Internasional"]


def test_the_article_form_shows_the_lead_image_as_a_thumbnail(editor_client):
    article = make_article(image=True)
    response = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    (image,) = lxml.html.fromstring(response.content).xpath(
        '//div[contains(@class, "field-lead_image_preview")]//img'
    )
    assert image.get("src") == article.lead_picture.jpeg[0].url


def test_the_admin_index_heads_the_tags_tags_not_taggit(editor_client):
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    headings = lxml.html.fromstring(response.content).xpath('//div[@id="content-main"]//caption//a/text()')
    assert "Tag" in headings and "Taggit" not in headings


def test_the_editors_menu_and_picture_dialog_have_indonesian_words(editor_client):
    response = editor_client.get("/admin/jsi18n/")
    assert response.status_code == 200
    catalog = response.content.decode()
    for english, indonesian in [
        ("bold", "tebal"),
        ("Heading 2", "Judul 2"),
        ("Insert Figure", "Sisipkan Gambar"),
    ]:
        assert f'"{english}": "{indonesian}"' in catalog
    assert '"Browse...": "Pilih\\u2026"' in catalog


def test_the_queue_filters_by_words_of_the_headline_instead_of_listing_every_article(moderator_client):
    for number in range(12):
        make_comment(make_article(headline=f"Berita panjang nomor {number} tentang banjir di Jakarta"))
    make_comment(make_article(headline="Gempa di Cianjur"), author_name="Rudi", status=Comment.Status.PENDING)

    response = moderator_client.get(QUEUE_URL)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    assert page.xpath('//*[@id="changelist-filter"]//input[@type="search"][@name="headline"]')
    assert "Berita panjang nomor 3" not in "".join(page.xpath('//*[@id="changelist-filter"]//text()'))

    response = moderator_client.get(QUEUE_URL, {"headline": "cianjur", "status__exact": "pending"})
    assert response.status_code == 200
    assert [comment.author_name for comment in response.context["cl"].result_list] == ["Rudi"]
    hidden = lxml.html.fromstring(response.content).xpath(
        '//form[@class="headline-filter"]/input[@type="hidden"]'
    )
    assert [(field.get("name"), field.get("value")) for field in hidden] == [("status__exact", "pending")]


def test_each_row_of_the_queue_has_approve_spam_and_bin_and_readers_see_an_approval_at_once(moderator_client):
    article = make_article()
    comment = make_comment(article, status=Comment.Status.PENDING, text="Semoga cepat surut.")
    url = article.get_absolute_url()
    assert "Semoga cepat surut." not in read(url)

    page = lxml.html.fromstring(moderator_client.get(QUEUE_URL).content)
    buttons = page.xpath('//div[@class="row-actions"]/button')
    assert [button.text for button in buttons] == ["Setujui", "Spam", "Buang"]
    assert {button.get("form") for button in buttons} == {"changelist-form"}
    assert page.xpath('//div[@class="row-actions"]/a/text()') == ["Balas"]

    response = moderator_client.post(
        buttons[0].get("formaction"),
        {"status": buttons[0].get("value")},
        HTTP_REFERER="http://testserver/admin/comments/comment/?status__exact=pending",
    )
    assert response.status_code == 302 and response["Location"].endswith("?status__exact=pending")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert "Semoga cepat surut." in read(url)


@pytest.mark.parametrize("status", ["", "published", Comment.Status.PENDING])
def test_a_row_link_with_another_status_is_a_clear_400(moderator_client, status):
    comment = make_comment(make_article(), status=Comment.Status.PENDING)
    response = moderator_client.post(f"{QUEUE_URL}{comment.pk}/moderate/", {"status": status})
    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_row_links_are_posts_for_moderators_only(client, moderator_client, reporter):
    comment = make_comment(make_article(), status=Comment.Status.PENDING)
    url = f"{QUEUE_URL}{comment.pk}/moderate/"
    assert moderator_client.get(url).status_code == 405
    client.force_login(reporter)
    assert client.post(url, {"status": Comment.Status.APPROVED}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_moderator_replies_as_the_newsroom_and_readers_see_it_with_the_comment_approved(
    moderator_client, moderator
):
    moderator.email = "rina@redaksi.example"
    moderator.save()
    article = make_article()
    question = make_comment(article, status=Comment.Status.PENDING, text="Kapan air surut?")
    reply_url = f"{QUEUE_URL}{question.pk}/reply/"
    page = moderator_client.get(reply_url)
    assert page.status_code == 200 and "Kapan air surut?" in page.content.decode()

    response = moderator_client.post(reply_url, {"text": "Menurut BPBD, besok pagi."})
    assert response.status_code == 302
    reply = Comment.objects.get(parent=question)
    assert reply.status == Comment.Status.APPROVED and reply.author_name == settings.SITE_NAME
    question.refresh_from_db()
    assert question.status == Comment.Status.APPROVED
    article.refresh_from_db()
    assert article.approved_comment_count == 2
    page = read(article.get_absolute_url())
    assert "Kapan air surut?" in page and "Menurut BPBD, besok pagi." in page
    assert moderator.email not in page


@pytest.mark.parametrize("text", ["", "Menurut BPBD, besok pagi."])
def test_an_empty_or_repeated_reply_is_sent_back_with_a_message(moderator_client, text):
    question = make_comment(make_article(), text="Kapan air surut?")
    make_comment(question.article, parent=question, text="Menurut BPBD, besok pagi.")
    response = moderator_client.post(f"{QUEUE_URL}{question.pk}/reply/", {"text": text})
    assert response.status_code == 400
    assert lxml.html.fromstring(response.content).xpath('//ul[@class="errorlist"]')
    assert Comment.objects.filter(parent=question).count() == 1


def test_a_reply_to_the_deepest_comment_nests_beside_it(moderator_client, settings):
    settings.COMMENTS_MAX_DEPTH = 2
    top = make_comment(make_article())
    deepest = make_comment(top.article, parent=top)
    assert (
        moderator_client.post(f"{QUEUE_URL}{deepest.pk}/reply/", {"text": "Terima kasih."}).status_code == 302
    )
    assert Comment.objects.get(text="Terima kasih.").parent == top


def test_the_queue_runs_the_same_number_of_queries_for_1_and_40_comments(moderator_client):
    def fill(count):
        for _ in range(count):
            make_comment(make_article(), status=Comment.Status.PENDING)

    fill(1)
    with CaptureQueriesContext(connection) as one:
        assert moderator_client.get(QUEUE_URL).status_code == 200
    fill(39)
    with CaptureQueriesContext(connection) as forty:
        response = moderator_client.get(QUEUE_URL)
    assert len(response.context["cl"].result_list) == 40
    assert len(forty.captured_queries) == len(one.captured_queries)
