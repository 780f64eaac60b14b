"""Every change to an article goes through here: saving it with what is derived from it, publishing,
unpublishing, scheduling, featuring, its pictures and corrections. The admin, the importer, the demo
loader and the commands all call these functions; nothing else writes an article row.

What readers get is made here, on write, and stored: the body cleaned to the safelist with only the
article's own pictures (``body``), and that body as the page prints it (``body_html``, one per
interface language, as the picture's credit line is translated). Renditions of pictures are made
after the transaction commits, never inside a page view.

Every save of an article keeps a version of it (articles/versions.py): one revision per article, with
who saved it; a block of ``recording()`` around a save and what follows it (its authors and tags) makes
them one version.
"""

import textwrap
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial

import reversion
from django.conf import settings
from django.db import connections, transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext

from . import body_images, images, search, versions
from .models import Article, Author, BodyImage, Correction
from .sanitizer import sanitize_html
from .signals import pages_changed

# Kept by updates of their own (articles/popularity.py, the comments app): an edit never writes them back.
COUNTERS = {"view_count", "approved_comment_count", "pending_comment_count"}


def clean_body(html: str) -> str:
    """The body cleaned to the safelist of articles/sanitizer.py: the one place a body is sanitised."""
    return sanitize_html(html)


@contextmanager
def recording(*, user=None, comment: str = "") -> Iterator[None]:
    """One revision of what is saved inside: the version of one article, taken again after each change of
    its authors or tags, saved by ``user``; ``comment`` says what was done when it is more than an edit."""
    with reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        yield


def save_article(article: Article, *, body_cleaned: bool = False) -> None:
    """Write the article and everything derived from it in one INSERT or UPDATE, keeping a version of it;
    renditions follow.

    ``body_cleaned``: the body came through ``clean_body()`` already (the newsroom's form).
    """
    if not body_cleaned:
        article.body = clean_body(article.body)
    pictures = list(BodyImage.objects.filter(article=article)) if article.pk else []
    article.body = body_images.placed(article.body, pictures)
    article.body_html = rendered_body(article.body, pictures)
    with recording():  # django-reversion adds the saved article to the revision
        if article._state.adding:
            article.save()
        else:
            edited = [
                f.name for f in Article._meta.concrete_fields if not f.primary_key and f.name not in COUNTERS
            ]
            article.save(update_fields=edited)
    transaction.on_commit(partial(make_renditions, article))


def restore_version(
    article: Article, earlier: versions.ArticleVersion, *, user, editor: Author | None
) -> None:
    """Bring back the words and tags of an earlier version as a new version, by the rules of any save: the
    article keeps its status (only those who may publish edit a published one), and a published article
    gets the publishing rule's byline code if the restored one is blank."""
    for name in versions.COMPARED:
        if name != "tags":
            setattr(article, name, earlier.fields[name])
    if article.status == Article.Status.PUBLISHED:
        publish(article, editor=editor, authors=article.authors.all())
    comment = gettext("Restored version %(number)d") % {"number": earlier.number}
    with recording(user=user, comment=comment):
        save_article(article)
        article.tags.set(earlier.tags)


def rendered_body(body: str, pictures: Iterable[BodyImage]) -> dict[str, str]:
    """The body as readers get it in each interface language: its pictures as <picture> with srcset."""
    rendered = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            rendered[language] = str(body_images.rendered(body, pictures))
    return rendered


def _rerender_body(article: Article) -> bool:
    """Write the article's stored body HTML again from its body and pictures; say if it changed."""
    body_html = rendered_body(article.body, article.body_images.all())
    if body_html == article.body_html:
        return False
    article.body_html = body_html
    Article.objects.filter(pk=article.pk).update(body_html=body_html)
    return True


def rerender_all(report: Callable[[str], None] = print) -> int:
    """Re-render the stored body HTML of every article (after a change of templates, rendition widths
    or storage); return how many changed."""
    articles = Article.objects.only("pk", "headline", "body", "body_html").prefetch_related("body_images")
    total, changed = articles.count(), 0
    for number, article in enumerate(articles.order_by("pk").iterator(chunk_size=200), start=1):
        changed += _rerender_body(article)
        report(f"[{number}/{total}] {article.headline}")
    if changed:
        pages_changed.send(sender=Article)
    return changed


def make_renditions(article: Article) -> None:
    """Write the missing renditions of the article's lead image and body pictures."""
    if article.lead_image:
        images.make_renditions(article.lead_image, article.lead_image_focus)
    for body_image in article.body_images.all():
        images.make_renditions(body_image.image)


