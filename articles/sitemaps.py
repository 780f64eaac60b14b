"""Sitemaps: every published article, every section, tag and author that has one, and Google News."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone, translation
from taggit.models import Tag

from .models import Article, Author, Section

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000
# Django's sitemap views say application/xml with no charset; the templates write UTF-8.
SITEMAP_CONTENT_TYPE = "application/xml; charset=utf-8"


class CanonicalSitemap(Sitemap):
    """Addresses in the site's language, whatever language the crawler asks for."""

    def location(self, item):
        with translation.override(settings.LANGUAGE_CODE):
            return self.path(item)

    def path(self, item):
        return item.get_absolute_url()


class ArticleSitemap(CanonicalSitemap):
    def items(self):
        return Article.objects.published().for_links().with_modified()

    def lastmod(self, article):
        return article.modified

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("modified"))["latest"]


class ListingSitemap(CanonicalSitemap):
    """Sections, tags or authors with published articles, changed when their newest article changed."""

    model = None
    article_lookup = None  # how an article names its section, tags or authors

    def items(self):
        newest = (
            Article.objects.published()
            .with_modified()
            .filter(**{self.article_lookup: OuterRef("pk")})
            .order_by("-modified")
            .values("modified")[:1]
        )
        return (
            self.model.objects.annotate(modified=Subquery(newest))
            .filter(modified__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, listing):
        return listing.modified

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("modified"))["latest"]


class SectionSitemap(ListingSitemap):
    model = Section
    article_lookup = "section"


class TagSitemap(ListingSitemap):
    model = Tag
    article_lookup = "tags"


class AuthorSitemap(ListingSitemap):
    model = Author
    article_lookup = "authors"


class NewsSitemap(CanonicalSitemap):
    """Google News: the articles of the last 48 hours, at most 1,000 (templates/sitemaps/news.xml)."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return Article.objects.published().for_links().filter(publish_at__gte=since)[:NEWS_LIMIT]


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
