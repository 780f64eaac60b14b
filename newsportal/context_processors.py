from functools import lru_cache, partial

from django.conf import settings
from django.urls import get_script_prefix, translate_url
from django.utils import translation

from articles.models import Section
from pages.models import Page

from .pagecache import per_version


def site(request):
    """The site's name, its sections (navigation) and pages (footer), the page in each language.

    The sections and pages are worked out when a template first asks for them (the admin never
    does), once per content version.
    """
    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": partial(per_version, request, "sections", lambda: list(Section.objects.all())),
        "footer_pages": partial(
            per_version, request, "footer-pages", lambda: list(Page.objects.published().only("title", "slug"))
        ),
        "language_links": language_links(
            request.get_full_path(), translation.get_language(), get_script_prefix()
        ),
    }


@lru_cache(maxsize=4096)
def language_links(path: str, language: str, script_prefix: str) -> tuple[tuple[str, str, str], ...]:
    """The page at ``path`` in each language, remembered: it changes only with the URLconf."""
    return tuple((code, name, translate_url(path, code)) for code, name in settings.LANGUAGES)
