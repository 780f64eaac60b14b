"""Pictures in an article's body: only the article's own are kept, and readers get them from renditions.

The body keeps what the editor wrote, ``<figure><img src="…" alt="…"><figcaption>…</figcaption></figure>``
with the address of one of the article's uploaded pictures; the page shows that picture's renditions instead.
"""

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import lxml.html
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import images

if TYPE_CHECKING:
    from .models import BodyImage


def placed(body: str, body_images: Iterable["BodyImage"]) -> str:
    """The body with each of its pictures sized and described, and any other image dropped with its figure."""
    if "<img" not in body:
        return body
    root = lxml.html.fragment_fromstring(body, create_parent=True)
    for img, element, body_image in _images(root, body_images):
        if body_image is None:
            _drop(element)
            continue
        img.set("alt", img.get("alt", "").strip() or body_image.alt)
        img.set("width", str(body_image.width))
        img.set("height", str(body_image.height))
    return _inner_html(root)


def rendered(body: str, body_images: Iterable["BodyImage"]) -> SafeString:
    """The sanitised body for readers: its pictures as figures with a srcset of their renditions.

    Images are checked again here, as a picture may have been deleted since the body was saved.
    """
    if "<img" not in body:
        return mark_safe(body)  # noqa: S308 - sanitised on save
    root = lxml.html.fragment_fromstring(body, create_parent=True)
    figures = []
    for img, element, body_image in _images(root, body_images):
        if body_image is not None:
            # A comment marks the spot (a body has none: they are sanitised away) so that the figure
            # goes in as the template wrote it; lxml's HTML parser does not know <picture> and <source>.
            placeholder = lxml.html.HtmlComment(f"figure-{len(figures)}")
            figures.append(_figure_html(img, element, body_image))
            placeholder.tail = element.tail
            element.getparent().replace(element, placeholder)
        else:
            _drop(element)
    html = _inner_html(root)
    for number, figure in enumerate(figures):
        html = html.replace(f"<!--figure-{number}-->", figure, 1)
    return mark_safe(html)  # noqa: S308 - sanitised on save, and our own figures


def _figure_html(img, element, body_image: "BodyImage") -> str:
    caption = element.find("figcaption") if element.tag == "figure" else None
    return render_to_string(
        "includes/figure.html",
        {
            "picture": images.picture(body_image.image),
            "alt": img.get("alt") or body_image.alt,
            # Written in the editor and sanitised on save, like the rest of the body.
            "caption": mark_safe(_inner_html(caption)) if caption is not None else "",  # noqa: S308
            "credit": body_image.credit,
            "lazy": True,
        },
    )


def _drop(element) -> None:
    """Take an image (or its figure) out of the body, and the paragraph it leaves empty."""
    parent = element.getparent()
    element.drop_tree()
    if parent.tag == "p" and not len(parent) and not (parent.text or "").strip():
        parent.drop_tree()


def _images(root, body_images: Iterable["BodyImage"]) -> Iterator[tuple]:
    """Each <img>, what stands for it in the body (its figure, or itself), and its picture or None."""
    by_url = {body_image.image.url: body_image for body_image in body_images}
    for img in list(root.iter("img")):
        parent = img.getparent()
        element = parent if parent.tag == "figure" else img
        if element.getparent() is not None:  # else it went with the figure of an image before it
            yield img, element, by_url.get(img.get("src"))


def _inner_html(element) -> str:
    return escape(element.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in element
    )
