"""The moderators' part of the admin index: comments and privacy requests waiting for them."""

from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.dashboard import QUEUE_LENGTH, Queue, QueueItem

from .discussion import current
from .models import Comment, PrivacyRequest


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
    return [Queue(_("Comments waiting"), pending.count(), items, url), *privacy_queues(user)]


def privacy_queues(user) -> list[Queue]:
    """Privacy requests not done yet, the first due first, each with its deadline: two queries."""
    if not user.has_perm("comments.change_privacyrequest"):
        return []
    to_do = PrivacyRequest.objects.filter(done_at=None).with_due_at(current().privacy_request_hours)
    items = [
        QueueItem(
            f"{request.get_kind_display()}: {request.email}",
            reverse("admin:comments_privacyrequest_change", args=[request.pk]),
            _("due"),
            request.due_at,
        )
        for request in to_do.order_by("due_at")[:QUEUE_LENGTH]
    ]
    url = reverse("admin:comments_privacyrequest_changelist") + "?state=open"
    return [Queue(_("Privacy requests to do"), to_do.count(), items, url)]
