"""The safelist that article bodies are cleaned to on save."""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "figure",
    "img",
    "figcaption",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _same_host_images_only(tag: str, attribute: str, value: str) -> str | None:
    # Pages load nothing from another host: an image must be a path on this site.
    if tag == "img" and attribute == "src" and not (value.startswith("/") and not value.startswith("//")):
        return None
    return value


def sanitize_html(html: str) -> str:
    """Clean editor-supplied HTML to the tags, attributes and URL schemes above."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_same_host_images_only,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
