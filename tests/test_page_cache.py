"""Anonymous readers get pages any cache may keep; every change in the newsroom reaches the next reader."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction
from comments.models import Comment
from newsportal.pagecache import VERSION_KEY, content_version, names_version

from .admin_forms import admin_form_data
from .factories import comment_form_data, make_article, make_author, make_comment, make_user, set_discussion

pytestmark = pytest.mark.django_db


def fresh_reader(**headers) -> Client:
    """A reader who has never been here: no cookies."""
    return Client(**headers)


def read(url, client=None, status=200, **headers) -> str:
    response = (client or fresh_reader()).get(url, **headers)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.fixture
def article():
    author = make_author(name="Maya Rahmawati", slug="maya")
    return make_article(headline="Banjir rob di pesisir utara", tags=["Banjir"], authors=[author])


def public_urls(article) -> list[str]:
    return [
        reverse("articles:home"),
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": "banjir"}),
        article.authors.first().get_absolute_url(),
        reverse("articles:archive"),
        reverse("articles:search"),
        reverse("articles:rss"),
        reverse("articles:atom"),
        reverse("sitemap"),
        reverse("sitemap-news"),
        reverse("robots"),
        "/en/",
    ]


def test_every_public_page_is_the_same_bytes_for_every_anonymous_reader(article):
    make_comment(article)
    for url in public_urls(article):
        first, second = fresh_reader().get(url), fresh_reader().get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert first.status_code == second.status_code == 200, url
        assert first.content == second.content, url
        for response in (first, second):
            assert not response.cookies, url
            assert not response.has_header("Vary"), url
            cache_control = response["Cache-Control"]
            assert cache_control.startswith("public"), url
            for directive in ("max-age=10", "s-maxage=10", "stale-while-revalidate=", "stale-if-error="):
                assert directive in cache_control, (url, cache_control)


def test_the_article_page_has_no_per_reader_token(article):
    html = read(article.get_absolute_url())
    assert "csrfmiddlewaretoken" not in html
    assert 'id="commentform"' in html


def test_a_second_reader_is_answered_from_the_cache_without_the_view(article, monkeypatch):
    url = article.get_absolute_url()
    first = fresh_reader().get(url)
    assert first.status_code == 200
    html = first.content.decode()

    def broken(*args, **kwargs):
        raise AssertionError("the view ran")

    monkeypatch.setattr("articles.views.ArticleDetailView.get_context_data", broken)
    response = fresh_reader().get(url)
    assert response.status_code == 200
    assert response.content.decode() == html
    # The page from the cache is as safe as the one rendered: the same policy, no framing.
    assert response["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def wsgi_get(path: str) -> tuple[str, bytes]:
    """A GET through the portal's WSGI application, as gunicorn makes it."""
    from io import BytesIO

    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from newsportal.wsgi import application

    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "testserver",
        "SERVER_PORT": "80", "HTTP_HOST": "testserver", "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http", "wsgi.input": BytesIO(), "wsgi.errors": BytesIO(),
    }  # fmt: skip
    status = []
    # As Django's test client does: the test's transaction holds the connection between requests.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        body = application(environ, lambda line, headers: status.append(line))
        content = b"".join(body)
        getattr(body, "close", lambda: None)()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return status[0], content


def test_a_page_not_kept_yet_reads_the_versions_once_and_is_then_answered_before_django(article, monkeypatch):
    content_version(), names_version()  # as on a site that has served a page before
    reads = []
    get_many = cache.get_many

    def counted(keys, *args, **kwargs):
        if VERSION_KEY in keys:
            reads.append(keys)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counted)
    url = article.get_absolute_url()
    status, rendered = wsgi_get(url)
    assert status == "200 OK"
    assert len(reads) == 1, reads  # by CachedPageApplication; the middleware rendering it uses them

    def broken(*args, **kwargs):
        raise AssertionError("Django's handler ran")

    monkeypatch.setattr("django.core.handlers.base.BaseHandler.get_response", broken)
    assert wsgi_get(url) == ("200 OK", rendered)


