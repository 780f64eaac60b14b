"""The site's own pages (Redaksi, Pedoman Media Siber...): in the footer, the sitemap, both languages."""

import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Section
from pages.models import Page

from .admin_forms import admin_form_data
from .factories import make_page
from .pages import page

pytestmark = pytest.mark.django_db


def footer(html: str) -> list[str]:
    """The links of the footer menu, as ``text -> address``."""
    menu = html.split('class="site-footer"')[1]
    return [f"{text} -> {href}" for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', menu)]


def test_a_published_page_is_read_in_both_languages_and_has_no_comments(client):
    make_page(title="Redaksi", slug="redaksi", body="<p>Pemimpin Redaksi: Maya Rahmawati</p>")

    # The page is written in Indonesian: under /en/ it says so, for screen readers.
    for address, language, headline in [
        ("/halaman/redaksi/", "id", '<h1 class="article__headline">Redaksi</h1>'),
        ("/en/halaman/redaksi/", "en", '<h1 class="article__headline" lang="id">Redaksi</h1>'),
    ]:
        html = page(client, address)
        assert f'<html lang="{language}">' in html
        assert headline in html
        assert "Pemimpin Redaksi: Maya Rahmawati" in html
        assert "comment" not in html.split('id="main"')[1].split("site-footer")[0].lower()
    assert "Langsung ke isi" in page(client, "/halaman/redaksi/")
    assert "Skip to content" in page(client, "/en/halaman/redaksi/")


def test_an_unpublished_or_unknown_page_is_not_found(client):
    make_page(slug="kontak", is_published=False)

    page(client, "/halaman/kontak/", status=404)
    page(client, "/halaman/tidak-ada/", status=404)


def test_the_footer_lists_the_published_pages_in_their_order(client):
    make_page(title="Kontak", slug="kontak", order=2)
    make_page(title="Redaksi", slug="redaksi", order=1)
    make_page(title="Draf", slug="draf", order=0, is_published=False)

    assert footer(page(client, "/"))[:2] == ["Redaksi -> /halaman/redaksi/", "Kontak -> /halaman/kontak/"]
    assert footer(page(client, "/en/"))[:2] == [
        "Redaksi -> /en/halaman/redaksi/",
        "Kontak -> /en/halaman/kontak/",
    ]
    assert "Draf" not in page(client, "/")


def test_published_pages_are_in_the_sitemap(client):
    make_page(slug="redaksi")
    make_page(slug="draf", is_published=False)

    assert "/sitemap-pages.xml" in page(client, "/sitemap.xml")
    sitemap = page(client, "/sitemap-pages.xml")
    assert "http://testserver/halaman/redaksi/</loc>" in sitemap
    assert "draf" not in sitemap


def test_a_page_body_is_cleaned_like_an_article_body():
    written = make_page(
        body='<p onclick="x()">Alamat <script>alert(1)</script><img src="https://tracker.example/a.gif"></p>'
    )

    assert Page.objects.get(pk=written.pk).body == "<p>Alamat </p>"


def test_an_editor_changes_a_page_and_the_next_reader_sees_it(client, editor_client):
    redaksi = make_page(title="Redaksi", slug="redaksi", body="<p>Pemimpin Redaksi: Maya</p>")
    reader = Client()
    assert "Pemimpin Redaksi: Maya" in page(reader, "/halaman/redaksi/")
    assert "Redaksi" in footer(page(reader, "/"))[0]

    url = f"/admin/pages/page/{redaksi.pk}/change/"
    form = admin_form_data(editor_client.get(url))
    response = editor_client.post(
        url, form | {"title": "Susunan Redaksi", "body": "<p>Pemimpin Redaksi: Rina</p>"}
    )
    assert response.status_code == 302

    assert "Pemimpin Redaksi: Rina" in page(reader, "/halaman/redaksi/")
    assert footer(page(reader, "/"))[0] == "Susunan Redaksi -> /halaman/redaksi/"


def test_an_empty_body_gets_a_form_error(editor_client):
    form = admin_form_data(editor_client.get("/admin/pages/page/add/"))
    response = editor_client.post(
        "/admin/pages/page/add/",
        form | {"title": "Kontak", "slug": "kontak", "body": "<p><script>x</script></p>"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body"] == ["Bidang ini tidak boleh kosong."]
    assert not Page.objects.exists()


def test_the_demo_ships_the_five_pages_once(client):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())

    assert list(Page.objects.published().values_list("title", flat=True)) == [
        "Redaksi",
        "Pedoman Media Siber",
        "Tentang Kami",
        "Kontak",
        "Kebijakan Privasi",
    ]
    for demo_page in Page.objects.all():
        assert demo_page.title in page(client, demo_page.get_absolute_url())


def test_the_newsroom_list_of_pages_runs_the_same_queries_however_many_pages(editor_client):
    make_page()
    editor_client.get("/admin/pages/page/")
    with CaptureQueriesContext(connection) as with_one:
        assert editor_client.get("/admin/pages/page/").status_code == 200
    for _ in range(20):
        make_page()
    with CaptureQueriesContext(connection) as with_many:
        assert editor_client.get("/admin/pages/page/").status_code == 200
    assert len(with_many.captured_queries) <= len(with_one.captured_queries)


def test_no_section_can_take_the_pages_address():
    with pytest.raises(ValidationError) as refused:
        Section(name="Halaman", slug="halaman").full_clean()
    assert "slug" in refused.value.message_dict
