"""Every write of comments: post, moderate, delete, re-render; each then says which articles it changed."""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Article
from articles.signals import pages_changed
from newsportal.roles import MODERATORS_GROUP

from .discussion import current
from .forms import CommentForm
from .markup import text_to_html
from .models import Comment
from .moderation import decide

RERENDER_BATCH = 500


class DuplicateComment(Exception):
    """The same text is already on this article."""


def comments_changed(article_ids: Iterable[int], *, seen_by_readers: bool = True) -> None:
    """Called by every write of comments: these articles' comments changed; their stored counts are redone.

    A change readers see (not a comment left waiting for moderation) also retires the cached pages.
    """
    article_ids = set(article_ids)

    def count(comments: QuerySet[Comment]):
        per_article = comments.filter(article=OuterRef("pk")).order_by().values("article")
        return Coalesce(Subquery(per_article.annotate(number=Count("pk")).values("number")), 0)

    Article.objects.filter(pk__in=article_ids).update(
        approved_comment_count=count(Comment.objects.approved()),
        pending_comment_count=count(Comment.objects.pending()),
    )
    if seen_by_readers:
        pages_changed.send(sender=Comment, article_ids=article_ids)


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
    if comment.status == Comment.Status.SPAM:
        return comment  # shown nowhere, counted nowhere
    comments_changed([comment.article_id], seen_by_readers=comment.status == Comment.Status.APPROVED)
    if comment.status == Comment.Status.PENDING and current().notify_moderators:
        transaction.on_commit(lambda: notify_moderators(comment, site_url=site_url))
    return comment


def reply_as_newsroom(*, parent: Comment, text: str, user) -> Comment:
    """An approved reply signed with the site's name, as deep as replies nest; a comment still waiting
    is approved with it (WordPress's "Approve and Reply")."""
    while parent.depth >= settings.COMMENTS_MAX_DEPTH:
        parent = parent.parent
    reply = Comment(
        article=parent.article,
        parent=parent,
        author_name=settings.SITE_NAME,
        author_email=user.email or settings.DEFAULT_FROM_EMAIL,
        text=text,
        status=Comment.Status.APPROVED,
    )
    try:
        with transaction.atomic():
            reply.save()
            if parent.status == Comment.Status.PENDING:
                Comment.objects.filter(pk=parent.pk).update(status=Comment.Status.APPROVED)
    except IntegrityError as error:
        raise DuplicateComment from error
    comments_changed([reply.article_id])
    return reply


@transaction.atomic
def moderate(comments: QuerySet[Comment], status: Comment.Status) -> int:
    """Move these comments to ``status``; return how many changed."""
    changing = comments.exclude(status=status)
    article_ids = set(changing.values_list("article_id", flat=True))
    changed = changing.update(status=status)
    comments_changed(article_ids)
    return changed


@transaction.atomic
def delete_comments(comments: QuerySet[Comment]) -> None:
    """Delete these comments and the replies to them."""
    article_ids = set(comments.values_list("article_id", flat=True))
    comments.delete()
    comments_changed(article_ids)


def rerender_all(report: Callable[[str], None]) -> int:
    """Make every comment's HTML again (after comments.markup changes), with a progress line per batch."""
    pages = Paginator(Comment.objects.only("pk", "article_id", "text").order_by("pk"), RERENDER_BATCH)
    done = 0
    for number in pages.page_range:
        batch = list(pages.page(number))
        for comment in batch:
            comment.text_html = text_to_html(comment.text)
        with transaction.atomic():
            Comment.objects.bulk_update(batch, ["text_html"])
            comments_changed({comment.article_id for comment in batch})
        done += len(batch)
        report(f"[{done}/{pages.count}] comments")
    return done


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
