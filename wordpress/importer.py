"""Bringing a WordPress site over from its export: authors, sections, tags, posts with their pictures and
comments, and the old addresses.

Everything is written through the portal's own paths: articles through ``articles.publishing`` (its
sanitiser and publishing rule), pictures through the upload checks of ``articles.images``, comments
through ``comments.models`` and ``comments.services``. What was imported is remembered by WordPress ID
(``ImportedObject``), so that a second run changes nothing and a newer export updates only what
WordPress changed and the newsroom did not.
"""

import contextlib
import hashlib
import ipaddress
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from datetime import timezone as dt_timezone
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from taggit.models import Tag

from articles import images, publishing
from articles.models import Article, Author, BodyImage, Section, validate_section_slug
from comments.models import Comment, text_digest
from comments.privacy import ip_retention_cutoff
from comments.services import comments_changed
from newsportal.roles import REPORTERS_GROUP
from pages.models import Page

from . import bodies, wxr
from .models import ImportedObject, Redirect

Kind = ImportedObject.Kind

NO_DATE = "0000-00-00 00:00:00"
UPLOADS = "/wp-content/uploads/"
# WordPress's resized copies: photo-300x200.jpg is a size of photo.jpg.
SIZED_COPY = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
UPLOAD_URL = re.compile(r"""(?:src|href)=(["'])([^"']*/wp-content/uploads/[^"']+)\1""", re.IGNORECASE)
DEFAULT_CATEGORY = "uncategorized"
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}
PUBLIC_STATUSES = {"publish", "future"}
PAGE_ORDER_MAX = 32767  # what Page.order (a PositiveSmallIntegerField) holds


@dataclass
class Summary:
    """What a run did, counted, and what it left out, with reasons, one line each."""

    counts: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def report(self, line: str) -> None:
        self.problems.append(line)


def fingerprint(*values) -> str:
    return hashlib.sha256(repr(values).encode()).hexdigest()


def unique_value(wanted: str, taken: Callable[[str], bool], max_length: int) -> str:
    """``wanted``, or it with a number added, cut to ``max_length``: the first that is not taken."""
    candidate, number = wanted[:max_length], 1
    while taken(candidate):
        number += 1
        suffix = f"-{number}" if not wanted.isupper() else str(number)
        candidate = wanted[: max_length - len(suffix)] + suffix
    return candidate


def initials(name: str) -> str:
    """A byline code for an author from WordPress, which has none: the initials, e.g. “MRS”."""
    words = [word for word in re.split(r"[^A-Za-z0-9]+", slugify(name).replace("-", " ")) if word]
    code = "".join(word[0] for word in words).upper()
    if len(code) < 2:
        code = "".join(words).upper()[:3]
    return code[:8].ljust(2, "X")


def permalink_path(item: wxr.Item) -> set[str]:
    """The path (and query) of the item's permalink in the export, unless it is the site's root."""
    link = urlsplit(item.link)
    path = unquote(link.path) + (f"?{link.query}" if link.query else "")
    return set() if path in ("", "/") else {path}


