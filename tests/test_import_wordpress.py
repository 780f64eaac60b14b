"""import_wordpress on an export WordPress itself wrote (tests/wordpress/export.xml, made by
tests/wordpress/make_export.sh with export_wp()) and on small hand-made ones for the edge cases."""

import re
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import publishing
from articles.models import Article, Author, BodyImage, Section
from comments.models import Comment
from newsportal.roles import REPORTERS_GROUP
from pages.models import Page
from wordpress.management.commands.import_wordpress import ProgressBar
from wordpress.models import Redirect

from .factories import committed, make_article

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parent / "wordpress"
EXPORT = HERE / "export.xml"
UPLOADS = HERE / "uploads"


def run(path, *options) -> str:
    out = StringIO()
    with committed():
        call_command("import_wordpress", str(path), *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def imported():
    return run(EXPORT, "--media-dir", str(UPLOADS))


def article(slug) -> Article:
    return Article.objects.get(slug=slug)


# The real export ---------------------------------------------------------------------------------


def test_posts_keep_their_status_date_slug_and_flags(imported):
    timnas = article("timnas-menang-tipis")
    assert timnas.is_published
    assert timnas.publish_at == datetime(2021, 11, 23, 2, 15, tzinfo=UTC)  # post_date_gmt
    assert timnas.is_featured  # sticky
    assert timnas.allow_comments
    assert not article("catatan-redaksi").allow_comments  # comment_status closed
    assert article("laporan-akhir-tahun").is_scheduled  # future
    assert article("rancangan-liputan").status == Article.Status.DRAFT
    assert article("menunggu-suntingan").status == Article.Status.IN_REVIEW  # pending
    # Pending has zeros as its GMT date: post_date in the site's time zone (Asia/Jakarta).
    assert article("menunggu-suntingan").publish_at == datetime(2021, 11, 24, 0, 0, tzinfo=UTC)
    assert article("rapat-internal").status == Article.Status.DRAFT  # private
    assert article("untuk-pelanggan").status == Article.Status.DRAFT  # password-protected
    assert "private in WordPress, imported as a draft" in imported
    assert "password-protected in WordPress, imported as a draft" in imported


def test_pages_become_the_sites_pages_at_their_old_addresses(imported, client):
    about = Page.objects.get(slug="tentang-kami")
    assert about.title == "Tentang Kami"
    assert about.is_published
    assert about.body == "<p>Koran Contoh terbit sejak 1998.</p>"
    assert not Page.objects.get(slug="privacy-policy").is_published  # a draft
    assert "pages created: 3" in imported
    assert not Article.objects.filter(slug__in=["tentang-kami", "sample-page"]).exists()
    response = client.get("/halaman/tentang-kami/")
    assert response.status_code == 200
    assert "Koran Contoh terbit sejak 1998." in response.content.decode()
    for old in ("/tentang-kami/", "/?page_id=13"):
        response = client.get(old)
        assert (response.status_code, response.get("Location")) == (301, "/halaman/tentang-kami/"), old
    # A draft has no address yet: its old one is the home page, as for an ID WordPress never had.
    assert client.get("/?page_id=3").status_code == 200


def test_categories_become_sections_and_uncategorized_the_default_one(imported):
    politik = Section.objects.get(slug="politik")
    assert politik.description == "Partai, parlemen dan pemilu."
    assert article("dpr-sahkan-ruu-anggaran").section == politik  # a child category is its own section
    assert article("catatan-redaksi").section.name == "Berita"  # Uncategorized -> --default-section
    assert not Section.objects.filter(slug="uncategorized").exists()


def test_authors_tags_and_byline_codes(imported):
    timnas = article("timnas-menang-tipis")
    assert [author.name for author in timnas.authors.all()] == ["M. Rizky Syahputra"]
    assert Author.objects.get(slug="rizky").byline_code == "MRS"
    assert sorted((tag.name, tag.slug) for tag in timnas.tags.all()) == [
        ("Sepak Bola", "sepak-bola"),
        ("Timnas", "timnas"),
    ]
    # Gutenberg: the code as a paragraph of its own; classic: as the last line.
    assert timnas.byline_code == "MRS L44"
    assert "MRS L44" not in timnas.body
    classic = article("dpr-sahkan-ruu-anggaran")
    assert classic.byline_code == "DL"
    assert "(DL)" not in classic.body


def test_staff_accounts_only_when_asked_and_never_with_a_usable_password():
    run(EXPORT)
    assert not Author.objects.filter(user__isnull=False).exists()
    run(EXPORT, "--staff-accounts")
    rizky = Author.objects.get(slug="rizky").user
    assert (rizky.username, rizky.email, rizky.first_name) == ("rizky", "rizky@koran.example", "Rizky")
    assert rizky.is_staff and not rizky.has_usable_password()
    assert list(rizky.groups.values_list("name", flat=True)) == [REPORTERS_GROUP]


def test_bodies_lose_block_markup_and_get_paragraphs_and_figures(imported):
    timnas = article("timnas-menang-tipis")
    assert "wp:" not in timnas.body
    assert "<h2>Babak kedua</h2>" in timnas.body
    classic = article("dpr-sahkan-ruu-anggaran")
    assert classic.body.startswith("<p>Rapat paripurna berlangsung hingga malam.<br> Semua fraksi hadir.</p>")
    assert "<figcaption>Gedung parlemen pada malam hari</figcaption></figure>" in classic.body
    assert "[caption" not in classic.body and "[gallery" not in classic.body
    assert "shortcode [gallery] left out" in imported


def test_pictures_come_from_the_media_dir_with_renditions(imported, media_root):
    timnas = article("timnas-menang-tipis")
    assert timnas.lead_image and timnas.lead_image_alt == "Tribun stadion yang kosong"
    assert (timnas.lead_image_width, timnas.lead_image_height) == (640, 427)
    body_image = BodyImage.objects.get(article=timnas)
    # The body names the imported picture, not the old site's resized copy.
    assert f'src="{body_image.image.url}"' in timnas.body
    assert "koran.example" not in timnas.body
    assert (media_root / body_image.image.name.replace(".jpg", "-480w.webp")).exists()


def test_imported_article_reads_as_if_written_here(imported, client):
    timnas = article("timnas-menang-tipis")
    response = client.get(timnas.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Gol tunggal lahir pada menit ke-78." in page
    assert "(MRS L44)" in page
    assert "srcset" in page
    assert "Terima kasih, Sari." in page  # a reply two levels down
    assert "Menunggu moderasi." not in page  # pending
    assert "ulasan laga perdana" not in page  # a pingback
    assert "pembaca.example" not in page  # commenters' emails


def test_comments_keep_threads_statuses_and_wait_in_the_queue(imported):
    timnas = article("timnas-menang-tipis")
    comments = {comment.text: comment for comment in Comment.objects.filter(article=timnas)}
    assert comments["Terima kasih, Sari."].depth == 3
    assert comments["Terima kasih, Sari."].parent.author_name == "Sari"
    assert comments["Menunggu moderasi."].status == Comment.Status.PENDING
    assert timnas.approved_comment_count == 3 and timnas.pending_comment_count == 1
    # Older than COMMENTS_IP_RETENTION_DAYS: imported without the IP.
    assert comments["Mantap!\n\nSemoga menang lagi."].ip_address is None
    assert "pingbacks: 1" in imported
    budi = comments["Mantap!\n\nSemoga menang lagi."]
    assert (budi.author_name, budi.author_email, budi.author_url) == (
        "Budi",
        "budi@pembaca.example",
        "https://budi.example",
    )
    assert budi.submitted_at == datetime(2021, 11, 23, 3, 0, tzinfo=UTC)
    # Kept as WordPress kept it, shown by the comment display's rules (escaped).
    sari = comments["Setuju, <em>luar biasa</em>."]
    assert sari.text_html == "<p>Setuju, &lt;em&gt;luar biasa&lt;/em&gt;.</p>"


def test_the_old_addresses_are_listed_in_the_admin(imported, client):
    client.force_login(User.objects.create_superuser("kepala", "kepala@koran.example", None))
    response = client.get("/admin/wordpress/redirect/?q=timnas")
    assert response.status_code == 200
    assert "/2021/11/23/timnas-menang-tipis/" in response.content.decode()


def test_old_addresses_answer_301_in_one_query(imported, client):
    timnas = article("timnas-menang-tipis").get_absolute_url()
    for old, new in [
        ("/2021/11/23/timnas-menang-tipis/", timnas),
        ("/2021/11/23/timnas-menang-tipis", timnas),
        ("/2021/11/timnas-menang-tipis/", timnas),
        ("/timnas-menang-tipis/", timnas),
        ("/?p=5", timnas),
        ("/category/berita/politik/", "/politik/"),
        ("/category/olahraga/feed/", "/olahraga/feed/"),
        ("/category/uncategorized/", "/berita/"),
        ("/?cat=4", "/olahraga/"),
        ("/author/rizky/", "/penulis/rizky/"),
    ]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(old)
        assert (response.status_code, response.get("Location")) == (301, new), old
        redirect_queries = [query for query in queries if "wordpress_redirect" in query["sql"]]
        assert len(redirect_queries) == 1, old
    assert client.get("/2021/11/23/no-such-post/").status_code == 404
    assert client.get("/?p=99999").status_code == 200  # the home page, as before


def test_other_pages_never_ask_for_redirects(imported, client):
    for url in ["/", article("timnas-menang-tipis").get_absolute_url(), "/politik/", "/?page=1"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [query for query in queries if "wordpress_redirect" in query["sql"]], url


def everything() -> dict:
    """What the portal holds, for comparing before and after a run."""
    return {
        "articles": list(Article.objects.values_list("pk", "updated_at", "body").order_by("pk")),
        "comments": list(Comment.objects.values_list("pk", "status", "parent").order_by("pk")),
        "pictures": BodyImage.objects.count(),
        "redirects": Redirect.objects.count(),
        "sections": Section.objects.count(),
        "authors": Author.objects.count(),
        "pages": list(Page.objects.values_list("pk", "updated_at", "body").order_by("pk")),
    }


def test_a_second_run_changes_nothing(imported):
    before = everything()
    output = run(EXPORT, "--media-dir", str(UPLOADS))
    assert everything() == before
    assert "posts unchanged: 9" in output
    assert "pages unchanged: 3" in output


def test_a_newer_export_updates_what_changed_and_keeps_newsroom_edits(imported, tmp_path):
    edited = article("catatan-redaksi")
    edited.headline = "Catatan Redaksi yang Disunting"
    with committed():
        publishing.save_article(edited)
    text = EXPORT.read_text(encoding="utf-8")
    text = text.replace("Terima kasih kepada pembaca setia.", "Terima kasih, pembaca.")
    text = text.replace("Gol tunggal lahir pada menit ke-78.", "Gol tunggal lahir pada menit ke-80.")
    newer = tmp_path / "newer.xml"
    newer.write_text(text, encoding="utf-8")
    output = run(newer, "--media-dir", str(UPLOADS))
    assert "posts updated: 1" in output
    assert "posts kept (changed in the newsroom since the last import): 1" in output
    assert "menit ke-80" in article("timnas-menang-tipis").body
    assert BodyImage.objects.filter(article__slug="timnas-menang-tipis").count() == 1
    assert article("catatan-redaksi").headline == "Catatan Redaksi yang Disunting"


def test_dry_run_reports_and_writes_nothing(media_root):
    files_before = sorted(media_root.rglob("*"))
    output = run(EXPORT, "--media-dir", str(UPLOADS), "--dry-run")
    assert "Dry run, nothing written" in output
    assert "posts created: 9" in output
    assert not Article.objects.exists() and not Redirect.objects.exists() and not Author.objects.exists()
    assert sorted(media_root.rglob("*")) == files_before


def test_missing_pictures_are_reported_and_the_article_imported(tmp_path):
    output = run(EXPORT, "--media-dir", str(tmp_path))
    assert "picture 2021/11/stadion.jpg: not in --media-dir; imported without it" in output
    assert not article("timnas-menang-tipis").lead_image
    assert "<img" not in article("timnas-menang-tipis").body


def test_a_broken_post_is_reported_and_the_rest_lands(monkeypatch):
    real_save = publishing.save_article

    def failing_save(article, **kwargs):
        if article.headline == "Catatan Redaksi":
            raise ValueError("the disk is full")
        real_save(article, **kwargs)

    monkeypatch.setattr(publishing, "save_article", failing_save)
    output = run(EXPORT, "--media-dir", str(UPLOADS))
    assert "post 7 “Catatan Redaksi”: the disk is full" in output
    assert not Article.objects.filter(slug="catatan-redaksi").exists()
    assert Article.objects.count() == 8


def test_a_fresh_reader_sees_the_imported_articles(client):
    assert client.get("/").status_code == 200  # now in the page cache
    run(EXPORT, "--media-dir", str(UPLOADS))
    assert "Timnas Menang Tipis di Laga Perdana" in client.get("/").content.decode()


# Hand-made exports ---------------------------------------------------------------------------------


def wxr(items: str, version="1.2", channel="") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/{version}/">
<channel><title>Uji</title><link>https://uji.example</link>
<wp:wxr_version>{version}</wp:wxr_version><wp:base_site_url>https://uji.example</wp:base_site_url>
{channel}{items}</channel></rss>"""


def post(
    post_id, content="<p>Isi.</p>", comments="", status="publish", slug=None, date="2021-05-01 10:00:00"
):
    return f"""<item><title>Berita {post_id}</title><link>https://uji.example/?p={post_id}</link>
<dc:creator>uji</dc:creator><guid isPermaLink="false">https://uji.example/?p={post_id}</guid>
<content:encoded><![CDATA[{content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date>{date}</wp:post_date>
<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt><wp:comment_status>open</wp:comment_status>
<wp:post_name>{slug or f"berita-{post_id}"}</wp:post_name><wp:status>{status}</wp:status>
<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>
{comments}</item>"""


def comment(comment_id, parent=0, approved="1", date="2021-05-01 11:00:00", ip="203.0.113.9"):
    return f"""<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>
<wp:comment_author>Pembaca {comment_id}</wp:comment_author>
<wp:comment_author_email>p{comment_id}@pembaca.example</wp:comment_author_email>
<wp:comment_author_IP>{ip}</wp:comment_author_IP><wp:comment_date>{date}</wp:comment_date>
<wp:comment_date_gmt>{date}</wp:comment_date_gmt>
<wp:comment_content>Komentar {comment_id}</wp:comment_content>
<wp:comment_approved>{approved}</wp:comment_approved>
<wp:comment_type>comment</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"""


def write(tmp_path, text, name="export.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_wxr_1_1_imports_and_posts_land_in_the_default_section(tmp_path):
    run(write(tmp_path, wxr(post(1), version="1.1")), "--default-section", "Umum")
    assert article("berita-1").section.name == "Umum"
    assert article("berita-1").publish_at == datetime(2021, 5, 1, 3, 0, tzinfo=UTC)


def test_replies_deeper_than_the_portal_allows_hang_under_the_deepest_allowed(tmp_path, settings):
    settings.COMMENTS_MAX_DEPTH = 2
    thread = comment(1) + comment(2, parent=1) + comment(3, parent=2) + comment(4, parent=3)
    run(write(tmp_path, wxr(post(1, comments=thread))))
    depths = dict(Comment.objects.values_list("text", "depth"))
    assert depths == {"Komentar 1": 1, "Komentar 2": 2, "Komentar 3": 2, "Komentar 4": 2}
    assert Comment.objects.get(text="Komentar 4").parent.text == "Komentar 1"


def test_comment_statuses_and_ip_retention(tmp_path):
    recent = (timezone.now() - timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S")
    comments = (
        comment(1, approved="0", date=recent)
        + comment(2, approved="spam")
        + comment(3, approved="trash")
        + comment(4, approved="1", ip="not an address", date=recent)
    )
    run(write(tmp_path, wxr(post(1, comments=comments))))
    found = {c.text: (c.status, c.ip_address) for c in Comment.objects.all()}
    assert found == {
        "Komentar 1": (Comment.Status.PENDING, "203.0.113.9"),
        "Komentar 2": (Comment.Status.SPAM, None),
        "Komentar 3": (Comment.Status.TRASH, None),
        "Komentar 4": (Comment.Status.APPROVED, None),
    }


def test_byline_code_at_the_end_of_the_last_paragraph(tmp_path):
    run(write(tmp_path, wxr(post(1, content="Satu.\n\nDua kalimat terakhir. (ABC D12)"))))
    imported = article("berita-1")
    assert imported.byline_code == "ABC D12"
    assert imported.body == "<p>Satu.</p><p>Dua kalimat terakhir.</p>"


def test_a_picture_that_fails_the_upload_checks_is_reported(tmp_path):
    media = tmp_path / "uploads"
    (media / "2021/05").mkdir(parents=True)
    (media / "2021/05/palsu.jpg").write_text("not a picture")
    body = '<img src="https://uji.example/wp-content/uploads/2021/05/palsu.jpg" alt="x">\n\nIsi.'
    output = run(write(tmp_path, wxr(post(1, content=body))), "--media-dir", str(media))
    # The upload check's own message, in the portal's language.
    assert "picture 2021/05/palsu.jpg: Unggah gambar JPEG, PNG, atau WebP." in output
    assert article("berita-1").body == "<p>Isi.</p>"


def test_a_path_outside_the_media_dir_is_not_read(tmp_path):
    media = tmp_path / "uploads"
    media.mkdir()
    body = '<img src="https://uji.example/wp-content/uploads/../../secret.jpg" alt="x">'
    output = run(write(tmp_path, wxr(post(1, content=body))), "--media-dir", str(media))
    assert "not in --media-dir" in output


def test_a_slug_taken_by_a_portal_article_gets_another(tmp_path):
    make_article(slug="berita-1")
    run(write(tmp_path, wxr(post(1))))
    assert Article.objects.filter(slug="berita-1-2").exists()


BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss><channel><title>&b;</title></channel></rss>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&secret;</title></channel></rss>"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("this is not XML", "not a complete XML file"),
        ("<html><body>Hello</body></html>", "not a WordPress export: the file is <html>, not <rss>"),
        ("<rss><channel><item><title>x</title></item></channel></rss>", "no <wp:wxr_version>"),
        (wxr(post(1), version="9.9"), "not a WordPress export"),
        (wxr(post(1) + post(2))[:-300], "not a complete XML file"),
        (BOMB, "refused: the file declares XML entities"),
        (EXTERNAL, "refused: the file declares XML entities"),
    ],
)
def test_bad_files_get_a_one_line_error_and_nothing_is_written(tmp_path, text, message):
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, text))
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert not Article.objects.exists() and not Author.objects.exists()


def test_options_that_name_nothing_are_refused(tmp_path):
    with pytest.raises(CommandError, match="--time-zone Mars/Olympus is not a time zone"):
        run(EXPORT, "--time-zone", "Mars/Olympus")
    with pytest.raises(CommandError, match="is not a folder"):
        run(EXPORT, "--media-dir", str(tmp_path / "nothing"))


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        run(tmp_path / "missing.xml")


def test_the_summary_counts_everything(imported):
    counts = dict(re.findall(r"^  ([^:\n]+): (\d+)$", imported, re.MULTILINE))
    assert counts["posts created"] == "9"
    assert counts["authors created"] == "3"
    assert counts["tags created"] == "4"
    assert counts["comments approved"] == "5"
    assert counts["comments pending"] == "1"
    assert counts["pictures"] == "3"
    assert int(counts["redirects"]) == Redirect.objects.count()


def test_the_progress_bar_fills_up_on_a_terminal():
    stream = StringIO()
    bar = ProgressBar(stream, width=10)
    bar(1, 4)
    bar(4, 4)
    assert stream.getvalue() == "\r[##........] 1/4 items\r[##########] 4/4 items\n"
