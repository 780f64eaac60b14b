"""A commenter's personal data: IP addresses kept for a while, export and erasure on request."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Comment
from .services import comments_changed

ERASED_NAME = "Anonim"


def ip_retention_cutoff(older_than_days: int | None = None) -> datetime:
    """Comments submitted before this time keep no IP address or browser (COMMENTS_IP_RETENTION_DAYS)."""
    if older_than_days is None:
        older_than_days = settings.COMMENTS_IP_RETENTION_DAYS
    return timezone.now() - timedelta(days=older_than_days)


def purge_ips(*, older_than_days: int) -> int:
    """Clear IP address and browser of comments older than the given number of days."""
    # No page shows or counts what this clears, so no article's comments change for readers.
    cutoff = ip_retention_cutoff(older_than_days)
    return (
        Comment.objects.filter(submitted_at__lt=cutoff)
        .filter(Q(ip_address__isnull=False) | ~Q(user_agent=""))
        .update(ip_address=None, user_agent="")
    )


def comments_by(email: str):
    return Comment.objects.filter(author_email__iexact=email.strip()).select_related("article__section")


def export_data(email: str) -> list[dict]:
    """Everything kept about the comments posted with this email address."""
    return [
        {
            "article": comment.article.headline,
            "article_url": comment.article.get_absolute_url(),
            "comment_id": comment.pk,
            "in_reply_to": comment.parent_id,
            "name": comment.author_name,
            "email": comment.author_email,
            "website": comment.author_url,
            "text": comment.text,
            "status": comment.status,
            "submitted_at": comment.submitted_at.isoformat(),
            "ip_address": comment.ip_address,
            "user_agent": comment.user_agent,
        }
        for comment in comments_by(email)
    ]


@transaction.atomic
def erase_data(email: str, *, remove_text: bool = False) -> int:
    """Anonymise the comments posted with this email address; with ``remove_text`` their text goes too."""
    changes = {
        "author_name": ERASED_NAME,
        "author_email": "",
        "author_url": "",
        "ip_address": None,
        "user_agent": "",
    }
    if remove_text:
        changes |= {"text": "", "text_digest": None, "text_html": ""}
    comments = comments_by(email)
    article_ids = set(comments.values_list("article_id", flat=True))
    erased = comments.update(**changes)
    comments_changed(article_ids)
    return erased
