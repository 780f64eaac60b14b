from django.db import models
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from articles.body_images import placed
from articles.models import address
from articles.publishing import clean_body


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Page(models.Model):
    """A page of the site that is not news: the masthead, the press guideline, contact, privacy."""

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Part of the address: /halaman/slug/.")
    )
    body = models.TextField(
        _("body"), help_text=_("Cleaned on save to paragraphs, headings, lists, quotes and links.")
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Published pages are listed at the foot of every page.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Pages are listed from low to high.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        get_latest_by = "updated_at"
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Whatever writes a page (the admin, the demo loader) stores it cleaned like an article's body;
        # a page has no pictures of its own, so any image goes.
        self.body = placed(clean_body(self.body), [])
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("pages:detail", slug=self.slug)

    @property
    def reader_body(self) -> SafeString:
        return mark_safe(self.body)  # noqa: S308 - cleaned to the safelist on save