@pytest.mark.parametrize("url_name", ["home", "rss", "sitemap"])
def test_a_conditional_get_of_an_unchanged_page_gets_304(article, url_name):
    url = reverse(url_name) if url_name == "sitemap" else reverse(f"articles:{url_name}")
    response = fresh_reader().get(url)
    assert response.status_code == 200
    again = fresh_reader().get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_feed_answers_if_modified_since_with_304(article):
    response = fresh_reader().get(reverse("articles:rss"))
    assert response.status_code == 200
    again = fresh_reader().get(reverse("articles:rss"), HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_search_results_error_pages_previews_and_admin_are_not_public(article, editor_client):
    with_query = fresh_reader().get(reverse("articles:search"), {"q": "banjir"})
    assert with_query.status_code == 200
    assert "public" not in with_query["Cache-Control"]
    missing = fresh_reader().get("/tidak-ada/")
    assert missing.status_code == 404
    assert "public" not in missing.get("Cache-Control", "")
    preview = editor_client.get(reverse("articles:preview", kwargs={"pk": article.pk}))
    assert preview.status_code == 200
    assert preview["Cache-Control"] == "private, no-store"
    admin = editor_client.get(reverse("admin:index"))
    assert admin.status_code == 200
    assert "public" not in admin["Cache-Control"]


def test_the_address_alone_sets_the_language(article):
    assert 'lang="id"' in read("/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in read("/en/", HTTP_ACCEPT_LANGUAGE="id")


def test_a_page_with_an_unknown_parameter_is_served_but_not_kept(article, monkeypatch):
    read("/?utm_source=x")
    monkeypatch.setattr("articles.views.HomeView.get_context_data", view_that_counts())
    read("/?utm_source=x")
    assert view_that_counts.calls == 1


def view_that_counts():
    """A home page view that says how often it ran."""
    from articles.views import HomeView

    original = HomeView.get_context_data
    view_that_counts.calls = 0

    def counted(self, **kwargs):
        view_that_counts.calls += 1
        return original(self, **kwargs)

    return counted


def test_the_newsroom_gets_private_pages_never_the_cached_ones(article, editor_client, monkeypatch):
    read("/")
    monkeypatch.setattr("articles.views.HomeView.get_context_data", view_that_counts())
    response = editor_client.get("/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert view_that_counts.calls == 1


def test_a_cache_outage_serves_the_page_uncached(article, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    assert "Banjir rob di pesisir utara" in read(article.get_absolute_url())
    assert "Banjir rob di pesisir utara" in read("/")


# Comments on a cached page ------------------------------------------------------------------


def test_a_post_from_another_site_is_refused(article):
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    for headers in ({"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_SEC_FETCH_SITE": "cross-site"}):
        response = fresh_reader().post(url, comment_form_data(article), **headers)
        assert response.status_code == 403
        assert "hanya dapat dikirim dari halaman situs ini" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_form_of_a_cached_page_posts_and_its_author_sees_the_comment_waiting(article):
    read(article.get_absolute_url())  # cached now
    author = fresh_reader()
    data = comment_form_data(article, text="Semoga cepat surut.")
    response = author.post(
        reverse("comments:post", kwargs={"article_id": article.pk}),
        data,
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 303
    own_page = author.get(article.get_absolute_url())
    assert own_page.status_code == 200
    assert "Semoga cepat surut." in own_page.content.decode()
    assert "Komentar Anda sedang menunggu moderasi." in own_page.content.decode()
    assert own_page["Cache-Control"] == "private, no-cache"
    assert "Semoga cepat surut." not in read(article.get_absolute_url())


def test_the_fill_time_counts_from_when_the_reader_starts_writing(article, settings):
    set_discussion(min_fill_seconds=3)
    url = reverse("comments:token", kwargs={"article_id": article.pk})
    response = fresh_reader().get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = comment_form_data(article, token=response.json()["token"], text="Terlalu cepat.")
    assert (
        fresh_reader().post(reverse("comments:post", kwargs={"article_id": article.pk}), data).status_code
        == 303
    )
    assert Comment.objects.get(text="Terlalu cepat.").status == Comment.Status.SPAM


def test_a_form_token_for_no_article_is_404():
    assert fresh_reader().get(reverse("comments:token", kwargs={"article_id": 999})).status_code == 404


# Every change reaches the next reader ---------------------------------------------------------


def change_in_admin(client, url, **changes):
    form = client.get(url)
    assert form.status_code == 200
    data = admin_form_data(form) | {name: [value] for name, value in changes.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_publishing_a_draft_reaches_the_home_page(editor_client):
    make_article(headline="Yang sudah terbit")
    draft = make_article(headline="Kabar yang baru terbit", status=Article.Status.DRAFT)
    assert "Kabar yang baru terbit" not in read("/")
    change_in_admin(
        editor_client, reverse("admin:articles_article_change", args=[draft.pk]), status="published"
    )
    assert "Kabar yang baru terbit" in read("/")


def test_editing_a_headline_reaches_the_article_and_the_home_page(article, editor_client):
    read(article.get_absolute_url())
    read("/")
    change_in_admin(
        editor_client,
        reverse("admin:articles_article_change", args=[article.pk]),
        headline="Banjir rob surut di pesisir utara",
    )
    assert "Banjir rob surut di pesisir utara" in read(article.get_absolute_url())
    assert "Banjir rob surut di pesisir utara" in read("/")


def test_unpublishing_and_deleting_reach_the_next_reader(article, editor_client):
    other = make_article(headline="Gempa di Cianjur")
    url = article.get_absolute_url()
    read(url)
    read("/")
    changelist = reverse("admin:articles_article_changelist")
    response = editor_client.post(
        changelist, {"action": "unpublish_selected", "_selected_action": [article.pk]}
    )
    assert response.status_code == 302
    read(url, status=404)
    assert "Banjir rob di pesisir utara" not in read("/")
    read(other.get_absolute_url())
    delete_url = reverse("admin:articles_article_delete", args=[other.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert "Gempa di Cianjur" not in read("/")


def test_a_correction_reaches_the_article_page(article):
    read(article.get_absolute_url())
    Correction.objects.create(article=article, text="Lokasi banjir adalah Muara Baru.")
    assert "Lokasi banjir adalah Muara Baru." in read(article.get_absolute_url())


@pytest.mark.parametrize(
    ("action", "start", "visible"),
    [
        ("mark_approved", Comment.Status.PENDING, True),
        ("mark_pending", Comment.Status.APPROVED, False),
        ("mark_spam", Comment.Status.APPROVED, False),
        ("mark_trash", Comment.Status.APPROVED, False),
    ],
)
def test_a_moderators_bulk_action_reaches_the_article_page(
    article, client, moderator, action, start, visible
):
    comment = make_comment(article, text="Airnya sudah setinggi lutut.", status=start)
    read(article.get_absolute_url())
    client.force_login(moderator)
    changelist = reverse("admin:comments_comment_changelist")
    assert client.post(changelist, {"action": action, "_selected_action": [comment.pk]}).status_code == 302
    assert ("Airnya sudah setinggi lutut." in read(article.get_absolute_url())) is visible


def test_approving_in_the_comment_form_reaches_the_article_page(article, client, moderator):
    comment = make_comment(article, text="Semoga semua selamat.", status=Comment.Status.PENDING)
    assert "Semoga semua selamat." not in read(article.get_absolute_url())
    client.force_login(moderator)
    change_in_admin(client, reverse("admin:comments_comment_change", args=[comment.pk]), status="approved")
    assert "Semoga semua selamat." in read(article.get_absolute_url())


def test_a_new_comment_waiting_for_moderation_keeps_the_cached_page(article):
    read(article.get_absolute_url())
    version = cache.get("pagecache:version")
    response = fresh_reader().post(
        reverse("comments:post", kwargs={"article_id": article.pk}), comment_form_data(article)
    )
    assert response.status_code == 303
    assert cache.get("pagecache:version") == version


@pytest.mark.parametrize(
    ("model", "field", "new_name"),
    [("section", "name", "Metropolitan"), ("author", "name", "Maya R. Siregar"), ("tag", "name", "Rob")],
)
def test_renaming_a_section_author_or_tag_reaches_the_article_page(article, model, field, new_name, editor):
    read(article.get_absolute_url())
    objects = {"section": article.section, "author": article.authors.first(), "tag": article.tags.first()}
    app = "taggit" if model == "tag" else "articles"
    client = Client()
    client.force_login(make_user(is_superuser=True))
    change_in_admin(
        client, reverse(f"admin:{app}_{model}_change", args=[objects[model].pk]), **{field: new_name}
    )
    assert new_name in read(article.get_absolute_url())


def test_a_scheduled_article_appears_on_time_and_nothing_is_kept_past_it(article):
    due = timezone.now() + timedelta(minutes=10)
    make_article(headline="Terbit sepuluh menit lagi", publish_at=due)
    response = fresh_reader().get("/")
    assert "Terbit sepuluh menit lagi" not in response.content.decode()
    with time_machine.travel(due - timedelta(seconds=5)):
        response = fresh_reader().get("/")
        assert response.status_code == 200
        assert re.search(r"\bmax-age=[45]\b", response["Cache-Control"]), response["Cache-Control"]
        assert re.search(r"s-maxage=[45]\b", response["Cache-Control"]), response["Cache-Control"]
    with time_machine.travel(due + timedelta(seconds=1)):
        assert "Terbit sepuluh menit lagi" in read("/")


def test_a_scheduled_article_joins_the_related_list_on_time_for_the_newsroom_too(article, editor_client):
    due = timezone.now() + timedelta(minutes=10)
    make_article(headline="Tanggul jebol di Pekalongan", tags=["Banjir"], publish_at=due)
    for client in (fresh_reader(), editor_client):
        assert "Tanggul jebol di Pekalongan" not in read(article.get_absolute_url(), client)
    with time_machine.travel(due + timedelta(seconds=1)):
        for client in (fresh_reader(), editor_client):
            assert "Tanggul jebol di Pekalongan" in read(article.get_absolute_url(), client)


def test_what_many_pages_show_is_worked_out_once_per_change(article, editor_client):
    """The sections, the most read and the related articles: queried once, again after a change."""

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as context:
            assert editor_client.get(url).status_code == 200
        return len(context.captured_queries)

    url = article.get_absolute_url()
    queries(url)  # what a process keeps once it has served a page (content types) is not counted
    article.section.name = "Metropolitan"
    article.section.save()
    after_the_change = queries(url)
    assert queries(url) <= after_the_change - 3
    assert "Metropolitan" in read(url, editor_client)


def test_the_most_read_list_moving_reaches_the_home_page(settings):
    settings.VIEW_COUNT_BATCH = 2
    popular = make_article(headline="Harga cabai melonjak", publish_at=timezone.now() - timedelta(hours=1))
    assert "Harga cabai melonjak" not in most_read(read("/"))
    for _ in range(2):
        response = fresh_reader().post(
            reverse("articles:count-view", kwargs={"pk": popular.pk}),
            HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36",
        )
        assert response.status_code == 204
    assert "Harga cabai melonjak" in most_read(read("/"))


def most_read(html: str) -> str:
    """The "Most read" block of a page, empty if it has none."""
    found = re.search(r'<section class="most-read".*?</section>', html, re.DOTALL)
    return found.group(0) if found else ""


def test_uploaded_pictures_are_kept_by_caches_for_a_year():
    article = make_article(image=True)
    response = fresh_reader().get(article.lead_image.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_picture_keeps_its_year_when_a_scheduled_article_is_due(article):
    """Files are not pages: the next article's time limits what caches keep of pages only."""
    picture = make_article(image=True).lead_image.url
    make_article(headline="Terbit sebentar lagi", publish_at=timezone.now() + timedelta(seconds=5))
    response = fresh_reader().get(picture)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_re_rendering_the_stored_html_reaches_the_next_reader(article):
    from articles.publishing import rerender_all

    read(article.get_absolute_url())
    # As after a change of templates: the stored HTML is made again from the body.
    Article.objects.filter(pk=article.pk).update(body="<p>Air laut naik setinggi satu meter.</p>")
    rerender_all(report=lambda line: None)
    assert "Air laut naik setinggi satu meter." in read(article.get_absolute_url())


@pytest.mark.parametrize(
    ("setting", "value", "shown"),
    [
        ("TWITTER_SITE", "@lensamanca", '<meta name="twitter:site" content="@lensamanca">'),
        ("SITE_NAME", "Lensa Baru", "<title>Lensa Baru</title>"),
    ],
)
def test_a_setting_that_changes_the_markup_reaches_the_next_reader(article, settings, setting, value, shown):
    assert shown not in read(reverse("articles:home"))
    setattr(settings, setting, value)  # as after a restart with the new value
    assert shown in read(reverse("articles:home"))


def test_a_feed_in_full_reaches_the_next_reader_once_it_is_set(article, settings):
    assert "content:encoded" not in read(reverse("articles:rss"))
    settings.FEEDS_FULL_TEXT = True
    assert "content:encoded" in read(reverse("articles:rss"))
