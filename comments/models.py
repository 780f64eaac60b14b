import hashlib

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .markup import text_to_html


def text_digest(text: str) -> str:
    """What duplicate detection compares: the text with white space and case folded."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def visible_to(self, own_ids):
        """Approved comments, and the reader's own ones still awaiting moderation."""
        if not own_ids:
            return self.approved()
        return self.filter(
            Q(status=Comment.Status.APPROVED) | Q(status=Comment.Status.PENDING, pk__in=own_ids)
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=1, editable=False)
    author_name = models.CharField(_("name"), max_length=100)
    author_email = models.EmailField(_("email"), max_length=254, help_text=_("Never published."))
    author_url = models.URLField(_("website"), max_length=200, blank=True)
    text = models.TextField(_("comment"))
    # NULL once a text is erased, so erased comments never count as duplicates of each other.
    text_digest = models.CharField(max_length=64, null=True, editable=False)  # noqa: DJ001
    # The text as readers get it, made on save (comments.markup) so that a page view prints it as it is.
    text_html = models.TextField(editable=False, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            # The article page: one article's approved comments, oldest first.
            models.Index(fields=["article", "status", "submitted_at"], name="comment_article_status_idx"),
            models.Index(fields=["status", "-submitted_at"], name="comment_queue_idx"),
            models.Index(fields=["author_email", "status"], name="comment_email_status_idx"),
        ]
        constraints = [
            # The same text twice on one article is a duplicate, even when two requests race.
            models.UniqueConstraint(
                fields=["article", "text_digest"], name="comment_unique_text_per_article"
            ),
        ]

    def __str__(self):
        return f"{self.author_name}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.depth = self.parent.depth + 1 if self.parent_id else 1
        self.text_digest = text_digest(self.text) if self.text else None
        self.text_html = text_to_html(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED
