"""Small factories for the models, with readable defaults."""

import io
import itertools
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.test import TestCase
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, BodyImage, Section
from articles.publishing import recording, save_article, save_body_image
from comments.discussion import saved_settings
from pages.models import Page

_numbers = itertools.count(1)


@contextmanager
def committed():
    """Run what writes leave for after the commit (renditions) as the block ends, as a commit would.

    A test's transaction never commits; outside one (end-to-end tests) they run at once anyway.
    """
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield


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


def set_discussion(**values) -> None:
    """Change discussion settings as the admin does: the row saved, every worker reads it next."""
    rules = saved_settings()
    for field, value in values.items():
        setattr(rules, field, value)
    rules.full_clean()
    rules.save()


def make_page(**fields) -> Page:
    number = next(_numbers)
    fields.setdefault("title", f"Halaman {number}")
    fields.setdefault("slug", f"halaman-{number}")
    fields.setdefault("body", f"<p>Isi halaman {number}.</p>")
    fields.setdefault("is_published", True)
    return Page.objects.create(**fields)


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
    with committed(), recording():  # one version, with the tags and authors, as the admin keeps
        save_article(article)
        if tags:
            article.tags.add(*tags)
        if authors:
            article.authors.add(*authors)
    return article


def make_body_image(article, *, size=(1200, 800), **fields) -> BodyImage:
    """A picture uploaded for ``article``'s body, with its renditions."""
    number = next(_numbers)
    fields.setdefault("alt", f"Foto nomor {number}")
    body_image = BodyImage(article=article, **fields)
    body_image.image.save("foto.jpg", ContentFile(jpeg_bytes(size), name="foto.jpg"), save=False)
    with committed():
        save_body_image(body_image)
    return body_image


def make_comment(article, **fields):
    """A comment under ``article``, approved unless told, counted on the article as every write counts."""
    from comments.models import Comment
    from comments.services import comments_changed

    number = next(_numbers)
    fields.setdefault("author_name", f"Pembaca {number}")
    fields.setdefault("author_email", f"pembaca{number}@example.net")
    fields.setdefault("text", f"Komentar nomor {number}.")
    fields.setdefault("status", Comment.Status.APPROVED)
    comment = Comment.objects.create(article=article, **fields)
    comments_changed([article.pk])
    return comment


def comment_form_data(article, **fields) -> dict:
    """What a reader's browser sends from the "Leave a Reply" form, filled a minute ago."""
    import time

    from django.core import signing

    from comments.forms import TOKEN_SALT

    data = {
        "text": "Tulisan yang bagus, terima kasih.",
        "author_name": "Siti Aminah",
        "author_email": "siti@example.net",
        "author_url": "",
        "parent": "",
        "phone": "",
        "token": signing.dumps({"article": article.pk, "time": time.time() - 60}, salt=TOKEN_SALT),
    }
    data.update(fields)
    return data


def post_comment(client, article, **fields):
    """Send the "Leave a Reply" form of ``article`` as a reader's browser would; HTTP_* are headers."""
    headers = {name: fields.pop(name) for name in list(fields) if name.startswith("HTTP_")}
    return client.post(f"/komentar/{article.pk}/", comment_form_data(article, **fields), **headers)


def make_user(*, groups=(), author=False, password=None, **fields) -> User:
    """A member of the newsroom (staff) in the named groups, with an author profile if asked.

    Without a password the account can only be logged in by tests (``client.force_login``).
    """
    number = next(_numbers)
    fields.setdefault("username", f"pengguna{number}")
    fields.setdefault("is_staff", True)
    user = User.objects.create_user(password=password, **fields)
    user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in groups))
    if author:
        make_author(user=user, name=f"Wartawan {number}", byline_code=f"W{number}")
    return user
