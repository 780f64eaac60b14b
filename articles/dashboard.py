"""What waits for the newsroom, shown on the admin index."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Article
from .permissions import can_preview, can_publish, editable_articles

QUEUE_LENGTH = 10


@dataclass(frozen=True)
class QueueItem:
    label: str
    url: str
    note: str
    time: datetime


@dataclass(frozen=True)
class Queue:
    title: str
    count: int
    items: list[QueueItem]
    url: str


def newsroom_queues(user) -> list[Queue]:
    """Articles in review, and for editors scheduled ones, that this user may open: two queries a queue."""
    if not can_preview(user):
        return []
    articles = editable_articles(user).select_related("section").order_by("publish_at")
    waiting = [(_("In review"), articles.filter(status=Article.Status.IN_REVIEW), Article.Status.IN_REVIEW)]
    if can_publish(user):
        waiting.append((_("Scheduled"), articles.scheduled(), "scheduled"))
    changelist = reverse("admin:articles_article_changelist")
    return [
        Queue(
            title,
            queryset.count(),
            [
                QueueItem(
                    article.headline,
                    reverse("admin:articles_article_change", args=[article.pk]),
                    article.section.name,
                    article.publish_at,
                )
                for article in queryset[:QUEUE_LENGTH]
            ],
            f"{changelist}?publication={publication}",
        )
        for title, queryset, publication in waiting
    ]
