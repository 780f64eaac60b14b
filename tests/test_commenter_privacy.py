"""A commenter's email never leaves the moderators' screens; their data can be purged, exported and erased."""

import hashlib
import json
import re
from collections import deque
from datetime import timedelta
from io import StringIO
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments.models import Comment

from .factories import (
    comment_form_data,
    make_article,
    make_author,
    make_comment,
    make_section,
    set_discussion,
)

pytestmark = pytest.mark.django_db
EMAIL = "unik.sekali.4821@pembaca.example"
LINK = re.compile(r'(?:href|src)="([^"]+)"')
# Pages that crawling from the front page might not reach, and that must not leak either.
EXTRA_PATHS = [
    "/robots.txt",
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/feed/",
    "/feed/atom/",
    "/cari/?q=Komentar",
    "/en/",
]


def crawl(client, start_paths, limit=400):
    """Every same-site page reachable from the start paths: {path: (status, headers and body)}."""
    seen, queue, pages = set(), deque(start_paths), {}
    while queue and len(pages) < limit:
        path = urldefrag(queue.popleft())[0]
        if path in seen or path.startswith(("/admin", "/static", "/media")):
            continue
        seen.add(path)
        response = client.get(path)
        text = response.content.decode(errors="replace")
        pages[path] = (response.status_code, str(response.headers) + text)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
        for link in LINK.findall(text) + re.findall(r"<loc>([^<]+)</loc>", text):
            url = urlsplit(urljoin("http://testserver" + path, link.replace("&amp;", "&")))
            if url.netloc == "testserver":
                queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return pages


def test_email_never_appears_on_any_public_page_feed_or_sitemap(client):
    section = make_section(name="Nasional", slug="nasional")
    article = make_article(section=section, tags=["Banjir"], authors=[make_author()])
    make_article(section=section)
    client.post(
        f"/komentar/{article.pk}/",
        comment_form_data(article, author_email=EMAIL, author_name="Pembaca Unik", text="Komentar rahasia."),
    )
    Comment.objects.update(status=Comment.Status.APPROVED)

    forms = [EMAIL, EMAIL.upper(), EMAIL.replace("@", "%40")]
    digests = [hashlib.md5(EMAIL.encode()).hexdigest(), hashlib.sha256(EMAIL.encode()).hexdigest()]  # noqa: S324
    pages = crawl(Client(), ["/", *EXTRA_PATHS])

    assert any("Komentar rahasia." in body for _, body in pages.values()), "the comment should be public"
    crawled = set(pages)
    assert {"/sitemap.xml", "/sitemap-news.xml", "/feed/", "/tag/banjir/feed/"} <= crawled
    assert any(path.startswith("/sitemap-") and path != "/sitemap-news.xml" for path in crawled)
    assert len(pages) > 20
    for path, (status, body) in pages.items():
        assert status < 500, path
        for secret in forms + digests:
            assert secret.lower() not in body.lower(), f"{secret} on {path}"


def test_purge_clears_ip_and_browser_of_old_comments_only(settings):
    set_discussion(ip_retention_days=30)
    article = make_article()
    old = make_comment(
        article,
        ip_address="198.51.100.1",
        user_agent="Firefox",
        submitted_at=timezone.now() - timedelta(days=31),
    )
    recent = make_comment(article, ip_address="198.51.100.2", user_agent="Chrome")
    out = StringIO()
    call_command("purge_comment_ips", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("198.51.100.2", "Chrome")
    assert "1 comments" in out.getvalue()


def test_export_prints_a_persons_comments_as_json():
    article = make_article(headline="Pemilu damai")
    make_comment(article, author_email="Sari@Example.net", text="Satu", ip_address="192.0.2.1")
    make_comment(article, author_email="sari@example.net", text="Dua")
    make_comment(article, author_email="orang.lain@example.net", text="Bukan milik Sari")
    out = StringIO()
    call_command("export_commenter_data", "sari@example.net", stdout=out)
    data = json.loads(out.getvalue())
    assert sorted(item["text"] for item in data) == ["Dua", "Satu"]
    assert data[0]["article"] == "Pemilu damai"
    assert {"email", "ip_address", "user_agent", "submitted_at", "status"} <= data[0].keys()


@pytest.mark.parametrize("remove_text", [False, True])
def test_erase_anonymises_a_persons_comments(client, remove_text):
    article = make_article()
    mine = [
        make_comment(
            article,
            author_email="hapus@example.net",
            author_name="Hapus Saya",
            author_url="https://saya.example",
            ip_address="192.0.2.5",
            text=f"Teks saya {n}",
        )
        for n in range(2)
    ]
    other = make_comment(article, author_email="tetap@example.net", text="Teks orang lain")
    arguments = ["hapus@example.net"] + (["--remove-text"] if remove_text else [])
    call_command("erase_commenter_data", *arguments, stdout=StringIO())

    for comment in mine:
        comment.refresh_from_db()
        assert (comment.author_name, comment.author_email, comment.author_url) == ("Anonim", "", "")
        assert (comment.ip_address, comment.user_agent) == (None, "")
        assert (comment.text == "") is remove_text
    other.refresh_from_db()
    assert other.author_email == "tetap@example.net"
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Hapus Saya" not in html and "saya.example" not in html
    assert ("Teks saya 0" in html) is not remove_text
