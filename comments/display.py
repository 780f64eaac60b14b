"""The comments under an article: the visible threads, flattened for one loop, and the reply form."""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from articles.fragments import cached_fragment
from newsportal.pagecache import per_version

from .cookies import own_comment_ids
from .discussion import current
from .forms import CommentForm, fill_time_token
from .models import Comment
from .moderation import comments_open

# What a reader's page may show of a comment; email, IP and browser are left in the database.
PUBLIC_FIELDS = [
    "id",
    "article_id",
    "parent_id",
    "depth",
    "author_name",
    "author_url",
    "text_html",
    "status",
    "submitted_at",
]


@dataclass
class ThreadItem:
    """One comment of the flattened threads, and how many lists of replies end after it."""

    comment: Comment
    closes: int = 0

    @property
    def closed_lists(self) -> range:
        """One item per list of replies that ends here, for the template to close it and its parent's <li>."""
        return range(self.closes)


@dataclass
class CommentSection:
    page: Page
    items: list[ThreadItem]
    count: int
    is_open: bool
    form: CommentForm | None  # one sent back with errors; a blank form is drawn from a kept fragment
    reply_to: Comment | None
    max_depth: int
    # The form's hidden fields: the comment it replies to and the signed time it was given.
    parent: str = ""
    token: str = ""


def threads(comments: list[Comment]) -> list[Comment]:
    """Top-level comments, each with ``children``; a reply whose parent is not shown is not shown either."""
    by_parent = defaultdict(list)
    for comment in comments:
        by_parent[comment.parent_id].append(comment)

    def attach(comment):
        comment.children = [attach(child) for child in by_parent[comment.pk]]
        return comment

    return [attach(comment) for comment in by_parent[None]]


def flatten(roots: list[Comment]) -> list[ThreadItem]:
    """The threads in reading order, so that one template loop draws them without an include per comment."""
    items = []

    def walk(comments):
        for comment in comments:
            items.append(ThreadItem(comment))
            if comment.children:
                walk(comment.children)
                items[-1].closes += 1  # its last descendant ends its list of replies

    walk(roots)
    return items


def count_approved(roots: list[Comment]) -> int:
    return sum(comment.is_approved + count_approved(comment.children) for comment in roots)


def comment_section(request, article, form: CommentForm | None = None) -> CommentSection:
    """Everything the article page shows of its comments, in one query."""
    own_ids = own_comment_ids(request)

    def visible() -> list[Comment]:
        return list(article.comments.visible_to(own_ids).only(*PUBLIC_FIELDS))

    # What every reader without a comment waiting sees: read once per content version, which every
    # moderation renews.
    comments = visible() if own_ids else per_version(request, f"comments:{article.pk}", visible)
    roots = threads(comments)
    rules = per_version(request, "discussion-settings", current)
    is_open = comments_open(article, rules)
    reply_to = None
    parent = token = ""
    if form is not None:
        reply_to = form.cleaned_data.get("parent") if hasattr(form, "cleaned_data") else None
        parent, token = form["parent"].value() or "", form["token"].value() or ""
    elif is_open:
        reply_to = next(
            (c for c in comments if str(c.pk) == request.GET.get("replytocom") and c.is_approved), None
        )
        parent, token = (reply_to.pk if reply_to else ""), fill_time_token(article.pk)
    page = Paginator(roots, rules.per_page).get_page(request.GET.get("cpage"))
    return CommentSection(
        page=page,
        items=flatten(page.object_list),
        count=count_approved(roots),
        is_open=is_open,
        form=form,
        reply_to=reply_to,
        max_depth=rules.max_depth,
        parent=parent,
        token=token,
    )


def comment_list_html(article, section: CommentSection) -> SafeString:
    """The heading and the comments of a section, kept per process under everything they show."""
    shown = (
        article.pk,
        article.headline,
        section.count,
        section.is_open,
        section.max_depth,
        section.page.number,
        section.page.paginator.num_pages,
        tuple(
            (
                item.comment.pk,
                item.comment.depth,
                item.comment.author_name,
                item.comment.author_url,
                item.comment.text_html,
                item.comment.status,
                item.comment.submitted_at,
                bool(item.comment.children),
                item.closes,
            )
            for item in section.items
        ),
    )
    return cached_fragment("comments/list.html", {"article": article, "comments": section}, shown)


def form_fields_html(article, form: CommentForm | None) -> SafeString:
    """The form's fields: a form sent back with errors shows what was typed, a blank one is kept per language.

    A blank form's fields are the same on every article for every reader (the parent and the signed
    time, which vary, are outside them), so one is made only when the fragment must be drawn.
    """
    if form is not None:
        return render_to_string("comments/fields.html", {"form": form})
    return cached_fragment(
        "comments/fields.html",
        lambda: {"form": CommentForm(article=article)},
        ("blank", settings.COMMENTS_MAX_LENGTH),
    )
