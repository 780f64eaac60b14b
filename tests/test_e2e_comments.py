"""Comments over HTTP through nginx and gunicorn: readers, a moderator, and many readers at once."""

import re
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from urllib.parse import urlencode

import pytest

from comments.models import Comment

from .conftest import SHARED_MAX_AGE, running_portal
from .factories import make_article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
AWAITING = "Komentar Anda sedang menunggu moderasi."


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A reader's browser: its own cookies, following redirects unless told not to."""

    def __init__(self, base_url, follow_redirects=True):
        self.base_url = base_url
        handlers = [urllib.request.HTTPCookieProcessor(CookieJar())]
        if not follow_redirects:
            handlers.append(NoRedirect())
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, path, data=None):
        body = urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, body, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def form_fields(self, path, form_id):
        """The hidden fields of a form on a page, as the browser would send them back."""
        _, html = self.request(path)
        form = html.split(f'id="{form_id}"', 1)[1].split("</form>", 1)[0]
        return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def reader_posts(browser, article, text, wait=1.1, **fields):
    data = browser.form_fields(article.get_absolute_url(), "commentform")
    time.sleep(wait)  # the server's minimum fill time
    data |= {"text": text, "author_name": "Dewi", "author_email": "dewi@example.net"} | fields
    return browser.request(f"/komentar/{article.pk}/", data)


def test_reader_posts_moderator_approves_and_then_everyone_sees_it(
    gunicorn_server, django_user_model, moderators_group
):
    article = make_article(headline="Jalan tol baru dibuka")
    moderator = django_user_model.objects.create_user("mod", password="kata-sandi-moderator", is_staff=True)
    moderator.groups.add(moderators_group)

    reader = Browser(gunicorn_server)
    status, page = reader_posts(reader, article, "Semoga macet berkurang.")
    assert status == 200
    assert "Semoga macet berkurang." in page and AWAITING in page

    _, fresh = Browser(gunicorn_server).request(article.get_absolute_url())
    assert "Semoga macet berkurang." not in fresh

    admin = Browser(gunicorn_server)
    login = admin.form_fields("/admin/login/", "login-form")
    status, _ = admin.request(
        "/admin/login/", login | {"username": "mod", "password": "kata-sandi-moderator"}
    )
    assert status == 200
    comment = Comment.objects.get()
    queue = admin.form_fields("/admin/comments/comment/", "changelist-form")
    status, result = admin.request(
        "/admin/comments/comment/",
        {
            "csrfmiddlewaretoken": queue["csrfmiddlewaretoken"],
            "action": "mark_approved",
            "_selected_action": comment.pk,
        },
    )
    assert status == 200 and "1 komentar ditandai" in result

    # The portal's own cache has the new page at once; nginx keeps the old one for up to s-maxage.
    deadline = time.monotonic() + SHARED_MAX_AGE + 5
    while True:
        status, fresh = Browser(gunicorn_server).request(article.get_absolute_url())
        assert status == 200
        if "Semoga macet berkurang." in fresh or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert "Semoga macet berkurang." in fresh and AWAITING not in fresh


def test_200_comments_from_8_readers_at_once_are_all_saved_exactly_once(gunicorn_server):
    article = make_article()
    per_reader = 25

    def reader(number):
        browser = Browser(gunicorn_server, follow_redirects=False)
        data = browser.form_fields(article.get_absolute_url(), "commentform")
        time.sleep(1.1)
        statuses = []
        for post in range(per_reader):
            fields = {"text": f"Pembaca {number}, komentar {post}", "author_name": f"Pembaca {number}"}
            fields["author_email"] = f"pembaca{number}@example.net"
            statuses.append(browser.request(f"/komentar/{article.pk}/", data | fields)[0])
        return statuses

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = [status for result in pool.map(reader, range(8)) for status in result]

    assert statuses == [303] * 200
    texts = list(Comment.objects.filter(article=article).values_list("text", flat=True))
    assert len(texts) == 200
    assert set(texts) == {f"Pembaca {r}, komentar {p}" for r in range(8) for p in range(per_reader)}


def test_rate_limit_is_shared_by_all_workers(tmp_path, collected_static, session_media_root):
    article = make_article()
    limits = {"COMMENTS_RATE_LIMIT": "5", "COMMENTS_MIN_FILL_SECONDS": "0"}
    with running_portal(tmp_path, collected_static, session_media_root, **limits) as url:
        statuses = [
            reader_posts(Browser(url, follow_redirects=False), article, f"Komentar ke-{n}", wait=0)[0]
            for n in range(8)
        ]
    assert statuses.count(303) == 5
    assert statuses[5:] == [429, 429, 429]
    assert Comment.objects.count() == 5
