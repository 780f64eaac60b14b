import hashlib
import re
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import ExpressionWrapper, F, Q, Value
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


class DiscussionSettings(models.Model):
    """The comment rules, one row that editors and moderators change in the admin (comments/discussion.py).

    The first values come from the environment (COMMENTS_* in newsportal/settings.py).
    """

    hold_all = models.BooleanField(
        _("hold every comment"), help_text=_("Every comment waits for a moderator.")
    )
    approve_known_email = models.BooleanField(
        _("approve known emails"),
        help_text=_("An email address with an approved comment is approved at once (before the rule above)."),
    )
    max_links = models.PositiveSmallIntegerField(
        _("maximum links"),
        validators=[MaxValueValidator(100)],
        help_text=_("A comment with more links than this waits for a moderator."),
    )
    moderation_words = models.TextField(
        _("moderation words"),
        blank=True,
        max_length=10_000,
        help_text=_(
            "One word or phrase per line (or separated by commas): a comment with one of them, in its name, "
            "email, website, text or IP address, waits for a moderator. Whole words, any case."
        ),
    )
    disallowed_words = models.TextField(
        _("disallowed words"),
        blank=True,
        max_length=10_000,
        help_text=_("The same, but such a comment is marked as spam."),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        validators=[MaxValueValidator(3650)],
        help_text=_("Comments close this many days after publication; 0: never."),
    )
    max_depth = models.PositiveSmallIntegerField(
        _("maximum thread depth"),
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("How deep replies nest; 1: no replies."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("comments per page"),
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Top-level comments on one page of an article's comments."),
    )
    min_fill_seconds = models.PositiveSmallIntegerField(
        _("minimum fill time (seconds)"),
        validators=[MaxValueValidator(600)],
        help_text=_("A form sent sooner after it was shown is spam."),
    )
    rate_limit = models.PositiveSmallIntegerField(
        _("posts per IP address"),
        validators=[MaxValueValidator(10_000)],
        help_text=_("Posts one IP address may send within the window below; 0: no limit."),
    )
    rate_window_seconds = models.PositiveIntegerField(
        _("rate limit window (seconds)"), validators=[MinValueValidator(1), MaxValueValidator(86_400)]
    )
    notify_moderators = models.BooleanField(
        _("notify moderators"), help_text=_("Email moderators about every comment waiting for them.")
    )
    ip_retention_days = models.PositiveSmallIntegerField(
        _("keep IP addresses (days)"),
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("IP address and browser are cleared after this many days (purge_comment_ips)."),
    )
    privacy_request_hours = models.PositiveSmallIntegerField(
        _("privacy request deadline (hours)"),
        validators=[MinValueValidator(1), MaxValueValidator(24 * 90)],
        help_text=_("A request for a person's data or its erasure is late this many hours after it came in."),
    )

    class Meta:
        verbose_name = _("discussion settings")
        verbose_name_plural = _("discussion settings")

    def __str__(self):
        return str(_("Discussion settings"))

    @property
    def moderation_word_list(self) -> list[str]:
        return word_list(self.moderation_words)

    @property
    def disallowed_word_list(self) -> list[str]:
        return word_list(self.disallowed_words)


def word_list(text: str) -> list[str]:
    """The words and phrases of a settings field: one per line or separated by commas."""
    return [word.strip() for word in re.split(r"[\n,]", text) if word.strip()]


class PrivacyRequestQuerySet(models.QuerySet):
    def with_due_at(self, hours: int):
        """Annotate ``due_at``: when the request must be done by, ``hours`` after it came in."""
        return self.annotate(
            due_at=ExpressionWrapper(
                F("received_at") + Value(timedelta(hours=hours)), output_field=models.DateTimeField()
            )
        )


class PrivacyRequest(models.Model):
    """A person asking for a copy of their comments' data or for its erasure, as a moderator records it."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("A copy of their data")
        ERASE = "erase", _("Erasure of their data")

    email = models.EmailField(_("email"), help_text=_("The address the person commented with."))
    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    note = models.TextField(
        _("note"), blank=True, max_length=2000, help_text=_("How it came in, what was said.")
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = PrivacyRequestQuerySet.as_manager()

    class Meta:
        ordering = [F("done_at").desc(nulls_first=True), "received_at"]
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.email}"
