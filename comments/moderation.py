"""The moderation rules: one function decides what becomes of a new comment.

Each rule is one of the discussion settings (comments/discussion.py), read when used.
In order: spam signals (honeypot, a form filled too fast or forged, disallowed
words) make spam; moderation words and too many links hold the comment; an
email with an approved comment already is approved when that rule is on;
otherwise the comment is held when "hold every comment" is on, else approved.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from .discussion import current
from .models import Comment, DiscussionSettings

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


@dataclass(frozen=True)
class FormSignals:
    """What the submitted form says about the one who sent it."""

    honeypot_filled: bool = False
    seconds_to_fill: float | None = None  # None: the form's signed timestamp was missing or forged


def matches_any_word(words: list[str], *texts: str) -> bool:
    """Whole-word, any-case match: "press" matches "Press" but not "WordPress"."""
    words = [word.strip() for word in words if word.strip()]
    if not words:
        return False
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
    return any(pattern.search(text) for text in texts if text)


def is_spam_signal(signals: FormSignals, rules: DiscussionSettings) -> bool:
    if signals.honeypot_filled or signals.seconds_to_fill is None:
        return True
    return signals.seconds_to_fill < rules.min_fill_seconds


def decide(comment: Comment, signals: FormSignals | None = None) -> str:
    """The status a new comment gets under the discussion settings."""
    rules = current()
    if signals is not None and is_spam_signal(signals, rules):
        return Comment.Status.SPAM
    fields = (
        comment.author_name,
        comment.author_email,
        comment.author_url,
        comment.text,
        comment.ip_address or "",
    )
    if matches_any_word(rules.disallowed_word_list, *fields):
        return Comment.Status.SPAM
    if matches_any_word(rules.moderation_word_list, *fields):
        return Comment.Status.PENDING
    if len(LINK.findall(comment.text)) > rules.max_links:
        return Comment.Status.PENDING
    if rules.approve_known_email and has_approved_comment(comment.author_email):
        return Comment.Status.APPROVED
    if rules.hold_all:
        return Comment.Status.PENDING
    return Comment.Status.APPROVED


def has_approved_comment(email: str) -> bool:
    return Comment.objects.approved().filter(author_email__iexact=email).exists()


def comments_open(article, rules: DiscussionSettings | None = None) -> bool:
    """Whether readers may still comment on the article."""
    if not article.allow_comments:
        return False
    days = (rules or current()).close_after_days
    return not days or timezone.now() < article.publish_at + timedelta(days=days)
