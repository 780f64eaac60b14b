"""An article's versions, kept by django-reversion: every save of an article (articles/publishing.py) is a
revision holding it, with its tags, who saved it and when. Read here for the history and the comparison
of two versions; a restore is written by publishing.py.

A version is the article in Django's JSON, with its tag names added (``Serializer`` below, the
``article_json`` format of ``SERIALIZATION_MODULES``): taggit's tags are not serialised otherwise.
"""

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import unescape

import reversion
from django.core.serializers import json as django_json
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString
from reversion.models import Version

from .models import Article

FORMAT = "article_json"

# Derived on write, or kept by counters of their own: not what the newsroom wrote.
NOT_KEPT = [
    "body_html",
    "search_vector",
    "view_count",
    "approved_comment_count",
    "pending_comment_count",
    "created_at",
    "updated_at",
    "tags",  # kept as names, by Serializer
]
# What the comparison shows and a restore brings back.
COMPARED = ["headline", "dek", "body", "byline_code", "tags"]
# Where the body's blocks end: the comparison keeps its paragraphs apart.
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|figure)>|<br\s*/?>", re.IGNORECASE)


def register() -> None:
    reversion.register(Article, exclude=NOT_KEPT, format=FORMAT)


class Serializer(django_json.Serializer):
    """Django's JSON with the article's tag names; a version is taken again after each change of its tags."""

    def get_dump_object(self, obj):
        data = super().get_dump_object(obj)
        data["fields"]["tag_names"] = sorted(obj.tags.names())
        return data


Deserializer = django_json.Deserializer  # reading a version leaves the tag names out (no such field)


@dataclass
class ArticleVersion:
    """One saved version of an article, numbered from 1 (the first save)."""

    version: Version
    number: int

    @property
    def revision(self):
        return self.version.revision

    @cached_property
    def fields(self) -> dict:
        return self.version.field_dict

    @cached_property
    def tags(self) -> list[str]:
        (article,) = json.loads(self.version.serialized_data)
        return article["fields"].get("tag_names", [])

    @property
    def status(self) -> str:
        return Article.Status(self.fields["status"]).label

    def text(self, name: str) -> str:
        """A compared field as text: the body without its markup, the tags as a list."""
        if name == "tags":
            return ", ".join(self.tags)
        if name == "body":
            return unescape(strip_tags(BLOCK_END.sub("\n\n", self.fields["body"])))
        return self.fields[name]

    def changed_from(self, older: "ArticleVersion | None") -> list[str]:
        """What this version changed: the names of the compared fields (and the status) that differ."""
        if older is None:
            return []
        names = [name for name in COMPARED if self.text(name) != older.text(name)]
        if self.fields["status"] != older.fields["status"]:
            names.append("status")
        return [Article._meta.get_field(name).verbose_name for name in names]


def history(article: Article) -> list[ArticleVersion]:
    """The article's versions, newest first, in one query however many there are."""
    versions = list(Version.objects.get_for_object(article).select_related("revision__user"))
    return [ArticleVersion(version, len(versions) - index) for index, version in enumerate(versions)]


def latest_version(article: Article) -> Version | None:
    return Version.objects.get_for_object(article).first()


@dataclass
class Difference:
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new

    @property
    def words(self) -> SafeString:
        return word_diff(self.old, self.new)


def compare(old: ArticleVersion, new: ArticleVersion) -> list[Difference]:
    """The compared fields of two versions, each with its word-level differences."""
    return [
        Difference(Article._meta.get_field(name).verbose_name, old.text(name), new.text(name))
        for name in COMPARED
    ]


def word_diff(old: str, new: str) -> SafeString:
    """The new text with the words taken out in <del> and the words put in <ins>; line breaks kept."""
    before, after = re.findall(r"\n|\S+", old), re.findall(r"\n|\S+", new)
    pieces = []
    for operation, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if operation == "equal":
            pieces.append(("{}", before[i1:i2]))
            continue
        if i2 > i1:
            pieces.append(("<del>{}</del>", before[i1:i2]))
        if j2 > j1:
            pieces.append(("<ins>{}</ins>", after[j1:j2]))
    return format_html_join(" ", "{}", ((format_html(tag, " ".join(words)),) for tag, words in pieces))
