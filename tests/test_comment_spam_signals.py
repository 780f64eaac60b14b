"""The honeypot, the signed fill time and the rate limit, through the form as a browser posts it."""

import time

import pytest
from django.core import signing

from comments.forms import TOKEN_SALT
from comments.models import Comment

from .factories import comment_form_data, make_article, post_comment, set_discussion

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article()


def test_honeypot_filled_saves_the_comment_as_spam_and_shows_it_to_nobody(client, article):
    response = post_comment(client, article, phone="0812345678", text="Beli sekarang")
    assert response.status_code == 303
    assert Comment.objects.get().status == Comment.Status.SPAM
    assert "Beli sekarang" not in client.get(article.get_absolute_url()).content.decode()


def test_form_sent_within_the_minimum_fill_time_is_spam(client, article, settings):
    set_discussion(min_fill_seconds=5)
    token = signing.dumps({"article": article.pk, "time": time.time() - 1}, salt=TOKEN_SALT)
    post_comment(client, article, token=token)
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_form_filled_slowly_is_not_spam(client, article, settings):
    set_discussion(min_fill_seconds=5)
    post_comment(client, article)
    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "token",
    [
        "",
        "forged",
        signing.dumps({"article": 0, "time": 1.0}, salt="another.salt"),
    ],
)
def test_missing_or_forged_fill_time_is_spam(client, article, token):
    post_comment(client, article, token=token)
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_fill_time_signed_for_another_article_is_spam(client, article):
    other = make_article()
    token = signing.dumps({"article": other.pk, "time": time.time() - 60}, salt=TOKEN_SALT)
    post_comment(client, article, token=token)
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_the_form_on_the_page_carries_a_signed_fill_time(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    token = html.split('name="token" value="', 1)[1].split('"', 1)[0]
    data = signing.loads(token, salt=TOKEN_SALT)
    assert data["article"] == article.pk
    assert time.time() - data["time"] < 60


def test_rate_limit_answers_429_with_a_readable_page(client, article, settings):
    set_discussion(rate_limit=3)
    for number in range(3):
        assert post_comment(client, article, text=f"Komentar {number}").status_code == 303
    response = post_comment(client, article, text="Satu lagi")
    assert response.status_code == 429
    assert "Tunggu beberapa menit" in response.content.decode()
    assert Comment.objects.count() == 3


def test_rate_limit_is_per_address(client, article, settings):
    set_discussion(rate_limit=1)
    assert post_comment(client, article, text="Dari alamat pertama").status_code == 303
    response = client.post(
        f"/komentar/{article.pk}/",
        comment_form_data(article, text="Dari alamat kedua"),
        REMOTE_ADDR="192.0.2.7",
    )
    assert response.status_code == 303


def test_rate_limit_off_when_set_to_zero(client, article, settings):
    set_discussion(rate_limit=0)
    for number in range(8):
        assert post_comment(client, article, text=f"Komentar {number}").status_code == 303
