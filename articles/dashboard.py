"""What waits for the newsroom, shown on the admin index."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Article

QUEUE_LENGTH = 10


@dataclass(frozen=True)
class Queue:
    title: str
    count: int
    items: list
    url: str


def newsroom_queues(user) -> list[Queue]:
    """Articles in review and scheduled ones that this user may open, a few of each, in three queries."""
    if not user.has_perm("articles.view_article"):
        return []
    articles = Article.objects.editable_by(user)
    now = timezone.now()
    in_review = Q(status=Article.Status.IN_REVIEW)
    scheduled = Q(status=Article.Status.PUBLISHED, publish_at__gt=now)
    counts = articles.aggregate(
        in_review=Count("pk", filter=in_review), scheduled=Count("pk", filter=scheduled)
    )
    listing = articles.for_listing()
    changelist = reverse("admin:articles_article_changelist")
    # After the comments app is merged: append its queue of pending comments here.
    return [
        Queue(
            _("In review"),
            counts["in_review"],
            list(listing.filter(in_review).order_by("publish_at")[:QUEUE_LENGTH]),
            f"{changelist}?publication={Article.Status.IN_REVIEW}",
        ),
        Queue(
            _("Scheduled"),
            counts["scheduled"],
            list(listing.filter(scheduled).order_by("publish_at")[:QUEUE_LENGTH]),
            f"{changelist}?publication=scheduled",
        ),
    ]
