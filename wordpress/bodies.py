"""A WordPress post's body as the portal's editor would have saved it, before the portal's own sanitiser.

Gutenberg bodies are HTML between ``<!-- wp:… -->`` comments; classic bodies are text whose blank lines
WordPress turns into paragraphs on display (``wpautop``) and whose ``[caption]`` shortcodes become figures.
A byline code at the very end, such as ``(MRS L44)``, leaves the body for the article's field.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from articles.importer import BYLINE_CODE

# The block-level elements wpautop leaves unwrapped (wp-includes/formatting.php).
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    "blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|"
    "footer|nav|figure|figcaption|details|menu|summary"
)
BLOCK_START = re.compile(rf"(<(?:{BLOCK_TAGS})[\s/>])", re.IGNORECASE)
BLOCK_END = re.compile(rf"(</(?:{BLOCK_TAGS})>)", re.IGNORECASE)
STARTS_WITH_BLOCK = re.compile(rf"</?(?:{BLOCK_TAGS})[\s/>]", re.IGNORECASE)
PRE = re.compile(r"<pre[\s>].*?</pre>", re.IGNORECASE | re.DOTALL)
BLANK_LINES = re.compile(r"\n\s*\n")
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)

CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.IGNORECASE | re.DOTALL)
CAPTION_ATTRIBUTE = re.compile(r"""caption=(["'])(.*?)\1""", re.DOTALL)
CAPTIONED_IMAGE = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.IGNORECASE)
# A shortcode: a lower-case name alone or with name="value" attributes, so "[baca juga: …]" stays text.
SHORTCODE = re.compile(r"\[/?([a-z][a-z0-9_-]*)(?:\s+[^\]]*=[^\]]*)?\s*/?\]")
BYLINE_AT_END = re.compile(
    rf"(?:<br\s*/?>\s*)?\(\s*({BYLINE_CODE})\s*\)(?:\s|&nbsp;)*(?P<close>(?:</(?:p|div)>\s*)*)$"
)


@dataclass
class Body:
    html: str
    byline_code: str = ""
    shortcodes: Counter = field(default_factory=Counter)


def is_gutenberg(content: str) -> bool:
    return "<!-- wp:" in content


def autop(text: str) -> str:
    """Paragraphs from blank lines and line breaks from single ones, as WordPress's ``wpautop`` does."""
    if not text.strip():
        return ""
    kept_pre: list[str] = []

    def keep(match):
        kept_pre.append(match.group(0))
        return f"\n\n<pre-kept-{len(kept_pre) - 1}>\n\n"

    text = PRE.sub(keep, text.replace("\r\n", "\n").replace("\r", "\n"))
    text = BLOCK_END.sub(r"\1\n\n", BLOCK_START.sub(r"\n\n\1", text))
    paragraphs = []
    for chunk in BLANK_LINES.split(text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("<pre-kept-"):
            paragraphs.append(kept_pre[int(chunk[len("<pre-kept-") : -1])])
        elif STARTS_WITH_BLOCK.match(chunk):
            paragraphs.append(chunk)
        else:
            paragraphs.append("<p>" + chunk.replace("\n", "<br />\n") + "</p>")
    return "\n".join(paragraphs)


def _caption_figure(match) -> str:
    attributes, inner = match.groups()
    image = CAPTIONED_IMAGE.search(inner)
    if image is None:
        return inner
    caption = inner[image.end() :].strip()
    if not caption and (attribute := CAPTION_ATTRIBUTE.search(attributes)):
        caption = escape(attribute.group(2))
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{image.group(0)}{figcaption}</figure>"


def convert(content: str, *, byline: bool = True) -> Body:
    """The body as HTML with its byline code apart (a post's, unless ``byline`` is false), and the
    shortcodes that were left out, by name."""
    if is_gutenberg(content):
        html = BLOCK_COMMENT.sub("", content)
    else:
        html = autop(CAPTION.sub(_caption_figure, content))
    shortcodes = Counter()

    def drop(match):
        shortcodes[match.group(1)] += 1
        return ""

    html = SHORTCODE.sub(drop, CAPTION.sub(_caption_figure, html)).strip()
    byline_code = ""
    if byline and (match := BYLINE_AT_END.search(html)):
        byline_code = match.group(1)
        html = html[: match.start()].rstrip() + match.group("close")
    return Body(html=html, byline_code=byline_code, shortcodes=shortcodes)
