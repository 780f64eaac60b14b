"""RSS and Atom feeds of the newest published articles: the whole site, a section, a tag, an author."""

import mimetypes

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from taggit.models import Tag

from .models import Article, Author, Section

FEED_SIZE = 30


class ArticleFeed(Feed):
    """The site's newest articles; subclasses narrow them to a section, tag or author."""

    description_template = "feeds/article_description.html"

    def __init__(self, feed_type=Rss201rev2Feed):
        self.feed_type = feed_type

    @property
    def language(self):
        # Articles are written in the site's language, whatever the interface speaks.
        return settings.LANGUAGE_CODE

    def title(self, obj):
        return settings.SITE_NAME

    def link(self, obj):
        return reverse("articles:home")

    def description(self, obj):
        return _("The newest articles from %(site)s.") % {"site": settings.SITE_NAME}

    def subtitle(self, obj):
        return self.description(obj)

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return self.articles(obj).for_page()[:FEED_SIZE]

    def item_title(self, article):
        return article.headline

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.modified

    def item_author_name(self, article):
        return ", ".join(author.name for author in article.authors.all()) or None

    def item_categories(self, article):
        return [article.section.name, *(tag.name for tag in article.tags.all())]

    def item_enclosures(self, article):
        if not article.lead_image:
            return []
        try:
            length = article.lead_image.size
        except OSError:  # the file has gone missing: no enclosure rather than a broken feed
            return []
        mime_type = mimetypes.guess_type(article.lead_image.name)[0] or "application/octet-stream"
        return [Enclosure(article.lead_image.url, str(length), mime_type)]

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Item methods get no request, so enclosures get the site's address here.
        domain = get_current_site(request).domain
        for item in feed.items:
            for enclosure in item["enclosures"]:
                enclosure.url = add_domain(domain, enclosure.url, request.is_secure())
        return feed


class ListingFeed(ArticleFeed):
    """The newest articles of one section, tag or author, found by its slug."""

    model = None
    article_lookup = None  # how an article names its section, tags or authors

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return _("The newest articles in “%(listing)s” from %(site)s.") % {
            "listing": obj.name,
            "site": settings.SITE_NAME,
        }

    def articles(self, obj):
        return super().articles(obj).filter(**{self.article_lookup: obj})


class SectionFeed(ListingFeed):
    model = Section
    article_lookup = "section"


class TagFeed(ListingFeed):
    model = Tag
    article_lookup = "tags"


class AuthorFeed(ListingFeed):
    model = Author
    article_lookup = "authors"