class WordPressImport:
    """One run of ``import_wordpress`` over one export file."""

    def __init__(
        self,
        path: Path,
        *,
        media_dir: Path | None = None,
        default_section: str = "Berita",
        time_zone: str | None = None,
        staff_accounts: bool = False,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.path = path
        self.media_dir = media_dir.resolve() if media_dir else None
        self.default_section_name = default_section
        self.time_zone = ZoneInfo(time_zone or settings.TIME_ZONE)
        self.staff_accounts = staff_accounts
        self.dry_run = dry_run
        self.progress = progress or (lambda done, total: None)
        self.summary = Summary()
        self.authors: dict[str, Author] = {}
        self.sections: dict[str, Section] = {}
        self.tags: dict[str, Tag] = {}

    # The run ---------------------------------------------------------------------------------------

    def run(self) -> Summary:
        """Read the export (a bad file raises ``wxr.WXRError`` before anything is written), then import it."""
        self.export = wxr.scan(self.path)
        self.site = (self.export.site.base_site_url or self.export.site.link).rstrip("/")[:200]
        # A dry run is one transaction, rolled back: later posts see what earlier ones would have made.
        with transaction.atomic() if self.dry_run else contextlib.nullcontext():
            with transaction.atomic():
                self.import_authors()
                self.import_categories()
                self.import_tags()
            self.import_items()
            if self.dry_run:
                transaction.set_rollback(True)
        return self.summary

    def import_items(self) -> None:
        total = self.export.item_count
        for number, item in enumerate(wxr.items(self.path), start=1):
            if item.post_type == "post":
                self.import_post(item)
            elif item.post_type == "page":
                self.import_page(item)
            elif item.post_type != "attachment":
                self.summary.skipped[f"items of type “{item.post_type}”"] += 1
            self.progress(number, total)

    def mapped(self, kind: str, key, guid: str = "") -> ImportedObject | None:
        found = ImportedObject.objects.filter(site=self.site, kind=kind, key=str(key)).first()
        if found is None and guid:
            found = ImportedObject.objects.filter(site=self.site, kind=kind, guid=guid).first()
        return found

    def record(self, kind: str, key, obj) -> ImportedObject:
        """A new record of what a WordPress object became, to be saved with others of its post."""
        return ImportedObject(site=self.site, kind=kind, key=str(key), object_id=obj.pk)

    def remember(self, kind: str, key, obj, **fields) -> None:
        """Record (or record again) what a WordPress object became, in one query."""
        record = ImportedObject(site=self.site, kind=kind, key=str(key), object_id=obj.pk, **fields)
        ImportedObject.objects.bulk_create(
            [record],
            update_conflicts=True,
            unique_fields=["site", "kind", "key"],
            update_fields=["object_id", *fields],
        )

    def mapped_object(self, model, kind: str, key):
        record = self.mapped(kind, key)
        return model.objects.filter(pk=record.object_id).first() if record else None

    # Authors, categories, tags ---------------------------------------------------------------------

    def import_authors(self) -> None:
        for fields in self.export.authors:
            login = fields.get("wp:author_login", "").strip()
            if not login:
                continue
            author = self.mapped_object(Author, Kind.AUTHOR, login)
            if author is None:
                author = self.new_author(login, fields)
                self.remember(Kind.AUTHOR, login, author)
            if self.staff_accounts and author.user_id is None:
                author.user = self.staff_account(login, fields)
                author.save(update_fields=["user"])
            self.authors[login] = author
            # WordPress's author address uses the login made safe for a URL ("user_nicename").
            self.add_redirects({f"/author/{login}/", f"/author/{slugify(login)}/"}, author=author)
            self.add_redirects({f"/author/{slugify(login)}/feed/"}, author=author, feed=True)
            if author_id := fields.get("wp:author_id", "").strip():
                self.add_redirects({f"/?author={author_id}"}, author=author)

    def new_author(self, login: str, fields: dict[str, str]) -> Author:
        slug = slugify(login) or "penulis"
        existing = Author.objects.filter(slug=slug).first()
        if existing is not None:
            self.summary.counts["authors matched"] += 1
            return existing
        full_name = " ".join(
            filter(None, [fields.get("wp:author_first_name"), fields.get("wp:author_last_name")])
        )
        name = unescape(fields.get("wp:author_display_name", "").strip() or full_name.strip() or login)[:120]
        code = unique_value(
            initials(name), lambda code: Author.objects.filter(byline_code=code).exists(), max_length=8
        )
        self.summary.counts["authors created"] += 1
        return Author.objects.create(name=name, slug=slug[:120], byline_code=code)

    def staff_account(self, login: str, fields: dict[str, str]) -> User:
        """A newsroom account without a usable password: its owner sets one through "forgot password"."""
        user = User.objects.filter(username=login).first()
        if user is None:
            user = User(
                username=login[:150],
                email=fields.get("wp:author_email", ""),
                first_name=fields.get("wp:author_first_name", "")[:150],
                last_name=fields.get("wp:author_last_name", "")[:150],
                is_staff=True,
            )
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=REPORTERS_GROUP))
            self.summary.counts["staff accounts created"] += 1
        return user

    def import_categories(self) -> None:
        parents, term_ids = {}, {}
        for fields in self.export.categories:
            slug = unquote(fields.get("wp:category_nicename", "")).strip()
            if not slug:
                continue
            parents[slug] = unquote(fields.get("wp:category_parent", "")).strip()
            term_ids[slug] = fields.get("wp:term_id", "").strip()
            if slug == DEFAULT_CATEGORY:
                section = self.default_section()
            else:
                section = self.mapped_object(Section, Kind.CATEGORY, slug) or self.new_section(slug, fields)
                self.remember(Kind.CATEGORY, slug, section)
            self.sections[slug] = section
        for slug, parent in parents.items():
            # A child category's address names its parents: /category/berita/politik/.
            chain = [slug]
            while parent and parent not in chain and len(chain) < 10:
                chain.insert(0, parent)
                parent = parents.get(parent)
            paths = {f"/category/{slug}/", f"/category/{'/'.join(chain)}/"}
            by_id = {f"/?cat={term_ids[slug]}"} if term_ids[slug] else set()
            self.add_redirects(paths | by_id, section=self.sections[slug])
            self.add_redirects({f"{path}feed/" for path in paths}, section=self.sections[slug], feed=True)

    def default_section(self) -> Section:
        """The section named by ``--default-section``, for WordPress's "Uncategorized"."""
        if "" not in self.sections:
            name = self.default_section_name
            section = Section.objects.filter(name=name).first()
            if section is None:
                section = self.new_section(slugify(name) or "berita", {"wp:cat_name": name})
            self.sections[""] = section
        return self.sections[""]

    def new_section(self, slug: str, fields: dict[str, str]) -> Section:
        existing = Section.objects.filter(slug=slug).first()
        if existing is not None:
            self.summary.counts["sections matched"] += 1
            return existing
        name = unescape(fields.get("wp:cat_name", "").strip() or slug)[:80]
        wanted_slug = slug
        try:
            validate_section_slug(slug)
        except ValidationError:
            wanted_slug = f"rubrik-{slug}"
            self.summary.report(
                f"category “{name}”: /{slug}/ is a page of the portal; its section is /{wanted_slug}/"
            )
        section = Section.objects.create(
            name=unique_value(name, lambda value: Section.objects.filter(name=value).exists(), 80),
            slug=unique_value(wanted_slug, lambda value: Section.objects.filter(slug=value).exists(), 80),
            description=fields.get("wp:category_description", ""),
        )
        self.summary.counts["sections created"] += 1
        return section

    def import_tags(self) -> None:
        for fields in self.export.tags:
            self.tag(unquote(fields.get("wp:tag_slug", "")).strip(), fields.get("wp:tag_name", ""))

    def tag(self, slug: str, name: str) -> Tag | None:
        if not slug:
            return None
        if slug not in self.tags:
            name = unescape(name).strip()[:100] or slug
            tag = (
                self.mapped_object(Tag, Kind.TAG, slug)
                or Tag.objects.filter(slug=slug).first()
                or Tag.objects.filter(name=name).first()
            )
            if tag is None:
                tag = Tag.objects.create(name=name, slug=slug[:100])
                self.summary.counts["tags created"] += 1
            self.remember(Kind.TAG, slug, tag)
            self.add_redirects({f"/tag/{slug}/"}, tag=tag)
            self.add_redirects({f"/tag/{slug}/feed/"}, tag=tag, feed=True)
            self.tags[slug] = tag
        return self.tags[slug]

    # Posts ---------------------------------------------------------------------------------------

    def import_post(self, item: wxr.Item) -> None:
        self.in_own_transaction("post", item, self._import_post)

    def in_own_transaction(self, kind: str, item: wxr.Item, import_item) -> None:
        """One post or page in its own transaction: a broken one is reported and skipped, the rest lands."""
        try:
            with transaction.atomic():
                import_item(item)
        except Exception as error:  # noqa: BLE001 - any failure of one item is reported, not fatal
            self.summary.skipped[f"{kind}s that failed"] += 1
            self.summary.report(f"{kind} {item.post_id} “{unescape(item.title)}”: {error}")

    def write_changes(self, kind: str, model, item: wxr.Item, print_: str, write):
        """What ``item`` became in an earlier run (or a new ``model``), written with ``write`` when it is new,
        or WordPress changed it since and the newsroom did not; counted either way."""
        record = self.mapped(kind, item.post_id, item.guid)
        obj = model.objects.filter(pk=record.object_id).first() if record else None
        if obj is None:
            obj, outcome = model(), "created"
        elif record.fingerprint == print_:
            outcome = "unchanged"
        elif obj.updated_at > record.object_updated_at:
            outcome = "kept (changed in the newsroom since the last import)"
        else:
            outcome = "updated"
        if outcome in ("created", "updated"):
            write(item, obj, print_)
        self.summary.counts[f"{kind}s {outcome}"] += 1
        return obj

    def _import_post(self, item: wxr.Item) -> None:
        print_ = fingerprint(
            item.title, item.content, item.excerpt, item.status, item.post_date, item.post_date_gmt,
            item.post_name, item.categories, item.creator, item.is_sticky, item.comment_status,
            item.post_password, item.meta.get("_thumbnail_id"),
        )  # fmt: skip
        article = self.write_changes(Kind.POST, Article, item, print_, self.write_post)
        self.import_comments(item, article)

    def title_and_body(self, kind: str, item: wxr.Item, *, byline: bool = True) -> tuple[str, bodies.Body]:
        """The item's title and its body converted; the shortcodes left out of it are reported."""
        title = unescape(item.title).strip() or f"WordPress {item.post_id}"
        body = bodies.convert(item.content, byline=byline)
        for name, count in body.shortcodes.items():
            self.summary.report(f"{kind} {item.post_id} “{title}”: shortcode [{name}] left out ({count}×)")
        return title, body

    def report_if_hidden(self, kind: str, item: wxr.Item, title: str, imported_as: str) -> None:
        """A private or password-protected item is imported where readers cannot see it: say so."""
        if item.status == "private" or item.post_password:
            reason = "private" if item.status == "private" else "password-protected"
            self.summary.report(
                f"{kind} {item.post_id} “{title}”: {reason} in WordPress, imported {imported_as}"
            )

    def write_post(self, item: wxr.Item, article: Article, print_: str) -> None:
        title, body = self.title_and_body("post", item)
        article.headline = title[:200]
        if article._state.adding:
            article.slug = self.article_slug(item, title)
        article.dek = strip_tags(unescape(item.excerpt)).strip()[:500]
        article.section = self.post_section(item)
        article.byline_code = body.byline_code
        article.is_featured = item.is_sticky
        article.allow_comments = item.comment_status == "open"
        article.publish_at = self.post_date(item) or article.publish_at or timezone.now()
        authors = [self.authors[item.creator]] if item.creator in self.authors else []
        public = item.status in PUBLIC_STATUSES and not item.post_password
        if public:
            article.status = Article.Status.DRAFT  # so that the publishing rule applies as to any new article
            publishing.publish(article, editor=None, authors=authors, time_chosen=True)
        else:
            article.status = Article.Status.IN_REVIEW if item.status == "pending" else Article.Status.DRAFT
            self.report_if_hidden("post", item, title, "as a draft")
        new_lead_image = self.lead_image(item, article, title)
        article.body = body.html
        publishing.save_article(article)
        if new_lead_image:
            self.remember(Kind.PICTURE, f"{item.post_id}:lead", article)
        article.authors.add(*authors)
        article.tags.add(*filter(None, (self.tag(slug, name) for slug, name in item.terms("post_tag"))))
        if self.body_pictures(item, article, title):
            publishing.save_article(article)
        self.remember(
            Kind.POST, item.post_id, article, guid=item.guid[:300], fingerprint=print_,
            object_updated_at=article.updated_at,
        )  # fmt: skip
        if public:
            self.post_redirects(item, article)

    def article_slug(self, item: wxr.Item, title: str) -> str:
        wanted = (
            slugify(unquote(item.post_name), allow_unicode=True) or slugify(title) or f"wp-{item.post_id}"
        )
        return unique_value(wanted, lambda slug: Article.objects.filter(slug=slug).exists(), 200)

    def post_section(self, item: wxr.Item) -> Section:
        """The post's first category other than the default; "Uncategorized" is the default section."""
        categories = [unquote(slug) for slug, _name in item.terms("category")]
        named = [slug for slug in categories if slug != DEFAULT_CATEGORY and slug in self.sections]
        if len(named) > 1:
            self.summary.counts["posts in more than one category (the first is the section)"] += 1
        return self.sections[named[0]] if named else self.default_section()

    def post_date(self, item: wxr.Item) -> datetime | None:
        return wordpress_time(item.post_date_gmt, item.post_date, self.time_zone)

    def post_redirects(self, item: wxr.Item, article: Article) -> None:
        """The addresses WordPress gave the post: its permalink, by ID, and the usual permalink structures."""
        local = (
            datetime.fromisoformat(item.post_date) if item.post_date.strip() not in ("", NO_DATE) else None
        )
        slug = unquote(item.post_name).strip()
        paths = {f"/?p={item.post_id}"} | permalink_path(item)
        if slug:
            paths.add(f"/{slug}/")
            if local:
                paths |= {f"/{local:%Y/%m/%d}/{slug}/", f"/{local:%Y/%m}/{slug}/"}
        self.add_redirects(paths, article=article)

    def add_redirects(self, old_paths: set[str], **target) -> None:
        """Let these old addresses lead to the target, except one that is the target's own address too."""
        targets = ("article", "section", "author", "tag", "page")
        fields = {**dict.fromkeys(targets), "feed": False, **target}
        old_paths = {old_path[:300] for old_path in old_paths} - {Redirect(**fields).target_url()}
        known = set(Redirect.objects.filter(old_path__in=old_paths).values_list("old_path", flat=True))
        Redirect.objects.bulk_create(
            [Redirect(old_path=old_path, **fields) for old_path in old_paths],
            update_conflicts=True,
            unique_fields=["old_path"],
            update_fields=list(fields),
        )
        self.summary.counts["redirects"] += len(old_paths - known)

    # Pages ---------------------------------------------------------------------------------------

    def import_page(self, item: wxr.Item) -> None:
        self.in_own_transaction("page", item, self._import_page)

    def _import_page(self, item: wxr.Item) -> None:
        print_ = fingerprint(
            item.title, item.content, item.status, item.post_name, item.post_password, item.menu_order
        )
        page = self.write_changes(Kind.PAGE, Page, item, print_, self.write_page)
        if page.is_published:
            self.page_redirects(item, page)

    def write_page(self, item: wxr.Item, page: Page, print_: str) -> None:
        """A page of the old site as a page of this one (/halaman/<slug>/): published if it was public."""
        title, body = self.title_and_body("page", item, byline=False)
        page.title = title[:120]
        if page._state.adding:
            wanted = slugify(unquote(item.post_name)) or slugify(title) or f"wp-{item.post_id}"
            page.slug = unique_value(wanted, lambda slug: Page.objects.filter(slug=slug).exists(), 120)
        page.body = body.html
        page.order = min(max(item.menu_order, 0), PAGE_ORDER_MAX)
        page.is_published = item.status == "publish" and not item.post_password
        self.report_if_hidden("page", item, title, "unpublished")
        page.save()
        self.remember(
            Kind.PAGE, item.post_id, page, guid=item.guid[:300], fingerprint=print_,
            object_updated_at=page.updated_at,
        )  # fmt: skip

    def page_redirects(self, item: wxr.Item, page: Page) -> None:
        """The page's WordPress addresses: its permalink, by ID, and its slug at the root."""
        paths = {f"/?page_id={item.post_id}"} | permalink_path(item)
        if slug := unquote(item.post_name).strip():
            paths.add(f"/{slug}/")
        self.add_redirects(paths, page=page)

    # Pictures ------------------------------------------------------------------------------------

    def upload_file(self, url: str) -> tuple[str, Path | None]:
        """The path under uploads/ that an address of the old site names, and that file in ``--media-dir``."""
        relative = unquote(urlsplit(url).path).split(UPLOADS, 1)[-1].lstrip("/")
        if self.media_dir is None:
            return relative, None
        for candidate in (SIZED_COPY.sub("", relative), relative):
            file = (self.media_dir / candidate).resolve()
            if file.is_relative_to(self.media_dir) and file.is_file():
                return candidate, file
        return relative, None

    def cleaned_picture(self, url: str, title: str, item: wxr.Item):
        """The picture at the old address, checked like an upload, or None (reported)."""
        relative, file = self.upload_file(url)
        where = f"post {item.post_id} “{title}”: picture {relative}"
        if file is None:
            reason = "no --media-dir given" if self.media_dir is None else "not in --media-dir"
            self.summary.report(f"{where}: {reason}; imported without it")
            self.summary.skipped["pictures missing"] += 1
            return relative, None
        try:
            with file.open("rb") as handle:
                return relative, images.clean_image(File(handle, name=file.name))
        except ValidationError as error:
            self.summary.report(f"{where}: {' '.join(error.messages)}")
            self.summary.skipped["pictures refused by the upload checks"] += 1
            return relative, None

    def attachment_for(self, relative: str) -> wxr.Item | None:
        return self.export.attachments.get(self.export.attached_files.get(relative, 0))

    def lead_image(self, item: wxr.Item, article: Article, title: str) -> bool:
        """Set the post's featured image (``_thumbnail_id``) unless an earlier run brought it; say if set."""
        attachment = self.export.attachments.get(wxr.number(item.meta.get("_thumbnail_id", "")))
        if attachment is None or (article.lead_image and self.mapped(Kind.PICTURE, f"{item.post_id}:lead")):
            return False
        _relative, picture = self.cleaned_picture(attachment.attachment_url, title, item)
        if picture is None:
            return False
        self.summary.counts["pictures"] += 1
        if self.dry_run:
            return False
        article.lead_image.save(picture.name, picture, save=False)
        article.lead_image_alt = self.alt_text(attachment, title)
        article.lead_image_caption = strip_tags(unescape(attachment.excerpt)).strip()[:300]
        return True

    def alt_text(self, attachment: wxr.Item | None, fallback: str) -> str:
        alt = attachment.meta.get("_wp_attachment_image_alt", "") if attachment else ""
        return (
            unescape(alt).strip() or unescape(attachment.title if attachment else "").strip() or fallback
        )[:250]

    def body_pictures(self, item: wxr.Item, article: Article, title: str) -> bool:
        """Bring the pictures the body shows from the old site's uploads and point the body at them."""
        urls = {match.group(2) for match in UPLOAD_URL.finditer(bodies.convert(item.content).html)}
        new_urls = {}
        for url in sorted(urls):
            relative, _file = self.upload_file(url)
            key = f"{item.post_id}:{relative}"
            existing = self.mapped_object(BodyImage, Kind.PICTURE, key)
            if existing is None:
                relative, picture = self.cleaned_picture(url, title, item)
                if picture is None:
                    continue
                self.summary.counts["pictures"] += 1
                if self.dry_run:
                    continue
                attachment = self.attachment_for(relative)
                existing = BodyImage(
                    article=article,
                    alt=self.alt_text(attachment, title),
                    caption=strip_tags(unescape(attachment.excerpt)).strip()[:300] if attachment else "",
                )
                existing.image.save(picture.name, picture, save=False)
                existing.save()
                self.remember(Kind.PICTURE, key, existing)
            new_urls[url] = existing.image.url
        if not new_urls:
            return False
        article.body = bodies.convert(item.content).html
        for old, new in new_urls.items():
            article.body = article.body.replace(old, new)
        return True

    # Comments --------------------------------------------------------------------------------------

    def import_comments(self, item: wxr.Item, article: Article) -> None:
        """The post's comments not imported yet, parents before replies, as deep as the portal allows.

        What was imported and which texts the article has are read once per post, not once per comment.
        """
        by_id = {comment.id: comment for comment in item.comments}
        known = dict(
            ImportedObject.objects.filter(
                site=self.site, kind=Kind.COMMENT, key__in=[str(key) for key in by_id]
            ).values_list("key", "object_id")
        )
        existing = Comment.objects.in_bulk(known.values())
        saved: dict[int, Comment | None] = {
            int(key): existing.get(object_id) for key, object_id in known.items()
        }
        texts = set(Comment.objects.filter(article=article).values_list("text_digest", flat=True))
        cutoff = ip_retention_cutoff()
        records = []

        def saved_comment(wp_comment: wxr.WPComment) -> Comment | None:
            if wp_comment.id in saved:
                return saved[wp_comment.id]
            saved[wp_comment.id] = None  # a loop of parents ends here
            parent = saved_comment(by_id[wp_comment.parent]) if wp_comment.parent in by_id else None
            while parent is not None and parent.depth >= settings.COMMENTS_MAX_DEPTH:
                parent = parent.parent
            comment = self.new_comment(wp_comment, article, parent, cutoff, texts)
            if comment is not None:
                records.append(self.record(Kind.COMMENT, wp_comment.id, comment))
                saved[wp_comment.id] = comment
            return comment

        for wp_comment in item.comments:
            if wp_comment.type in ("pingback", "trackback"):
                self.summary.skipped[f"{wp_comment.type}s"] += 1
            else:
                saved_comment(wp_comment)
        if records:
            ImportedObject.objects.bulk_create(records)
            comments_changed([article.pk])

    def new_comment(
        self, wp_comment: wxr.WPComment, article: Article, parent, cutoff, texts: set[str]
    ) -> Comment | None:
        status = COMMENT_STATUSES.get(wp_comment.approved.strip())
        if status is None:
            self.summary.skipped[f"comments with status “{wp_comment.approved}”"] += 1
            return None
        if text_digest(wp_comment.content) in texts:
            self.summary.skipped["comments repeating an earlier comment's text on the same post"] += 1
            return None
        submitted_at = self.comment_date(wp_comment)
        kept = submitted_at >= cutoff
        comment = Comment(
            article=article,
            parent=parent,
            author_name=unescape(wp_comment.author).strip()[:100] or "Anonim",
            author_email=wp_comment.email.strip()[:254],
            author_url=wp_comment.url.strip() if len(wp_comment.url.strip()) <= 200 else "",
            text=wp_comment.content,
            status=status,
            submitted_at=submitted_at,
            ip_address=valid_ip(wp_comment.ip) if kept else None,
            user_agent=wp_comment.agent.strip()[:300] if kept else "",
        )
        comment.save()
        texts.add(comment.text_digest)
        self.summary.counts[f"comments {status.value}"] += 1
        return comment

    def comment_date(self, wp_comment: wxr.WPComment) -> datetime:
        return wordpress_time(wp_comment.date_gmt, wp_comment.date, self.time_zone) or timezone.now()


def wordpress_time(gmt: str, local: str, zone: ZoneInfo) -> datetime | None:
    """The GMT time when set (a draft has zeros there), else the local one in the site's time zone."""
    for text, text_zone in ((gmt, dt_timezone.utc), (local, zone)):
        text = text.strip()
        if text and text != NO_DATE:
            try:
                return datetime.fromisoformat(text).replace(tzinfo=text_zone)
            except ValueError:
                continue
    return None


def valid_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None
