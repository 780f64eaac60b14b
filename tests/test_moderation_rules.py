"""Each moderation rule, on and off through its discussion setting, decided by comments.moderation.decide."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from comments.moderation import FormSignals, comments_open, decide, matches_any_word

from .factories import make_article, make_comment, set_discussion

pytestmark = pytest.mark.django_db
HUMAN = FormSignals(honeypot_filled=False, seconds_to_fill=30)


@pytest.fixture
def article():
    return make_article()


@pytest.fixture
def open_rules(db):
    """Every rule off: a comment is approved unless a rule under test says otherwise."""
    set_discussion(
        hold_all=False,
        approve_known_email=False,
        moderation_words="",
        disallowed_words="",
        max_links=2,
        min_fill_seconds=3,
    )


def new_comment(article, **fields):
    fields.setdefault("author_name", "Rina")
    fields.setdefault("author_email", "rina@example.net")
    fields.setdefault("text", "Komentar biasa.")
    return Comment(article=article, **fields)


def test_hold_all_is_on_by_default(article):
    assert decide(new_comment(article), HUMAN) == Comment.Status.PENDING


def test_hold_all_off_approves(article, open_rules):
    assert decide(new_comment(article), HUMAN) == Comment.Status.APPROVED


def test_known_email_is_approved_when_that_rule_is_on(article, settings):
    make_comment(article, author_email="Rina@Example.net", status=Comment.Status.APPROVED)
    set_discussion(hold_all=True, approve_known_email=True)
    assert decide(new_comment(article), HUMAN) == Comment.Status.APPROVED
    set_discussion(approve_known_email=False)
    assert decide(new_comment(article), HUMAN) == Comment.Status.PENDING


def test_email_with_only_pending_comments_is_not_known(article, settings):
    make_comment(article, author_email="rina@example.net", status=Comment.Status.PENDING)
    set_discussion(approve_known_email=True)
    assert decide(new_comment(article), HUMAN) == Comment.Status.PENDING


def test_more_links_than_allowed_holds_the_comment(article, open_rules):
    two = "Lihat https://a.example dan http://b.example"
    three = two + " juga www.c.example"
    assert decide(new_comment(article, text=two), HUMAN) == Comment.Status.APPROVED
    assert decide(new_comment(article, text=three), HUMAN) == Comment.Status.PENDING
    set_discussion(max_links=3)
    assert decide(new_comment(article, text=three), HUMAN) == Comment.Status.APPROVED


def test_moderation_words_hold_the_comment(article, open_rules):
    set_discussion(moderation_words="pinjol")
    assert decide(new_comment(article, text="Tawaran PINJOL murah"), HUMAN) == Comment.Status.PENDING
    set_discussion(moderation_words="")
    assert decide(new_comment(article, text="Tawaran PINJOL murah"), HUMAN) == Comment.Status.APPROVED


@pytest.mark.parametrize(
    "fields",
    [
        {"author_name": "Judi Slot Gacor"},
        {"author_email": "gacor@slot.example"},
        {"author_url": "https://slot.example/gacor"},
        {"text": "Main di sini, GACOR setiap hari!"},
        {"ip_address": "203.0.113.9"},
    ],
)
def test_disallowed_words_mark_spam_in_any_field(article, open_rules, fields):
    set_discussion(disallowed_words="gacor\n203.0.113.9")
    assert decide(new_comment(article, **fields), HUMAN) == Comment.Status.SPAM
    set_discussion(disallowed_words="")
    assert decide(new_comment(article, **fields), HUMAN) == Comment.Status.APPROVED


def test_words_match_whole_words_only_unlike_wordpress():
    assert matches_any_word(["press"], "Press release")
    assert not matches_any_word(["press"], "Situs saya memakai WordPress")
    assert not matches_any_word(["203.0.113.9"], "203.0.113.99")
    assert matches_any_word(["kata kasar"], "ini KATA  kasar? tidak, ini kata kasar.")
    assert not matches_any_word([], "apa saja")
    assert not matches_any_word(["  "], "apa saja")


def test_disallowed_words_win_over_an_approved_email(article, open_rules):
    make_comment(article, author_email="rina@example.net")
    set_discussion(approve_known_email=True, disallowed_words="gacor")
    assert decide(new_comment(article, text="gacor"), HUMAN) == Comment.Status.SPAM


def test_honeypot_filled_is_spam(article, open_rules):
    assert decide(new_comment(article), FormSignals(True, 30)) == Comment.Status.SPAM


def test_form_sent_faster_than_the_minimum_fill_time_is_spam(article, open_rules):
    assert decide(new_comment(article), FormSignals(False, 1)) == Comment.Status.SPAM
    set_discussion(min_fill_seconds=0)
    assert decide(new_comment(article), FormSignals(False, 1)) == Comment.Status.APPROVED


def test_form_without_a_valid_signed_time_is_spam(article, open_rules):
    assert decide(new_comment(article), FormSignals(False, None)) == Comment.Status.SPAM


def test_comments_close_after_the_set_number_of_days(settings):
    article = make_article(publish_at=timezone.now() - timedelta(days=10))
    set_discussion(close_after_days=0)
    assert comments_open(article)
    set_discussion(close_after_days=14)
    assert comments_open(article)
    set_discussion(close_after_days=7)
    assert not comments_open(article)


def test_closed_article_shows_comments_are_closed(client, settings):
    set_discussion(close_after_days=7)
    article = make_article(publish_at=timezone.now() - timedelta(days=10))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Komentar ditutup." in html
