"""A small site with every kind of reader's page on it, for the checkers (vnu, axe) to read."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Correction
from articles.publishing import save_article

from .factories import (
    committed,
    jpeg_bytes,
    make_article,
    make_author,
    make_body_image,
    make_comment,
    make_page,
    make_section,
)


@dataclass
class ReaderSite:
    article: object
    pages: dict[str, str]  # a page type and its address, in Indonesian


def build_reader_site() -> ReaderSite:
    """Three sections, an article with everything an article can have and comments under it."""
    now = timezone.now()
    economy = make_section(name="Ekonomi", slug="ekonomi", description="Harga, pasar dan pekerjaan.")
    sections = [economy, make_section(name="Metro", slug="metro"), make_section(name="Olahraga")]
    author = make_author(name="Maya Rahmawati Siregar", slug="maya", bio="Wartawan ekonomi di Jakarta.")
    for number, section in enumerate(sections * 3):
        make_article(
            headline=f"Harga cabai naik lagi di pasar nomor {number}",
            section=section,
            image=number % 2 == 0,
            authors=[author],
            tags=["Pangan"],
            dek="Pedagang menyebut pasokan dari Jawa Tengah berkurang.",
            publish_at=now - timedelta(days=number + 1),
        )
    article = make_article(
        headline="Rob merendam pesisir utara Jakarta",
        dek="Air laut pasang menggenangi permukiman di Muara Angke.",
        section=economy,
        authors=[author],
        tags=["Pangan", "Banjir"],
        byline_code="MRS L44",
        is_featured=True,
        publish_at=now - timedelta(hours=2),
    )
    article.lead_image.save("rob.jpg", ContentFile(jpeg_bytes((1600, 2400)), name="rob.jpg"), save=False)
    article.lead_image_alt = "Warga menyeberangi genangan rob"
    article.lead_image_caption = "Genangan rob di Muara Angke"
    article.lead_image_credit = "Dok. Redaksi"
    picture = make_body_image(article, caption="Peta genangan rob", credit="BPBD DKI")
    article.body = (
        "<p>Air laut pasang sejak pagi.</p><h2>Warga mengungsi</h2>"
        f'<figure><img src="{picture.image.url}" alt="Peta">'
        "<figcaption>Peta genangan rob</figcaption></figure>"
        "<ul><li>Muara Angke</li><li>Pluit</li></ul><blockquote><p>Kami sudah biasa.</p></blockquote>"
    )
    with committed():
        save_article(article)
    Correction.objects.create(article=article, text="Nama kelurahan diperbaiki.")
    first = make_comment(
        article, author_name="Budi", author_url="https://budi.example", text="Semoga cepat surut."
    )
    make_comment(article, author_name="Ani", parent=first, text="Amin.\n\nDi Pluit juga.")
    make_comment(article, author_name="Rahmat", text="Tanggulnya kapan selesai?")
    day = timezone.localtime(article.publish_at)
    pages = {
        "home": reverse("articles:home"),
        "article": article.get_absolute_url(),
        "section": economy.get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": "pangan"}),
        "author": author.get_absolute_url(),
        "search": reverse("articles:search") + "?q=cabai",
        "search-form": reverse("articles:search"),
        "archive": reverse("articles:archive"),
        "archive-month": reverse("articles:archive-month", kwargs={"year": day.year, "month": day.month}),
        "archive-day": article.get_archive_url(),
        "page": make_page(
            title="Redaksi", body="<p>Pemimpin redaksi: Maya Rahmawati Siregar.</p>"
        ).get_absolute_url(),
        "404": "/halaman-yang-tidak-ada/",
    }
    return ReaderSite(article=article, pages=pages)


def in_english(url: str) -> str:
    """The address of the same page in the English interface."""
    return "/en" + url
