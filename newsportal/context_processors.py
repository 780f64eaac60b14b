from functools import partial

from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from articles.links import language_links, listing_path, page_links
from articles.models import Section
from pages.models import Page

from .pagecache import per_version


def site(request):
    """The site's name and account, its sections (navigation) and pages (footer), the page in each
    language and its addresses.

    The sections and pages are worked out when a template first asks for them (the admin never
    does), once per content version.
    """
    return {
        "site_name": settings.SITE_NAME,
        "twitter_site": settings.TWITTER_SITE,
        "nav_sections": partial(per_version, request, "sections", lambda: list(Section.objects.all())),
        "footer_pages": partial(
            per_version, request, "footer-pages", lambda: list(Page.objects.published().only("title", "slug"))
        ),
        "language_links": language_links(request.get_full_path()),
        # Lazy: an error page (a request for another host among them) names no address of its own.
        "page_links": SimpleLazyObject(
            lambda: page_links(request, listing_path(request), translation.get_language())
        ),
    }
