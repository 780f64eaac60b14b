"""What an import from WordPress leaves besides the articles: which WordPress object became what, and the
old addresses that now answer with a permanent redirect."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.models import Article, Author, Section
from pages.models import Page


class ImportedObject(models.Model):
    """A WordPress object (by its ID on its site) and the portal object it became: re-runs find it here."""

    class Kind(models.TextChoices):
        AUTHOR = "author", _("author")
        CATEGORY = "category", _("category")
        TAG = "tag", _("tag")
        POST = "post", _("post")
        PAGE = "page", _("page")
        COMMENT = "comment", _("comment")
        PICTURE = "picture", _("picture")

    site = models.CharField(_("WordPress site"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("WordPress ID"), max_length=300)
    guid = models.CharField(_("GUID"), max_length=300, blank=True, db_index=True)
    object_id = models.PositiveBigIntegerField(_("object ID"))
    # What the WordPress object held when it was last imported, and the portal object's edit time then:
    # a newer export changes it only if WordPress changed it and the newsroom did not.
    fingerprint = models.CharField(max_length=64, blank=True)
    object_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("imported WordPress object")
        verbose_name_plural = _("imported WordPress objects")
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "key"], name="wordpress_imported_unique_key")
        ]

    def __str__(self):
        return f"{self.site} {self.kind} {self.key}"


class Redirect(models.Model):
    """An address of the old WordPress site, answered with a 301 to what it showed, wherever that is now."""

    old_path = models.CharField(
        _("old address"),
        max_length=300,
        unique=True,
        help_text=_("A path, with the query for addresses such as /?p=123."),
    )
    article = models.ForeignKey(
        Article, verbose_name=_("article"), null=True, blank=True, on_delete=models.CASCADE
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), null=True, blank=True, on_delete=models.CASCADE
    )
    author = models.ForeignKey(
        Author, verbose_name=_("author"), null=True, blank=True, on_delete=models.CASCADE
    )
    tag = models.ForeignKey(Tag, verbose_name=_("tag"), null=True, blank=True, on_delete=models.CASCADE)
    page = models.ForeignKey(Page, verbose_name=_("page"), null=True, blank=True, on_delete=models.CASCADE)
    feed = models.BooleanField(
        _("feed"), default=False, help_text=_("Redirect to the feed of what it names.")
    )

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("old WordPress address")
        verbose_name_plural = _("old WordPress addresses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False)
                | models.Q(section__isnull=False)
                | models.Q(author__isnull=False)
                | models.Q(tag__isnull=False)
                | models.Q(page__isnull=False),
                name="wordpress_redirect_has_target",
            )
        ]

    def __str__(self):
        return self.old_path

    @property
    def target(self):
        return self.article or self.section or self.author or self.tag or self.page

    def target_url(self) -> str:
        """Where the old address leads now: the object's page, or its feed."""
        url = self.target.get_absolute_url()
        return f"{url}feed/" if self.feed else url
