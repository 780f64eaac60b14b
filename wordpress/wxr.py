"""Reading a WordPress export (WXR 1.0 to 1.2, Tools → Export) as a stream, one element of the channel at a
time, so that memory stays flat however large the file.

The parser is defusedxml's: an export never declares entities, so a file that does (an entity bomb) or
that reaches for an external resource is refused before anything is expanded.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

SUPPORTED_VERSIONS = {"1.0", "1.1", "1.2"}
# Each namespace an export uses, by the prefix WordPress writes for it; the version is part of the URI.
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
PREFIXES |= {f"http://wordpress.org/export/{version}/": "wp" for version in SUPPORTED_VERSIONS}
PREFIXES |= {f"http://wordpress.org/export/{version}/excerpt/": "excerpt" for version in SUPPORTED_VERSIONS}


class WXRError(ValueError):
    """The file is not a WordPress export this importer can read; the message is one line."""


@dataclass
class Site:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""


@dataclass
class WPComment:
    id: int
    author: str
    email: str
    url: str
    ip: str
    date: str
    date_gmt: str
    content: str
    approved: str
    type: str
    parent: int
    agent: str = ""  # not in WordPress's own exports; some plugins add it


@dataclass
class Item:
    """A post, page, attachment or any other post type, with its terms, metadata and comments."""

    post_id: int
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_name: str = ""
    status: str = ""
    comment_status: str = ""
    post_password: str = ""
    is_sticky: bool = False
    menu_order: int = 0
    attachment_url: str = ""
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # (domain, slug, name)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[WPComment] = field(default_factory=list)

    def terms(self, domain: str) -> list[tuple[str, str]]:
        return [(slug, name) for term_domain, slug, name in self.categories if term_domain == domain]


def name(element: Element) -> str:
    """The element's name as WordPress writes it, e.g. ``wp:post_id``, whatever the export's version."""
    tag = element.tag
    if tag.startswith("{"):
        uri, local = tag[1:].split("}", 1)
        return f"{PREFIXES.get(uri, uri)}:{local}"
    return tag


def children(element: Element) -> dict[str, str]:
    """The text of each child, by name (the first of each name)."""
    texts: dict[str, str] = {}
    for child in element:
        texts.setdefault(name(child), child.text or "")
    return texts


def number(text: str) -> int:
    try:
        return int(text.strip() or 0)
    except ValueError:
        return 0


def read_comment(element: Element) -> WPComment:
    texts = children(element)
    return WPComment(
        id=number(texts.get("wp:comment_id", "")),
        author=texts.get("wp:comment_author", ""),
        email=texts.get("wp:comment_author_email", ""),
        url=texts.get("wp:comment_author_url", ""),
        ip=texts.get("wp:comment_author_IP", ""),
        date=texts.get("wp:comment_date", ""),
        date_gmt=texts.get("wp:comment_date_gmt", ""),
        content=texts.get("wp:comment_content", ""),
        approved=texts.get("wp:comment_approved", "1"),
        type=texts.get("wp:comment_type", "") or "comment",
        parent=number(texts.get("wp:comment_parent", "")),
        agent=texts.get("wp:comment_agent", ""),
    )


def read_item(element: Element) -> Item:
    texts = children(element)
    item = Item(
        post_id=number(texts.get("wp:post_id", "")),
        post_type=texts.get("wp:post_type", "post"),
        title=texts.get("title", ""),
        link=texts.get("link", "").strip(),
        guid=texts.get("guid", "").strip(),
        creator=texts.get("dc:creator", ""),
        content=texts.get("content:encoded", ""),
        excerpt=texts.get("excerpt:encoded", ""),
        post_date=texts.get("wp:post_date", ""),
        post_date_gmt=texts.get("wp:post_date_gmt", ""),
        post_name=texts.get("wp:post_name", ""),
        status=texts.get("wp:status", ""),
        comment_status=texts.get("wp:comment_status", "open"),
        post_password=texts.get("wp:post_password", ""),
        is_sticky=texts.get("wp:is_sticky", "0").strip() == "1",
        menu_order=number(texts.get("wp:menu_order", "")),
        attachment_url=texts.get("wp:attachment_url", "").strip(),
    )
    for child in element:
        match name(child):
            case "category":
                item.categories.append((child.get("domain", ""), child.get("nicename", ""), child.text or ""))
            case "wp:postmeta":
                meta = children(child)
                item.meta.setdefault(meta.get("wp:meta_key", ""), meta.get("wp:meta_value", ""))
            case "wp:comment":
                item.comments.append(read_comment(child))
    return item


def channel_elements(path: Path) -> Iterator[tuple[str, Element]]:
    """Each child of the export's channel, by name, once it is complete; then it is let go."""
    depth = 0
    channel = None
    try:
        for event, element in iterparse(str(path), events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 1 and element.tag != "rss":
                    raise WXRError(f"not a WordPress export: the file is <{element.tag}>, not <rss>")
                if depth == 2 and element.tag == "channel":
                    channel = element
                continue
            depth -= 1
            if depth == 2 and channel is not None:
                yield name(element), element
                channel.remove(element)
    except ParseError as error:
        raise WXRError(f"not a complete XML file ({error}); export it again") from error
    except DefusedXmlException as error:
        raise WXRError(f"refused: the file declares XML entities or external resources ({error})") from error
    except OSError as error:
        raise WXRError(f"cannot read the file: {error.strerror or error}") from error
    if channel is None:
        raise WXRError("not a WordPress export: no <channel> in the file")


@dataclass
class Export:
    """What a first pass over the file finds: the site, authors, terms, attachments, how many items."""

    site: Site = field(default_factory=Site)
    authors: list[dict[str, str]] = field(default_factory=list)
    categories: list[dict[str, str]] = field(default_factory=list)
    tags: list[dict[str, str]] = field(default_factory=list)
    attachments: dict[int, Item] = field(default_factory=dict)
    attached_files: dict[str, int] = field(default_factory=dict)  # uploads/ path -> attachment ID
    item_count: int = 0


SITE_FIELDS = {
    "title": "title",
    "link": "link",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
    "wp:wxr_version": "wxr_version",
}


def scan(path: Path) -> Export:
    """Read the whole file once, checking it is a complete export, keeping all but the posts' bodies."""
    export = Export()
    for element_name, element in channel_elements(path):
        if element_name in SITE_FIELDS:
            setattr(export.site, SITE_FIELDS[element_name], (element.text or "").strip())
        elif element_name == "wp:author":
            export.authors.append(children(element))
        elif element_name == "wp:category":
            export.categories.append(children(element))
        elif element_name == "wp:tag":
            export.tags.append(children(element))
        elif element_name == "item":
            _check_version(export.site)
            export.item_count += 1
            item = read_item(element)
            if item.post_type == "attachment":
                item.content = ""
                export.attachments[item.post_id] = item
                if attached_file := item.meta.get("_wp_attached_file"):
                    export.attached_files[attached_file] = item.post_id
    _check_version(export.site)
    return export


def _check_version(site: Site) -> None:
    if not site.wxr_version:
        raise WXRError("not a WordPress export: no <wp:wxr_version> before the first item")
    if site.wxr_version not in SUPPORTED_VERSIONS:
        raise WXRError(f"WXR version {site.wxr_version} is not supported (1.0, 1.1 and 1.2 are)")


def items(path: Path) -> Iterator[Item]:
    """The export's items, one at a time, in the file's order."""
    for element_name, element in channel_elements(path):
        if element_name == "item":
            yield read_item(element)
