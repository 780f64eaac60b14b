"""Writes that span more than one step: saving a comment, then telling the moderators."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from newsportal.roles import MODERATORS_GROUP

from .forms import CommentForm
from .models import Comment
from .moderation import decide


class DuplicateComment(Exception):
    """The same text is already on this article."""


def submit_comment(*, form: CommentForm, ip_address: str | None, user_agent: str, site_url: str) -> Comment:
    """Save a valid comment with the status the rules decide; moderators hear of a pending one."""
    comment = form.save(commit=False)
    comment.ip_address = ip_address
    comment.user_agent = user_agent[: Comment._meta.get_field("user_agent").max_length]
    comment.status = decide(comment, form.signals())
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError as error:
        # Another request saved the same text between validation and now.
        raise DuplicateComment from error
    if comment.status == Comment.Status.PENDING and settings.COMMENTS_NOTIFY_MODERATORS:
        transaction.on_commit(lambda: notify_moderators(comment, site_url=site_url))
    return comment


def moderator_emails() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def notify_moderators(comment: Comment, *, site_url: str) -> int:
    """Email every active moderator about a comment waiting for them; return how many were sent."""
    recipients = moderator_emails()
    if not recipients:
        return 0
    admin_url = site_url.rstrip("/") + reverse("admin:comments_comment_change", args=[comment.pk])
    subject = _("New comment awaiting moderation: %(headline)s") % {"headline": comment.article.headline}
    body = render_to_string(
        "comments/email/moderation_notice.txt", {"comment": comment, "admin_url": admin_url}
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    return send_mass_mail(messages, fail_silently=False)
