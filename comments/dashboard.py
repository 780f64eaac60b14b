"""The moderators' part of the admin index: comments waiting for them."""

from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.dashboard import QUEUE_LENGTH, Queue, QueueItem

from .models import Comment


def moderation_queues(user) -> list[Queue]:
    """Pending comments, newest first, for those who may moderate them: two queries."""
    if not user.has_perm("comments.change_comment"):
        return []
    pending = Comment.objects.pending().select_related("article").order_by("-submitted_at")
    items = [
        QueueItem(
            f"{comment.author_name}: {truncatewords(comment.text, 12)}",
            reverse("admin:comments_comment_change", args=[comment.pk]),
            comment.article.headline,
            comment.submitted_at,
        )
        for comment in pending[:QUEUE_LENGTH]
    ]
    changelist = reverse("admin:comments_comment_changelist")
    url = f"{changelist}?status__exact={Comment.Status.PENDING}"
    return [Queue(_("Comments waiting"), pending.count(), items, url)]