def store_picture_sizes() -> int:
    """Store the sizes of pictures saved before sizes were stored; return how many were missing.

    Django measures a picture without a stored size as its model loads; only the sizes are written.
    """
    missing = [
        (
            Article.objects.exclude(lead_image="").filter(lead_image_width=None),
            ["lead_image_width", "lead_image_height"],
        ),
        (BodyImage.objects.filter(width=None), ["width", "height"]),
    ]
    count = 0
    for pictures, size_fields in missing:
        for picture in pictures.iterator():
            sizes = {field: getattr(picture, field) for field in size_fields}
            type(picture).objects.filter(pk=picture.pk).update(**sizes)
            count += 1
    return count


def save_body_image(body_image: BodyImage) -> None:
    """Save a picture of an article's body and write the article's body again; renditions follow."""
    body_image.save()
    save_article(body_image.article, body_cleaned=True)


def delete_body_image(body_image: BodyImage) -> None:
    """Delete a picture and take it out of its article's body."""
    article = body_image.article
    body_image.delete()
    save_article(article, body_cleaned=True)


def save_correction(correction: Correction, *, article_saved_next: bool = False) -> None:
    """Save a correction of the article's latest version; the article counts as modified (feeds, sitemaps
    and structured data say so), by a write of its own unless ``article_saved_next`` (the admin's form)."""
    if correction.version_id is None:
        correction.version = versions.latest_version(correction.article)
    correction.save()
    if not article_saved_next:
        Article.objects.filter(pk=correction.article_id).update(updated_at=timezone.now())
        pages_changed.send(sender=Article)


def suggested_byline_code(authors: Iterable[Author], editor: Author | None = None) -> str:
    """The authors' codes, then the publishing editor's, as printed at the end: “MRS L44”."""
    codes = [author.byline_code for author in authors]
    if editor is not None and editor.byline_code not in codes:
        codes.append(editor.byline_code)
    # Whole codes only, as many as the field holds.
    max_length = Article._meta.get_field("byline_code").max_length
    return textwrap.shorten(" ".join(codes), max_length, placeholder="")


def publish(
    article: Article, *, editor: Author | None, authors: Iterable[Author], time_chosen: bool = False
) -> None:
    """The publishing rule, on the article in memory: now, unless a later publish time is set (then it
    is scheduled) or ``time_chosen`` (an editor set this one); a blank byline code gets the authors'
    codes, then the editor's."""
    if article.status != Article.Status.PUBLISHED:
        if not time_chosen:
            article.publish_at = max(article.publish_at, timezone.now())
        article.status = Article.Status.PUBLISHED
    if not article.byline_code:
        article.byline_code = suggested_byline_code(authors, editor)


def publish_articles(articles: QuerySet, *, editor: Author | None, user=None) -> int:
    """Publish (or schedule) each of these articles by the publishing rule, in one bulk write."""
    articles = list(articles.prefetch_related("authors"))
    now = timezone.now()
    for article in articles:
        publish(article, editor=editor, authors=article.authors.all())
        article.updated_at = now
    Article.objects.bulk_update(articles, ["status", "publish_at", "byline_code", "updated_at"])
    _keep_versions(articles, user=user)
    pages_changed.send(sender=Article)
    return len(articles)


def unpublish_articles(articles: QuerySet, *, user=None) -> int:
    """Take the published ones of these articles back to draft."""
    return _update(articles.filter(status=Article.Status.PUBLISHED), user=user, status=Article.Status.DRAFT)


def feature_articles(articles: QuerySet, *, featured: bool, user=None) -> int:
    """Show these articles as the home page's main story, or stop."""
    return _update(articles, user=user, is_featured=featured)


def add_views(article_id: int, views: int) -> None:
    """Add a batch of counted views to the article's total (articles/popularity.py); not an edit."""
    Article.objects.filter(pk=article_id).update(view_count=F("view_count") + views)


def update_search_vectors(articles: QuerySet) -> int:
    """Recompute the stored search vectors of these articles from their columns, in SQL (PostgreSQL)."""
    if connections[articles.db].vendor != "postgresql":
        return 0
    return articles.update(search_vector=search.search_vector())


def _update(articles: QuerySet, *, user=None, **fields) -> int:
    """A bulk change of articles, which counts as an edit and keeps a version of each."""
    changed = list(articles.values_list("pk", flat=True))
    count = Article.objects.filter(pk__in=changed).update(**fields, updated_at=timezone.now())
    _keep_versions(Article.objects.filter(pk__in=changed), user=user)
    pages_changed.send(sender=Article)
    return count


def _keep_versions(articles: Iterable[Article], *, user) -> None:
    """A version of each of these articles changed in bulk, each in a revision of its own."""
    for article in articles:
        with recording(user=user):
            reversion.add_to_revision(article)
