"""The safelist that article bodies are cleaned to on save."""

import re

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
# Dropped with everything inside them; a word processor's paste carries a <title> and <xml> settings.
DROPPED_WITH_CONTENT = {"script", "style", "title", "xml"}

BLOCK_TAGS = "p|h2|h3|h4|ul|ol|li|blockquote|figure|figcaption"
# Word processors space text with runs of no-break spaces and break lines inside paragraphs.
RUNS_OF_SPACE = re.compile(r"(?:\s|&nbsp;){2,}|\s")
SPACE_AROUND_BLOCKS = re.compile(rf" ?(</?(?:{BLOCK_TAGS})>) ?")
EMPTY_INLINE = re.compile(r"<(b|i|strong|em)>(?: |&nbsp;)*</\1>")
EMPTY_BLOCK = re.compile(r"<(p|h2|h3|h4|li|blockquote)>(?: |&nbsp;|<br>)*</\1>")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Pages load nothing from another host: an image must be a path on this site.
    if tag == "img" and attribute == "src" and not (value.startswith("/") and not value.startswith("//")):
        return None
    # The editor's link dialog leaves an empty title when none is typed.
    if attribute == "title" and not value.strip():
        return None
    return value


def sanitize_html(html: str) -> str:
    """Clean editor-supplied HTML to the tags, attributes and URL schemes above, without empty paragraphs."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = SPACE_AROUND_BLOCKS.sub(r"\1", RUNS_OF_SPACE.sub(" ", cleaned))
    return EMPTY_BLOCK.sub("", EMPTY_INLINE.sub("", cleaned)).strip()
