"""What search engines read about an article page: schema.org NewsArticle and BreadcrumbList.

Built from the article's own fields only; nothing a commenter gave ever goes in.
"""

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from .dates import machine_time
from .models import Article

LOGO = "img/logo.png"


def article_structured_data(article: Article, request: HttpRequest) -> list[dict]:
    """NewsArticle and BreadcrumbList for ``article``, with canonical (Indonesian) addresses."""
    absolute = request.build_absolute_uri
    with translation.override(settings.LANGUAGE_CODE):
        url = absolute(article.get_absolute_url())
        home_url = absolute(reverse("articles:home"))
        section_url = absolute(article.section.get_absolute_url())
        authors = [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
            for author in article.authors.all()
        ]
    news_article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.headline,
        "description": article.dek,
        "image": [absolute(crop.url) for crop in article.lead_picture.crops.values()]
        if article.lead_image
        else [],
        "datePublished": machine_time(article.publish_at),
        "dateModified": machine_time(article.modified),
        "author": authors,
        "publisher": organization(request),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": settings.LANGUAGE_CODE,
    }
    trail = [(settings.SITE_NAME, home_url), (article.section.name, section_url), (article.headline, url)]
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": item}
            for position, (name, item) in enumerate(trail, start=1)
        ],
    }
    # Empty fields (no summary, picture, authors or tags) are left out rather than sent empty.
    return [{key: value for key, value in news_article.items() if value}, breadcrumbs]


def organization(request: HttpRequest) -> dict:
    """The newsroom as schema.org knows a publisher: its name, home page and logo."""
    with translation.override(settings.LANGUAGE_CODE):
        home_url = request.build_absolute_uri(reverse("articles:home"))
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": home_url,
        "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static(LOGO))},
    }


def home_structured_data(request: HttpRequest) -> list[dict]:
    """WebSite, with the search readers may run from a search engine's results, and Organization."""
    with translation.override(settings.LANGUAGE_CODE):
        home_url = request.build_absolute_uri(reverse("articles:home"))
        search_url = request.build_absolute_uri(reverse("articles:search"))
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": home_url,
        "inLanguage": settings.LANGUAGE_CODE,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return [website, {"@context": "https://schema.org", **organization(request)}]
