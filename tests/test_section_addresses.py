import re

import pytest
from django.urls import URLResolver, get_resolver
from django.urls.converters import SlugConverter
from django.utils import translation

from articles.models import RESERVED_SECTION_SLUGS


def routes(patterns, prefix=""):
    """Every address pattern of the URLconf, written out from the site's root."""
    for entry in patterns:
        route = prefix + str(entry.pattern).removeprefix("^")
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, route)
        else:
            yield route


# Indonesian at the root, English under /en/: a few of the first segments each must show.
@pytest.mark.parametrize(
    "language, some_segments",
    [
        ("id", {"admin", "media", "komentar", "cari", "tag", "penulis", "arsip", "feed", "pratinjau"}),
        ("en", {"admin", "media", "en"}),
    ],
)
def test_no_section_slug_can_shadow_an_address_of_the_site(language, some_segments):
    with translation.override(language):
        first_segments = {route.split("/")[0] for route in routes(get_resolver().url_patterns)}
    # Only a segment written as a slug could be a section's; "sitemap.xml" or "<slug:slug>" cannot.
    slug_like = {segment for segment in first_segments if re.fullmatch(SlugConverter.regex, segment)}

    assert some_segments <= slug_like
    assert slug_like - RESERVED_SECTION_SLUGS == set()
