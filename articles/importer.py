"""Reading an article from text in the layout of a saved news page.

The layout: the site's name on the first line, the headline, the paragraphs,
the last of them ending in a byline code in parentheses such as "(MRS L44)",
then page chrome ("Share", "Leave a Reply", ...) that is not the article.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from . import publishing
from .models import Article, Author, Section

# A byline code as printed in parentheses at the end of an article: the authors' codes, then the editor's.
BYLINE_CODE = r"[A-Z][A-Z0-9]{1,7}(?: [A-Z0-9][A-Za-z0-9]{0,7}){0,3}"
BYLINE_AT_END = re.compile(rf"\s*\(({BYLINE_CODE})\)\s*$")
PAGE_CHROME = {"share", "bagikan", "leave a reply", "tinggalkan balasan"}
# No-break, thin and other unusual spaces that pasted text carries.
ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]")
RUNS_OF_SPACES = re.compile(r" {2,}")


class ArticleTextError(ValueError):
    """The text is not in the expected layout."""


@dataclass
class ParsedArticle:
    site_name: str
    headline: str
    paragraphs: list[str]
    byline_code: str

    @property
    def slug(self) -> str:
        return slugify(self.headline)[:200]

    @property
    def body_html(self) -> str:
        return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in self.paragraphs)


def normalise_spaces(line: str) -> str:
    return RUNS_OF_SPACES.sub(" ", ODD_SPACES.sub(" ", line)).strip()


def parse_article_text(text: str) -> ParsedArticle:
    """Split a saved page into site name, headline, paragraphs and byline code."""
    lines = [normalise_spaces(line) for line in text.replace("\r\n", "\n").split("\n")]
    blocks = [line for line in lines if line]
    if len(blocks) < 3:
        raise ArticleTextError("Expected a site name, a headline and at least one paragraph.")
    site_name, headline, *rest = blocks
    paragraphs: list[str] = []
    byline_code = ""
    for block in rest:
        if block.lower() in PAGE_CHROME:
            break
        match = BYLINE_AT_END.search(block)
        if match:
            byline_code = match.group(1)
            remainder = block[: match.start()].strip()
            if remainder:
                paragraphs.append(remainder)
            break
        paragraphs.append(block)
    if not paragraphs:
        raise ArticleTextError("The article has no paragraphs.")
    return ParsedArticle(
        site_name=site_name, headline=headline, paragraphs=paragraphs, byline_code=byline_code
    )


def save_parsed_article(
    parsed: ParsedArticle,
    *,
    section: Section,
    authors: list[Author] | None = None,
    tags: list[str] | None = None,
    dek: str | None = None,
    publish_at: datetime | None = None,
    featured: bool | None = None,
    **fields,
) -> tuple[Article, bool]:
    """Publish the article, or update the one with the same slug; publication time is kept on update.

    Summary, authors, tags and "featured" are changed only when given: an update without them keeps
    the article's. A new article without authors gets the author of its byline code.
    ``fields``: more of the article's fields, such as the demo's lead image.
    """
    # One transaction and one version, with the authors and tags.
    with publishing.recording():
        article = Article.objects.select_for_update().filter(slug=parsed.slug).first()
        created = article is None
        if created:
            article = Article(slug=parsed.slug, publish_at=publish_at or timezone.now())
            if authors is None and parsed.byline_code:
                authors = list(Author.objects.filter(byline_code=parsed.byline_code.split()[0]))
        given = {"dek": dek, "is_featured": featured}
        fields |= {name: value for name, value in given.items() if value is not None}
        fields |= {
            "headline": parsed.headline,
            "body": parsed.body_html,
            "byline_code": parsed.byline_code,
            "section": section,
        }
        for name, value in fields.items():
            setattr(article, name, value)
        # The byline rule reads the authors this import sets, or else those the article has.
        byline_authors = authors if authors is not None else article.authors.all() if article.pk else []
        publishing.publish(article, editor=None, authors=byline_authors, time_chosen=True)
        publishing.save_article(article)
        if authors is not None:
            article.authors.set(authors)
        if tags is not None:
            article.tags.set(tags)
        return article, created
