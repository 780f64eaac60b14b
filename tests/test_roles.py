"""Who may do what in the newsroom, asked of admin over HTTP as each role, forged requests included."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from taggit.models import Tag

from articles.models import Article, Author, Section
from comments.models import Comment
from newsportal.roles import sync_roles
from pages.models import Page

from .admin_forms import admin_form_data
from .factories import make_article, make_author, make_comment, make_page, make_section, make_user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "editor", "moderator", "superuser"]
EVERYTHING = {"list", "add", "change", "delete"}
# What each role may do; everything else is refused. Comments come from readers: nobody adds one in admin.
ALLOWED = {
    "article": {"reporter": {"list", "add"}, "editor": EVERYTHING, "superuser": EVERYTHING},
    "section": {"reporter": {"list"}, "editor": EVERYTHING, "superuser": EVERYTHING},
    "author": {"reporter": {"list"}, "editor": EVERYTHING, "superuser": EVERYTHING},
    "tag": {"reporter": {"list"}, "editor": EVERYTHING, "superuser": EVERYTHING},
    "user": {"superuser": EVERYTHING},
    "page": {"editor": EVERYTHING, "superuser": EVERYTHING},
    # Editors moderate too, as in WordPress.
    "comment": {role: {"list", "change", "delete"} for role in ("editor", "moderator", "superuser")},
}
ADMIN_PATHS = {
    "article": "articles/article",
    "section": "articles/section",
    "author": "articles/author",
    "tag": "taggit/tag",
    "user": "auth/user",
    "page": "pages/page",
    "comment": "comments/comment",
}
MODELS = {
    "article": Article,
    "section": Section,
    "author": Author,
    "tag": Tag,
    "user": User,
    "page": Page,
    "comment": Comment,
}


@pytest.fixture
def newsroom(reporter, editor, moderator):
    """One person in each role and one thing of each kind; the article is another reporter's draft."""
    other_reporter = make_user(groups=["Reporters"], author=True)
    return SimpleNamespace(
        people={
            "reporter": reporter,
            "editor": editor,
            "moderator": moderator,
            "superuser": make_user(is_superuser=True),
        },
        things={
            "article": make_article(
                status=Article.Status.DRAFT, authors=[other_reporter.author_profile], tags=["Banjir"]
            ),
            "section": make_section(),
            "author": make_author(),
            "tag": Tag.objects.create(name="Cuaca", slug="cuaca"),
            "user": make_user(is_staff=False),
            "page": make_page(),
            "comment": make_comment(make_article()),
        },
    )


def client_for(role, newsroom, client):
    if role != "anonymous":
        client.force_login(newsroom.people[role])
    return client


def superuser_form(newsroom, url) -> dict:
    """The form as the one who may see every form would send it."""
    from django.test import Client

    client = Client()
    client.force_login(newsroom.people["superuser"])
    response = client.get(url)
    return admin_form_data(response) if response.status_code == 200 else {}


def new_values(model, role) -> dict:
    """Fields that make a new, valid object of each kind."""
    return {
        "article": {
            "headline": "Berita baru",
            "slug": "berita-baru",
            "body": "<p>Isi.</p>",
            "status": "review" if role == "reporter" else "draft",
            "section": str(Section.objects.first().pk),
        },
        "section": {"name": "Rubrik Baru", "slug": "rubrik-baru", "order": "9"},
        "author": {"name": "Penulis Baru", "slug": "penulis-baru", "byline_code": "PB"},
        "tag": {"name": "Tag Baru", "slug": "tag-baru"},
        "page": {"title": "Halaman Baru", "slug": "halaman-baru", "body": "<p>Isi.</p>"},
        "user": {
            "username": "orang-baru",
            "password1": "Sandi-Yang-Panjang-9",
            "password2": "Sandi-Yang-Panjang-9",
        },
        "comment": {
            "article": str(Article.objects.first().pk),
            "author_name": "Palsu",
            "author_email": "palsu@example.net",
            "text": "Komentar dari admin.",
            "status": "approved",
        },
    }[model]


