from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from articles.links import language_links, listing_path, page_links
from articles.models import Section


def site(request):
    """The site's name and account, its sections, the page in each language and its addresses."""
    return {
        "site_name": settings.SITE_NAME,
        "twitter_site": settings.TWITTER_SITE,
        "nav_sections": Section.objects.all(),
        "language_links": language_links(request.get_full_path()),
        # Lazy: an error page (a request for another host among them) names no address of its own.
        "page_links": SimpleLazyObject(
            lambda: page_links(request, listing_path(request), translation.get_language())
        ),
    }
