"""Full-text search over an article's own text, in PostgreSQL's `indonesian` configuration.

Only the headline, summary and body are searched: nothing a commenter wrote or gave.
"""

from html import unescape

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import F, FloatField, Func, Q, TextField, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Concat, Now
from django.utils.html import escape
from django.utils.safestring import mark_safe

CONFIG = "indonesian"
MAX_QUERY_LENGTH = 200
# A tag, with quoted attribute values that may hold ">".
HTML_TAG = r'<(?:"[^"]*"|[^">])*>'
# PostgreSQL wraps matched words in these; they become <mark> once the rest is escaped.
MARK_START, MARK_END = "\ue000", "\ue001"
# Words around the body, so that a snippet shows whether it starts the body or ends it (else: "…").
BODY_START, BODY_END = "lensamancaawal", "lensamancaakhir"
ELLIPSIS = "…"
# A match this many days old weighs half as much as one published now, a third at twice the age.
RECENCY_DAYS = 90


def plain_text(html: Combinable) -> Func:
    """The HTML without its tags, in SQL."""
    return Func(
        html, Value(HTML_TAG), Value(" "), Value("g"), function="regexp_replace", output_field=TextField()
    )


def search_vector(article=None) -> SearchVector:
    """What Article.search_vector holds: headline weighs most, then the summary, then the body.

    Of the stored columns, or of ``article``'s values for the INSERT or UPDATE that writes them.
    """
    headline, dek, body = (
        F(name) if article is None else Value(getattr(article, name)) for name in ("headline", "dek", "body")
    )
    return (
        SearchVector(headline, weight="A", config=CONFIG)
        + SearchVector(dek, weight="B", config=CONFIG)
        + SearchVector(plain_text(body), weight="C", config=CONFIG)
    )


def search_query(text: str) -> SearchQuery:
    """A reader's words as a query: quotes, OR and -word work as in web search engines."""
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def rank(query: SearchQuery):
    """How well an article matches, weighed by its age: this week's news before the same words in 2021."""
    age_in_days = Func(
        Now() - F("publish_at"),
        template="EXTRACT(EPOCH FROM %(expressions)s) / 86400",
        output_field=FloatField(),
    )
    return SearchRank(F("search_vector"), query) / (1 + age_in_days / RECENCY_DAYS)


class HighlightedText(TextField):
    """ts_headline's text as safe HTML: all of it escaped, the matched words in <mark>."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        # Entities (&amp;) are decoded so that they are escaped exactly once; removed tags left spaces.
        words = unescape(value).split()
        # A snippet cut from the middle of the body says so at either end.
        words = words[1:] if words[:1] == [BODY_START] else [ELLIPSIS, *words]
        words = words[:-1] if words[-1:] == [BODY_END] else [*words, ELLIPSIS]
        html = escape(" ".join(words))
        return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


class Snippet(SearchHeadline):
    output_field = HighlightedText()


def snippet(query: SearchQuery) -> Snippet:
    """A phrase or two of the body around the matched words, three or four lines on a card."""
    return Snippet(
        Concat(
            Value(f"{BODY_START} "), plain_text(F("body")), Value(f" {BODY_END}"), output_field=TextField()
        ),
        query,
        config=CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        min_words=12,
        max_words=22,
        max_fragments=1,
    )


def simple_match(text: str) -> Q:
    """Where full-text search is missing (the SQLite demo): every word somewhere in the text."""
    condition = Q()
    for word in text.split():
        condition &= Q(headline__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word)
    return condition
