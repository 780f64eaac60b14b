"""A reader's page in every language: its canonical address and its alternates for search engines."""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, translate_url
from django.utils import translation

# Open Graph names a language with its country.
OG_LOCALES = {"id": "id_ID", "en": "en_US"}


def listing_path(request: HttpRequest) -> str:
    """The page's address without the query, but for the page of a list after the first."""
    page = request.GET.get("page", "")
    return f"{request.path}?page={page}" if page.isdigit() and page != "1" else request.path


@dataclass(frozen=True)
class PageLinks:
    canonical_url: str  # the page in its own language
    alternates: list[tuple[str, str]]  # (hreflang, address) of the page in every language, and x-default
    og_locale: str
    og_locale_alternates: list[str]


def page_links(request: HttpRequest, path: str, language: str) -> PageLinks:
    """The addresses and locales of the page at ``path`` shown in ``language``."""
    absolute = request.build_absolute_uri
    alternates = [(code, absolute(url)) for code, _name, url in language_links(path)]
    return PageLinks(
        canonical_url=dict(alternates)[language],
        alternates=[*alternates, ("x-default", dict(alternates)[settings.LANGUAGE_CODE])],
        og_locale=OG_LOCALES[language],
        og_locale_alternates=[OG_LOCALES[code] for code, _name in settings.LANGUAGES if code != language],
    )


def language_links(path: str) -> tuple[tuple[str, str, str], ...]:
    """The page at ``path`` in each language: code, name and address."""
    return _language_links(path, translation.get_language(), get_script_prefix())


@lru_cache(maxsize=4096)
def _language_links(path: str, language: str, script_prefix: str) -> tuple[tuple[str, str, str], ...]:
    # Remembered: an address changes only with the URLconf.
    return tuple((code, name, translate_url(path, code)) for code, name in settings.LANGUAGES)
