"""The comments under an article: the visible threads, the reply form, and the reader's cookies."""

import json
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Page, Paginator

from .forms import CommentForm
from .models import Comment
from .moderation import comments_open

OWN_COMMENTS_COOKIE = "own_comments"
OWN_COMMENTS_SALT = "comments.own"
OWN_COMMENTS_KEPT = 20
AUTHOR_COOKIE = "comment_author"
COOKIE_AGE = 365 * 24 * 3600
# What a reader's page may show of a comment; email, IP and browser are left in the database.
PUBLIC_FIELDS = [
    "id",
    "article_id",
    "parent_id",
    "depth",
    "author_name",
    "author_url",
    "text",
    "status",
    "submitted_at",
]


@dataclass
class CommentSection:
    page: Page
    count: int
    is_open: bool
    form: CommentForm | None
    reply_to: Comment | None
    max_depth: int


def own_comment_ids(request) -> list[int]:
    """The comments this browser posted that may still await moderation."""
    value = request.get_signed_cookie(OWN_COMMENTS_COOKIE, default="", salt=OWN_COMMENTS_SALT)
    return [int(part) for part in value.split(",") if part.isdigit()]


def remember_own_comment(request, response, comment: Comment) -> None:
    ids = [comment.pk, *own_comment_ids(request)][:OWN_COMMENTS_KEPT]
    response.set_signed_cookie(
        OWN_COMMENTS_COOKIE,
        ",".join(map(str, ids)),
        salt=OWN_COMMENTS_SALT,
        max_age=30 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.HTTPS,
    )


def remember_author(response, form: CommentForm) -> None:
    """Keep name, email and website for the next form when the reader ticked the box; forget them if not."""
    if not form.cleaned_data["remember"]:
        response.delete_cookie(AUTHOR_COOKIE, samesite="Lax")
        return
    details = {
        "name": form.cleaned_data["author_name"],
        "email": form.cleaned_data["author_email"],
        "url": form.cleaned_data["author_url"],
    }
    # Read by the page's script to fill the form, so not HttpOnly; never read by the server.
    response.set_cookie(
        AUTHOR_COOKIE,
        quote(json.dumps(details), safe=""),
        max_age=COOKIE_AGE,
        samesite="Lax",
        secure=settings.HTTPS,
    )


def threads(comments: list[Comment]) -> list[Comment]:
    """Top-level comments, each with ``children``; a reply whose parent is not shown is not shown either."""
    by_parent = defaultdict(list)
    for comment in comments:
        by_parent[comment.parent_id].append(comment)

    def attach(comment):
        comment.children = [attach(child) for child in by_parent[comment.pk]]
        return comment

    return [attach(comment) for comment in by_parent[None]]


def count_approved(roots: list[Comment]) -> int:
    return sum(comment.is_approved + count_approved(comment.children) for comment in roots)


def comment_section(request, article, form: CommentForm | None = None) -> CommentSection:
    """Everything the article page shows of its comments, in one query."""
    comments = list(article.comments.visible_to(own_comment_ids(request)).only(*PUBLIC_FIELDS))
    roots = threads(comments)
    is_open = comments_open(article)
    reply_to = None
    if form is None and is_open:
        reply_to = next(
            (c for c in comments if str(c.pk) == request.GET.get("replytocom") and c.is_approved), None
        )
        form = CommentForm(article=article, initial={"parent": reply_to.pk if reply_to else None})
    elif form is not None:
        reply_to = form.cleaned_data.get("parent") if hasattr(form, "cleaned_data") else None
    page = Paginator(roots, settings.COMMENTS_PER_PAGE).get_page(request.GET.get("cpage"))
    return CommentSection(
        page=page,
        count=count_approved(roots),
        is_open=is_open,
        form=form,
        reply_to=reply_to,
        max_depth=settings.COMMENTS_MAX_DEPTH,
    )
