import uuid
from datetime import timedelta
from functools import lru_cache
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import connections, models, router
from django.db.models.functions import Greatest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from . import images, search

# Paths at the site's root that a section slug must not take.
RESERVED_SECTION_SLUGS = {
    "admin",
    "en",
    "id",
    "static",
    "media",
    "tag",
    "penulis",
    "author",
    "cari",
    "search",
    "feed",
    "feeds",
    "rss",
    "sitemap.xml",
    "robots.txt",
    "arsip",
    "archive",
    "pratinjau",
    "dibaca",
    "preview",
    "komentar",
    "comments",
    "i18n",
    "halaman",
}

byline_code_validator = RegexValidator(
    r"^[A-Za-z0-9](?:[A-Za-z0-9 .,/&'-]*[A-Za-z0-9.])?$",
    _("Use letters, digits and spaces, e.g. “MRS L44”; also . , / & ' - inside."),
)
author_code_validator = RegexValidator(
    r"^[A-Z0-9]{2,8}$", _("Use 2 to 8 capital letters or digits, e.g. “MRS”.")
)


def address(viewname: str, **kwargs) -> str:
    """``reverse()`` remembered per process: an address changes only with the URLconf and the language."""
    return _address(
        viewname, translation.get_language(), get_urlconf(), get_script_prefix(), tuple(kwargs.items())
    )


@lru_cache(maxsize=10_000)
def _address(viewname, language, urlconf, script_prefix, kwargs) -> str:
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


def validate_section_slug(value):
    if value.lower() in RESERVED_SECTION_SLUGS:
        raise ValidationError(_("“%(slug)s” is used by another page of the site."), params={"slug": value})


