"""The cookies a comment's author gets: which pending comments are theirs, and the details to fill in."""

import json
from urllib.parse import quote

from django.conf import settings

from .forms import CommentForm
from .models import Comment

OWN_COMMENTS_COOKIE = "own_comments"
OWN_COMMENTS_SALT = "comments.own"
OWN_COMMENTS_KEPT = 20
AUTHOR_COOKIE = "comment_author"
COOKIE_AGE = 365 * 24 * 3600


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
