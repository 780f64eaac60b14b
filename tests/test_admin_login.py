"""The newsroom's login: locked after repeated failures, alike for any username; a password reset by email."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import mail
from django.test import Client
from django.utils import timezone

from .factories import make_user

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"
PASSWORD = "kopi-tubruk-pagi-hari"
WRONG = "dan sandi yang benar untuk akun staf"
LOCKED = "Terlalu banyak kegagalan masuk untuk nama pengguna ini dari alamat Anda."


@pytest.fixture
def reporter_account():
    return make_user(username="rina", password=PASSWORD, groups=["Reporters"])


def log_in(client, username, password):
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": "/admin/"})


def fail_until_locked(client, username, limit):
    """Wrong passwords ``limit`` times; the statuses, and the page of the last."""
    responses = [log_in(client, username, "salah") for _ in range(limit)]
    return [response.status_code for response in responses], responses[-1].content.decode()


@pytest.mark.parametrize("username", ["rina", "tidak-ada"])
def test_an_account_is_locked_after_the_set_number_of_failures_and_the_page_says_so(
    client, reporter_account, settings, username
):
    statuses, html = fail_until_locked(client, username, settings.AXES_FAILURE_LIMIT)
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert LOCKED in html
    assert "dikunci selama 15 menit" in html
    response = log_in(client, username, PASSWORD)
    assert response.status_code == 429


def test_failures_before_the_limit_say_the_same_for_a_known_and_an_unknown_username(client, reporter_account):
    known = log_in(client, "rina", "salah")
    unknown = log_in(client, "tidak-ada", "salah")
    assert known.status_code == unknown.status_code == 200
    assert WRONG in known.content.decode() and WRONG in unknown.content.decode()

    def page(response, username):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode()).replace(
            username, "NAME"
        )

    assert page(known, "rina") == page(unknown, "tidak-ada")


def test_a_known_and_an_unknown_username_cost_the_same_password_hashing(
    client, reporter_account, monkeypatch
):
    """The same work, so the answer takes as long: a password is hashed once either way."""
    calls = []
    encode = PBKDF2PasswordHasher.encode

    def counted(self, password, salt, iterations=None):
        calls.append(password)
        return encode(self, password, salt, iterations)

    monkeypatch.setattr(PBKDF2PasswordHasher, "encode", counted)
    log_in(client, "rina", "salah")
    log_in(client, "tidak-ada", "salah")
    assert calls == ["salah", "salah"]


def test_the_lock_holds_only_that_username_from_that_address(reporter_account, settings):
    fail_until_locked(Client(REMOTE_ADDR="203.0.113.7"), "rina", settings.AXES_FAILURE_LIMIT)
    assert log_in(Client(REMOTE_ADDR="198.51.100.2"), "rina", PASSWORD).status_code == 302
    other = make_user(username="budi", password=PASSWORD)
    assert log_in(Client(REMOTE_ADDR="203.0.113.7"), other.username, PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, reporter_account, settings):
    fail_until_locked(client, "rina", settings.AXES_FAILURE_LIMIT)
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)):
        assert log_in(client, "rina", PASSWORD).status_code == 302


def test_an_administrator_unlocks_an_account_by_deleting_its_failed_attempts(
    reporter_account, admin_client, settings
):
    reader = Client()
    fail_until_locked(reader, "rina", settings.AXES_FAILURE_LIMIT)
    attempts = admin_client.get("/admin/axes/accessattempt/")
    assert attempts.status_code == 200
    (attempt,) = attempts.context["cl"].result_list
    response = admin_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert log_in(reader, "rina", PASSWORD).status_code == 302


def test_a_successful_login_forgets_the_earlier_failures(client, reporter_account, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "rina", "salah")
    assert log_in(client, "rina", PASSWORD).status_code == 302
    client.logout()
    assert log_in(client, "rina", "salah").status_code == 200


def test_a_staff_member_resets_a_forgotten_password_from_the_login_page(client):
    make_user(username="sari", email="sari@redaksi.example", password="lama-sekali-123")
    login = client.get(LOGIN_URL)
    assert login.status_code == 200
    assert 'href="/admin/password_reset/"' in login.content.decode()

    response = client.post("/admin/password_reset/", {"email": "sari@redaksi.example"})
    assert response.status_code == 302
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/admin/reset/\S+/)", message.body).group(1)

    form = client.get(link, follow=True)
    assert form.status_code == 200
    new_password = "teh-manis-sore-hari"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert done.status_code == 200
    assert log_in(Client(), "sari", new_password).status_code == 302


@pytest.mark.parametrize("email", ["tidak-ada@example.net", "pembaca@example.net"])
def test_a_password_reset_sends_nothing_to_an_unknown_or_non_staff_address_and_says_the_same(client, email):
    make_user(username="pembaca", email="pembaca@example.net", password="lama-sekali-123", is_staff=False)
    response = client.post("/admin/password_reset/", {"email": email}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/admin/password_reset/done/", 302)]
    assert mail.outbox == []
