"""RSS and Atom feeds of the newest published articles: the whole site, a section, a tag, an author."""

import mimetypes
import re

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from taggit.models import Tag

from .models import Article, Author, Section

FEED_SIZE = 30
MEDIA_RSS = "http://search.yahoo.com/mrss/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
LOGO = "img/logo.png"
# Addresses on this host in the stored body HTML (src, href, each srcset candidate): "/media/…".
ROOT_RELATIVE = re.compile(r'(?<=src=")/(?!/)|(?<=href=")/(?!/)')
SRCSET = re.compile(r'srcset="([^"]*)"')


def absolute_links(html: str, origin: str) -> str:
    """The body HTML with its addresses on this host made absolute, for a feed reader elsewhere."""

    def srcset(match):
        candidates = (candidate.strip() for candidate in match.group(1).split(","))
        return 'srcset="{}"'.format(
            ", ".join(origin + c if c.startswith("/") and not c.startswith("//") else c for c in candidates)
        )

    return ROOT_RELATIVE.sub(origin + "/", SRCSET.sub(srcset, html))


class MediaElements:
    """What both formats add: the lead image as Media RSS (``media:content``), the whole body if set."""

    def add_media(self, handler, item):
        if media := item.get("media"):
            handler.startElement(
                "media:content",
                {"url": media["url"], "medium": "image", "type": "image/jpeg", **media["size"]},
            )
            if media["alt"]:
                handler.addQuickElement("media:description", media["alt"], {"type": "plain"})
            handler.endElement("media:content")


class RssFeed(MediaElements, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS, "xmlns:content": CONTENT}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.startElement("image", {})
        handler.addQuickElement("url", self.feed["logo"])
        handler.addQuickElement("title", self.feed["title"])
        handler.addQuickElement("link", self.feed["link"])
        handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        self.add_media(handler, item)
        if item.get("body"):
            handler.addQuickElement("content:encoded", item["body"])


class AtomFeed(MediaElements, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("icon", self.feed["logo"])
        handler.addQuickElement("logo", self.feed["logo"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        self.add_media(handler, item)
        if item.get("body"):
            handler.addQuickElement("content", item["body"], {"type": "html"})


class ArticleFeed(Feed):
    """The site's newest articles; subclasses narrow them to a section, tag or author."""

    description_template = "feeds/article_description.html"

    def __init__(self, feed_type=RssFeed):
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

    def feed_extra_kwargs(self, obj):
        return {"logo": static(LOGO)}

    def item_extra_kwargs(self, article):
        extra = {}
        if settings.FEEDS_FULL_TEXT:
            extra["body"] = article.reader_body
        if article.lead_image:
            crop = article.lead_picture.crops["wide"]
            size = {"width": str(crop.width), "height": str(crop.height)}
            extra["media"] = {"url": crop.url, "size": size, "alt": article.lead_image_alt}
        return extra

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Item methods get no request, so addresses get the site's here.
        domain, secure = get_current_site(request).domain, request.is_secure()
        origin = add_domain(domain, "", secure)
        feed.feed["logo"] = add_domain(domain, feed.feed["logo"], secure)
        for item in feed.items:
            for enclosure in item["enclosures"]:
                enclosure.url = add_domain(domain, enclosure.url, secure)
            if "media" in item:
                item["media"]["url"] = add_domain(domain, item["media"]["url"], secure)
            if "body" in item:
                item["body"] = absolute_links(item["body"], origin)
        return feed


def listing_description(listing) -> str:
    """What a section's, tag's or author's newest articles are: "by" an author, "in" the others."""
    if isinstance(listing, Author):
        text = _("The newest articles by %(listing)s from %(site)s.")
    else:
        text = _("The newest articles in “%(listing)s” from %(site)s.")
    return text % {"listing": listing.name, "site": settings.SITE_NAME}


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
        return listing_description(obj)

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