CHANGED_FIELD = {
    "article": "headline",
    "section": "name",
    "author": "name",
    "tag": "name",
    "user": "first_name",
    "page": "title",
    "comment": "author_name",
}


def attempt(action, model, role, newsroom, client):
    """Try the action through admin; return the response and whether it took effect."""
    base = f"/admin/{ADMIN_PATHS[model]}/"
    thing = newsroom.things[model]
    manager = MODELS[model]._default_manager
    if action == "list":
        response = client.get(base)
        return response, response.status_code == 200
    if action == "add":
        before = manager.count()
        data = superuser_form(newsroom, base + "add/") | new_values(model, role)
        response = client.post(base + "add/", data)
        return response, manager.count() == before + 1
    if action == "change":
        url = f"{base}{thing.pk}/change/"
        data = superuser_form(newsroom, url) | {CHANGED_FIELD[model]: "Diubah"}
        response = client.post(url, data)
        return response, getattr(manager.get(pk=thing.pk), CHANGED_FIELD[model]) == "Diubah"
    response = client.post(f"{base}{thing.pk}/delete/", {"post": "yes"})
    return response, not manager.filter(pk=thing.pk).exists()


@pytest.mark.parametrize("action", ["list", "add", "change", "delete"])
@pytest.mark.parametrize("model", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_does_only_its_own_part_in_admin(role, model, action, newsroom, client):
    allowed = action in ALLOWED[model].get(role, set())
    response, took_effect = attempt(action, model, role, newsroom, client_for(role, newsroom, client))

    if allowed:
        expected_status = 200 if action == "list" else 302
        assert (response.status_code, took_effect) == (expected_status, True), response.content[:2000]
    elif role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        assert not took_effect
    else:
        assert response.status_code in {403, 404}
        assert not took_effect


def test_reporter_edits_and_deletes_their_own_draft(client, reporter):
    own = make_article(status=Article.Status.DRAFT, authors=[reporter.author_profile], headline="Draf saya")
    client.force_login(reporter)
    url = f"/admin/articles/article/{own.pk}/change/"

    response = client.post(url, admin_form_data(client.get(url)) | {"headline": "Draf saya, diperbaiki"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.headline == "Draf saya, diperbaiki"

    assert client.post(f"/admin/articles/article/{own.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=own.pk).exists()


def test_reporter_who_forges_published_status_gets_a_form_error(client, reporter):
    own = make_article(status=Article.Status.DRAFT, authors=[reporter.author_profile])
    client.force_login(reporter)
    url = f"/admin/articles/article/{own.pk}/change/"
    form = admin_form_data(client.get(url))
    assert "published" not in client.get(url).content.decode().split('name="status"')[1].split("</select>")[0]

    response = client.post(url, form | {"status": "published"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"] == [
        "Hanya redaktur yang dapat menerbitkan atau membatalkan terbitan artikel; pilih “Ditinjau” untuk "
        "mengajukannya."
    ]
    own.refresh_from_db()
    assert own.status == Article.Status.DRAFT


def test_reporter_cannot_feature_or_schedule_even_with_a_forged_post(client, reporter):
    own = make_article(status=Article.Status.DRAFT, authors=[reporter.author_profile])
    publish_at = own.publish_at
    client.force_login(reporter)
    url = f"/admin/articles/article/{own.pk}/change/"
    form = admin_form_data(client.get(url))
    assert "is_featured" not in form and "publish_at_0" not in form

    forged = form | {"is_featured": "on", "publish_at_0": "01-01-2030", "publish_at_1": "08.00.00"}
    assert client.post(url, forged).status_code == 302

    own.refresh_from_db()
    assert (own.is_featured, own.publish_at) == (False, publish_at)


def test_reporter_submits_a_new_article_for_review_and_becomes_its_author(client, reporter):
    section = make_section()
    client.force_login(reporter)
    form = admin_form_data(client.get("/admin/articles/article/add/"))
    response = client.post(
        "/admin/articles/article/add/",
        form
        | {
            "headline": "Jalan berlubang",
            "slug": "jalan-berlubang",
            "body": "<p>Laporan warga.</p>",
            "section": str(section.pk),
            "status": "review",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="jalan-berlubang")
    assert article.status == Article.Status.IN_REVIEW
    assert list(article.authors.all()) == [reporter.author_profile]


def test_reporter_without_an_author_profile_is_told_to_ask_an_editor(client):
    reporter = make_user(groups=["Reporters"])
    client.force_login(reporter)
    form = admin_form_data(client.get("/admin/articles/article/add/"))
    data = form | {"headline": "X", "slug": "x", "body": "<p>X</p>", "section": str(make_section().pk)}
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Akun Anda belum terhubung dengan penulis: minta redaktur menghubungkannya, lalu simpan lagi."
    ]
    assert not Article.objects.exists()


def test_reporter_sees_only_their_own_unpublished_articles(client, reporter):
    mine = make_article(
        status=Article.Status.IN_REVIEW, authors=[reporter.author_profile], headline="Punyaku"
    )
    make_article(status=Article.Status.PUBLISHED, authors=[reporter.author_profile], headline="Sudah terbit")
    make_article(status=Article.Status.DRAFT, headline="Punya orang lain")
    client.force_login(reporter)

    listed = list(client.get("/admin/articles/article/").context["cl"].result_list)

    assert listed == [mine]


def test_reporter_cannot_run_the_publishing_actions(client, reporter):
    own = make_article(status=Article.Status.IN_REVIEW, authors=[reporter.author_profile])
    client.force_login(reporter)
    actions = client.get("/admin/articles/article/").context["action_form"].fields["action"].choices
    assert [name for name, _ in actions] == ["", "delete_selected"]

    for action in ["publish_selected", "feature_selected"]:
        client.post("/admin/articles/article/", {"action": action, "_selected_action": [own.pk]})

    own.refresh_from_db()
    assert (own.status, own.is_featured) == (Article.Status.IN_REVIEW, False)


def test_reporter_can_merge_no_tags_even_by_address(client, reporter):
    client.force_login(reporter)
    Tag.objects.create(name="Satu", slug="satu")
    assert client.get("/admin/taggit/tag/merge-tags/").status_code == 403
    assert client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "Gabungan"}).status_code == 403
    assert not Tag.objects.filter(name="Gabungan").exists()


def test_editor_links_no_user_accounts_to_authors(client, editor):
    author = make_author()
    client.force_login(editor)
    url = f"/admin/articles/author/{author.pk}/change/"
    form = admin_form_data(client.get(url))
    assert "user" not in form

    client.post(url, form | {"user": str(editor.pk)})
    author.refresh_from_db()
    assert author.user is None


def test_moderator_sees_no_article_editing(client, moderator):
    client.force_login(moderator)
    index = client.get("/admin/").content.decode()
    assert "/admin/articles/" not in index
    assert client.get("/admin/articles/article/").status_code == 403


def test_roles_can_be_synced_again_without_duplicates():
    sync_roles()
    sync_roles()
    assert Group.objects.filter(name__in=["Reporters", "Editors"]).count() == 2
    editors = Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    assert "publish_article" in editors
    assert not any(codename.endswith("_user") for codename in editors)


def test_roles_are_synced_from_their_table_after_every_migrate():
    editors = Group.objects.get(name="Editors")
    editors.permissions.clear()
    Group.objects.filter(name="Moderators").delete()

    call_command("migrate", verbosity=0)

    assert "publish_article" in editors.permissions.values_list("codename", flat=True)
    moderators = Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True)
    assert set(moderators) == {
        "view_comment",
        "change_comment",
        "delete_comment",
        "view_discussionsettings",
        "change_discussionsettings",
        "view_privacyrequest",
        "add_privacyrequest",
        "change_privacyrequest",
    }
    assert set(moderators) < set(editors.permissions.values_list("codename", flat=True))
