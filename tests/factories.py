"""Small factories for the models, with readable defaults."""

import io
import itertools
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Section

_numbers = itertools.count(1)


def make_section(**fields) -> Section:
    number = next(_numbers)
    fields.setdefault("name", f"Rubrik {number}")
    fields.setdefault("slug", f"rubrik-{number}")
    fields.setdefault("order", number)
    return Section.objects.create(**fields)


def make_author(**fields) -> Author:
    number = next(_numbers)
    fields.setdefault("name", f"Penulis {number}")
    fields.setdefault("slug", f"penulis-{number}")
    fields.setdefault("byline_code", f"P{number}")
    return Author.objects.create(**fields)


def jpeg_bytes(size=(64, 36), color="#336699") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


def make_article(*, tags=(), authors=(), image=False, **fields) -> Article:
    number = next(_numbers)
    fields.setdefault("headline", f"Berita nomor {number}")
    fields.setdefault("slug", f"berita-nomor-{number}")
    fields.setdefault("body", f"<p>Isi berita nomor {number}.</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(hours=number))
    if "section" not in fields:
        fields["section"] = make_section()
    article = Article(**fields)
    if image:
        # A named file, so that Django measures it and fills in the width and height.
        article.lead_image.save("foto.jpg", ContentFile(jpeg_bytes(), name="foto.jpg"), save=False)
        article.lead_image_alt = f"Foto berita {number}"
    article.save()
    if tags:
        article.tags.add(*tags)
    if authors:
        article.authors.add(*authors)
    return article