class Section(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        validators=[validate_section_slug],
        help_text=_("Part of the address: /slug/."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Sections are listed from low to high.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:section", slug=self.slug)


class Author(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    byline_code = models.CharField(
        _("byline code"),
        max_length=8,
        unique=True,
        validators=[author_code_validator],
        help_text=_("The initials printed at the end of this author's articles, e.g. “MRS”."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=600)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:author", slug=self.slug)


# What the article page shows of an article besides its row and its section.
PAGE_RELATIONS = ("authors", "tags", "corrections")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, and the publish time has come."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def for_links(self):
        """What an article's address and its card need (its section), without the body and search vector."""
        return self.select_related("section").defer("body", "body_html", "search_vector")

    def for_page(self):
        """What the article page needs besides the article itself, in a fixed number of queries."""
        return self.with_modified().select_related("section").prefetch_related(*PAGE_RELATIONS)

    def scheduled(self):
        """Published, with a publish time still to come."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())

    def with_modified(self):
        """Annotate ``modified``: the last edit, or the publication if it came later (a scheduled article)."""
        return self.annotate(modified=Greatest("updated_at", "publish_at"))

    def search(self, text: str, newest_first: bool = False):
        """Articles matching a reader's words, best and newest first (or newest only), each with a
        highlighted ``snippet`` of its body.

        Full-text search in PostgreSQL; elsewhere (the SQLite demo) a plain match, newest first.
        """
        if connections[self.db].vendor != "postgresql":
            return self.filter(search.simple_match(text))
        query = search.search_query(text)
        results = self.filter(search_vector=query).annotate(snippet=search.snippet(query))
        if newest_first:
            return results.order_by("-publish_at", "-id")
        return results.annotate(rank=search.rank(query)).order_by("-rank", "-publish_at", "-id")

    def related_to(self, article, limit=4):
        """Other articles sharing the most tags with ``article``, newest first among equals."""
        # The ids, not a subquery: the article page has its tags already, and the query compiles faster.
        tag_ids = [tag.pk for tag in article.tags.all()]
        if not tag_ids:
            return self.none()
        return (
            self.exclude(pk=article.pk)
            .filter(tags__in=tag_ids)
            .annotate(shared_tags=models.Count("tags", distinct=True))
            .order_by("-shared_tags", "-publish_at", "-id")[:limit]
        )

    def most_read(self, limit=5):
        """The most viewed of the articles published in the last MOST_READ_DAYS days."""
        since = timezone.now() - timedelta(days=settings.MOST_READ_DAYS)
        recent = self.filter(publish_at__gte=since, view_count__gt=0)
        return recent.order_by("-view_count", "-publish_at")[:limit]


def upload_path(instance, filename):
    """Store uploads under a generated name; the reader's file name is not kept."""
    suffix = PurePath(filename).suffix.lower()
    return f"articles/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The last part of the article's address.")
    )
    dek = models.TextField(
        _("summary"), blank=True, max_length=500, help_text=_("One or two sentences under the headline.")
    )
    body = models.TextField(
        _("body"), help_text=_("Cleaned on save to paragraphs, headings, lists, quotes, links and images.")
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(Author, verbose_name=_("authors"), related_name="articles", blank=True)
    byline_code = models.CharField(
        _("byline code"),
        max_length=40,
        blank=True,
        validators=[byline_code_validator],
        help_text=_("Printed in parentheses at the end of the article, e.g. “MRS L44”."),
    )
    tags = TaggableManager(
        _("tags"), blank=True, help_text=_("Type to find a tag; Enter or a comma adds a new one.")
    )
    lead_image = models.ImageField(
        _("lead image"),
        upload_to=upload_path,
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_alt = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    lead_image_focus_x = models.PositiveSmallIntegerField(
        _("focal point, across"),
        default=images.CENTRE[0],
        validators=[MaxValueValidator(100)],
        help_text=_("Where the picture's subject is, in per cent from the left edge: crops keep it in view."),
    )
    lead_image_focus_y = models.PositiveSmallIntegerField(
        _("focal point, down"),
        default=images.CENTRE[1],
        validators=[MaxValueValidator(100)],
        help_text=_("In per cent from the top edge."),
    )
    lead_image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    lead_image_credit = models.CharField(_("credit"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish time"),
        default=timezone.now,
        db_index=True,
        help_text=_("A time in the future schedules the article."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown as the main story on the home page.")
    )
    allow_comments = models.BooleanField(_("comments allowed"), default=True)
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    # The body as readers get it, per interface language, written with the body (articles/publishing.py).
    body_html = models.JSONField(default=dict, editable=False)
    # Kept by the comments app whenever an article's comments change, so that cards read them from the row.
    approved_comment_count = models.PositiveIntegerField(_("approved comments"), default=0, editable=False)
    pending_comment_count = models.PositiveIntegerField(_("comments waiting"), default=0, editable=False)
    # Headline, summary and body for full-text search (PostgreSQL only); see articles/search.py.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        get_latest_by = "publish_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_status_publish_idx"),
            GinIndex(fields=["search_vector"], name="article_search_idx"),
        ]
        permissions = [("publish_article", _("Can publish, unpublish, schedule and feature articles"))]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        """Write the row with its cheap derived fields: the lead image's size and the search vector.

        Everything else derived from the article (clean body, body HTML, renditions) is made by
        ``articles.publishing.save_article``, which calls this.
        """
        if self.lead_image:
            images.measure(self.lead_image)
        update_fields = kwargs.get("update_fields")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        searched = {"headline", "dek", "body"}
        if connections[using].vendor == "postgresql" and (
            update_fields is None or searched & set(update_fields)
        ):
            # Computed in the same INSERT or UPDATE, from the values being written.
            self.search_vector = search.search_vector(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_vector"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("articles:detail", section=self.section.slug, **self._date_kwargs(), slug=self.slug)

    def clean(self):
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Describe the picture for readers who cannot see it.")}, code="required"
            )

    def get_archive_url(self):
        """The day's archive, which lists this article."""
        return address("articles:archive-day", **self._date_kwargs())

    def _date_kwargs(self):
        local = timezone.localtime(self.publish_at)
        return {"year": local.year, "month": local.month, "day": local.day}

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    @property
    def status_label(self):
        """The status as the newsroom says it: published with a time still to come is “Scheduled”."""
        return _("Scheduled") if self.is_scheduled else self.get_status_display()

    @cached_property
    def lead_picture(self) -> images.Picture | None:
        """The renditions and crops of the lead image made after save, for <picture>, srcset and previews."""
        if not self.lead_image:
            return None
        return images.picture(self.lead_image, self.lead_image_focus)

    @property
    def lead_image_focus(self) -> tuple[int, int]:
        return self.lead_image_focus_x, self.lead_image_focus_y

    @property
    def reader_body(self) -> SafeString:
        """The stored body HTML in the interface's language: sanitised, pictures from their renditions."""
        stored = self.body_html.get(translation.get_language()) or self.body_html.get(
            settings.LANGUAGE_CODE, ""
        )
        return mark_safe(stored)  # noqa: S308 - sanitised and rendered on save by articles/publishing.py


class BodyImage(models.Model):
    """A picture uploaded with an article, which the editor's picture button places in its body."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="body_images"
    )
    image = models.ImageField(
        _("picture"),
        upload_to=upload_path,
        width_field="width",
        height_field="height",
        help_text=_("Save the article, then place the picture in the body with the editor's picture button."),
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt = models.CharField(
        _("alt text"), max_length=250, help_text=_("What the picture shows, for readers who cannot see it.")
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=120, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("picture in the body")
        verbose_name_plural = _("pictures in the body")

    def __str__(self):
        return self.alt

    def save(self, *args, **kwargs):
        images.measure(self.image)
        super().save(*args, **kwargs)

    @cached_property
    def picture(self) -> images.Picture:
        """The renditions made after save (articles/publishing.py), for <picture> and srcset."""
        return images.picture(self.image)


class Correction(models.Model):
    """A dated note that corrects a published article, shown above its body."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="corrections"
    )
    text = models.TextField(
        _("correction"), max_length=1000, help_text=_("What was wrong and what is right. Plain text.")
    )
    corrected_at = models.DateTimeField(_("date"), default=timezone.now)
    version = models.ForeignKey(
        "reversion.Version",
        verbose_name=_("corrected version"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        help_text=_("The article as it was when the correction was written."),
    )

    class Meta:
        ordering = ["corrected_at", "id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return self.text
