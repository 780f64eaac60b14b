"""Our own fuzz test: every URL pattern, every query parameter and form field its pages offer, hostile values.

Each role (a reader, a reporter, an editor, a moderator, a superuser) opens every address the URLconf
has, reads the forms, the links with a query, and the admin's autocomplete fields off each page it
gets, and sends each parameter and field, one at a time, values from a hostile corpus: NUL, lone
surrogates, 4-byte and overlong UTF-8, huge numbers, SQL, template syntax, script; then whole bodies
in wrong charsets and broken multipart. No answer may be a 5xx or show a traceback. Each request is
rolled back, so that every one meets the same data.
"""

import hashlib
import itertools
import logging
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, quote_from_bytes, urlsplit

import lxml.html
import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from reversion.models import Version

from comments.models import PrivacyRequest
from pages.models import Page
from wordpress.models import Redirect

from .factories import make_article, make_author, make_body_image, make_comment, make_user, set_discussion

pytestmark = pytest.mark.django_db

CORPUS: list[bytes] = [
    b"",
    b"\x00",
    b"a\x00b",
    b"\xed\xa0\x80",  # a lone surrogate (U+D800) in UTF-8
    b"\xed\xb0\x80x\xed\xa0\x80",
    "🦖𝒳 ok".encode(),  # 4-byte UTF-8
    b"\xc0\xaf",  # "/" in overlong UTF-8
    b"\xe0\x80\xae\xe0\x80\xae\xc0\xaf",  # "../", overlong
    b"\xff\xfe\xfd",
    b"999999999999999999999",
    b"-99999999999999999999",
    b"1e309",
    b"NaN",
    b"0x7fffffff",
    b"' OR '1'='1' --",
    b"1; DROP TABLE articles_article",
    b"1)) UNION SELECT password FROM auth_user --",
    b"{{ settings.SECRET_KEY }}{% debug %}",
    b"${7*7}#{7*7}<%= 7*7 %>",
    b"<script>alert(1)</script>",
    b'"><img src=x onerror=alert(1)>',
    b"javascript:alert(1)",
    b"../../../../etc/passwd",
    b"\r\nSet-Cookie: x=1",
    "\u202e\ufeff\u200b".encode(),
    b"9999-12-31 23:59:59",
    b"0000-00-00",
    b"%00%ED%A0%80",
    b"x" * 70_000,
]

MULTIPART_HEAD = f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=".encode()
# Whole bodies: (Content-Type, body).
BODIES: list[tuple[str, bytes]] = [
    ("application/x-www-form-urlencoded; charset=utf-16", b"text=halo&q=1"),
    ("application/x-www-form-urlencoded; charset=latin-1", b"text=caf\xe9"),
    ("application/x-www-form-urlencoded; charset=no-such-charset", b"text=halo"),
    ("multipart/form-data", b"text=halo"),
    ("multipart/form-data; boundary=", b"--\r\n\r\n"),
    (MULTIPART_CONTENT, MULTIPART_HEAD + b'"text"\r\n\r\nhalo'),  # never ends
    (MULTIPART_CONTENT, MULTIPART_HEAD + b'"text"; filename="\xed\xa0\x80.jpg"\r\n\r\n\xff\xd8\r\n--x'),
    (MULTIPART_CONTENT, f"--{BOUNDARY}\r\nContent-Type: text/plain; charset=utf-16\r\n\r\nx".encode()),
    ("application/json", b'{"text": "\\ud800", "a": [[[[[[[[[[[[[]]]]]]]]]]]]]}'),
    ("text/plain", b"\x00" * 1000),
]
# Values per field and role: the corpus turns by one field at a time, so that over the fields of one
# page every value is sent, and each role sends its own slice.
VALUES_PER_FIELD = 1
# Sent to every address as well: a page number no decoder reads, and a NUL.
ODD_QUERY = "page=%ED%A0%80&x=%00"
ROLES = ["anonymous", "reporter", "editor", "moderator", "superuser"]


@dataclass(frozen=True)
class Target:
    """Something to send hostile values to: a method, a path, and its fields with their usual values."""

    method: str
    path: str
    fields: tuple[tuple[str, str], ...]
    files: tuple[str, ...] = ()


@dataclass
class Run:
    sent: set = field(default_factory=set)
    failures: list = field(default_factory=list)
    fields: set = field(default_factory=set)


def url_patterns(patterns=None, namespace=None):
    """Every URL pattern, with its name (namespaced) or None."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, pattern.namespace or namespace)
        else:
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield pattern, name


def model_of(name: str):
    """The model of an admin URL name such as ``admin:articles_article_change``."""
    for model in apps.get_models():
        if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


def version_of(obj) -> int:
    """The id of a kept version of ``obj`` (articles/versions.py), for the history's addresses; 0 if none."""
    return Version.objects.get_for_object(obj).values_list("pk", flat=True).first() or 0


def address(pattern: URLPattern, name: str | None, data) -> str:
    """A real address for one URL pattern, over the test's data."""
    article = data["article"]
    day = timezone.localtime(article.publish_at)
    if name is None:
        route = str(pattern.pattern)
        if "media" in route:
            return "/media/tidak-ada.jpg"
        if "object_id" in route:
            return f"/admin/articles/article/{article.pk}/"
        return "/admin/tidak-ada/"
    if model := model_of(name):
        obj = model._default_manager.order_by("pk").first()
        kwargs = {"object_id": obj.pk, "id": obj.pk}
        if "version_id" in pattern.pattern.converters:
            kwargs["version_id"] = version_of(obj)
        kwargs = {key: value for key, value in kwargs.items() if key in pattern.pattern.converters}
        return reverse(name, kwargs=kwargs)
    date = {"year": day.year, "month": day.month, "day": day.day}
    kwargs = {
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(article).pk,
            "object_id": article.pk,
        },
        "admin:app_list": {"app_label": "articles"},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "sitemap-section": {"section": "articles"},
        "comments:post": {"article_id": article.pk},
        "comments:token": {"article_id": article.pk},
        "articles:archive-year": {"year": day.year},
        "articles:archive-month": {"year": day.year, "month": day.month},
        "articles:archive-day": date,
        "articles:preview": {"pk": article.pk},
        "articles:count-view": {"pk": article.pk},
        "articles:detail": {"section": article.section.slug, "slug": article.slug, **date},
    }.get(name)
    if kwargs is None and "slug" in pattern.pattern.converters:
        kind = name.split(":")[-1].split("-")[0]
        kwargs = {"slug": {"tag": data["tag"], "author": data["author"].slug}.get(kind, article.section.slug)}
    return reverse(name, kwargs=kwargs)


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def targets_on(path: str, html: bytes) -> set[Target]:
    """The forms, the links with a query and the autocomplete fields of a page."""
    try:
        document = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return set()
    found = set()
    for form in document.forms:
        fields, files = {}, []
        for element in form.inputs:
            name, kind = element.get("name"), element.get("type", "")
            # The fuzzing client is not held to CSRF checks, so that its posts reach the views.
            if not name or name in fields or name == "csrfmiddlewaretoken":
                continue
            if kind == "file":
                files.append(name)
            elif kind in {"checkbox", "radio"}:
                fields[name] = element.get("value", "on")
            elif element.tag == "select":
                options = element.xpath(".//option/@value")
                fields[name] = element.value if isinstance(element.value, str) else (options or [""])[-1]
            else:
                fields[name] = element.value or ""
        for button in form.xpath('.//button[@name]|.//input[@type="submit"][@name]')[:1]:
            fields[button.get("name")] = button.get("value", "")
        action = urlsplit(form.get("action") or path)
        method = (form.get("method") or "get").upper()
        found.add(Target(method, action.path or path, tuple(sorted(fields.items())), tuple(files)))
    queries: dict[str, dict[str, str]] = {}
    for href in document.xpath("//a/@href"):
        link = urlsplit(href)
        if link.query and (link.path or path) == path:
            queries.setdefault(path, {}).update(parse_qsl(link.query, keep_blank_values=True))
    for link_path, params in queries.items():
        found.add(Target("GET", link_path, tuple(sorted(params.items()))))
    for element in document.xpath("//*[@data-ajax--url]"):
        params = {
            "app_label": element.get("data-app-label", ""),
            "model_name": element.get("data-model-name", ""),
            "field_name": element.get("data-field-name", ""),
            "term": "a",
            "page": "1",
        }
        found.add(Target("GET", urlsplit(element.get("data-ajax--url")).path, tuple(sorted(params.items()))))
    return found


def encoded(fields: dict[str, bytes | str]) -> str:
    """A query string or form body, each value sent as the bytes given."""
    as_bytes = {name: value if isinstance(value, bytes) else value.encode() for name, value in fields.items()}
    return "&".join(
        f"{quote_from_bytes(name.encode())}={quote_from_bytes(value)}" for name, value in as_bytes.items()
    )


class Fuzzer:
    def __init__(self, client: Client, role: str, run: Run):
        self.client, self.role, self.run = client, role, run

    def send(self, method: str, path: str, body: bytes = b"", content_type: str = "") -> bytes:
        """One request, rolled back; recorded, and failed on a 5xx, a traceback or an exception."""
        key = (self.role, method, path, content_type, hashlib.sha256(body).hexdigest())
        if key in self.run.sent:
            return b""
        self.run.sent.add(key)
        cookies = SimpleCookie(self.client.cookies)
        try:
            with transaction.atomic():
                if method == "GET":
                    response = self.client.generic("GET", path)
                else:
                    response = self.client.generic(method, path, body, content_type=content_type)
                content = body_of(response)
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - every exception is what this test looks for
            self.run.failures.append((self.role, method, path[:200], body[:200], repr(error)[:300]))
            return b""
        finally:
            self.client.cookies = cookies
        if response.status_code >= 500 or b"Traceback (most recent call last)" in content:
            self.run.failures.append((self.role, method, path[:200], body[:200], response.status_code))
        is_html = response.get("Content-Type", "").startswith("text/html")
        return content if response.status_code == 200 and is_html else b""

    def values(self, salt: int) -> list[bytes]:
        start = (salt * VALUES_PER_FIELD + ROLES.index(self.role) * 5) % len(CORPUS)
        return list(itertools.islice(itertools.cycle(CORPUS), start, start + VALUES_PER_FIELD))

    def fuzz(self, target: Target, salt: int) -> None:
        defaults = dict(target.fields)
        for number, name in enumerate([*defaults, *target.files]):
            self.run.fields.add((target.method, target.path, name))
            for value in self.values(salt + number):
                if name in target.files:
                    upload = SimpleUploadedFile(value[:40].decode("utf-8", "replace") + ".jpg", value)
                    body = encode_multipart(BOUNDARY, {**defaults, name: upload})
                    self.send("POST", target.path, body, MULTIPART_CONTENT)
                elif target.method == "GET":
                    self.send("GET", f"{target.path}?{encoded({name: value})}")
                else:
                    fields = {**defaults, name: value}
                    self.send(
                        target.method,
                        target.path,
                        encoded(fields).encode(),
                        "application/x-www-form-urlencoded",
                    )

    def bodies(self, target: Target, salt: int) -> None:
        """Whole bodies in other charsets and broken multipart, with a CSRF cookie and its checks."""
        checking = Client(enforce_csrf_checks=True)
        checking.cookies = SimpleCookie(self.client.cookies)
        checking.cookies["csrftoken"] = "a" * 32
        fuzzer = Fuzzer(checking, self.role, self.run)
        content_type, body = BODIES[(salt + ROLES.index(self.role)) % len(BODIES)]
        fuzzer.send("POST", target.path, body, content_type)


@pytest.fixture
def portal_data(settings):
    """A little of everything, so that every page has something to show and every form something to hold."""
    set_discussion(rate_limit=0)
    # Logins, new accounts and password changes are among the forms sent: hash passwords quickly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    author = make_author(name="Rina")
    article = make_article(tags=["banjir"], authors=[author], image=True, allow_comments=True)
    make_body_image(article, size=(600, 400))
    make_comment(article)
    make_article(status="draft", section=article.section)
    Page.objects.create(title="Redaksi", slug="redaksi", body="<p>Pemimpin redaksi.</p>", is_published=True)
    PrivacyRequest.objects.create(email="pembaca@example.com", kind=PrivacyRequest.Kind.EXPORT)
    Redirect.objects.create(old_path="/2021/11/23/berita-lama/", article=article)
    users = {
        "reporter": make_user(groups=["Reporters"], author=True),
        "editor": make_user(groups=["Editors"], author=True),
        "moderator": make_user(groups=["Moderators"]),
        "superuser": make_user(is_superuser=True, email="admin@redaksi.example"),
    }
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    AccessAttempt.objects.create(username="x", ip_address="127.0.0.1", failures_since_start=1)
    AccessLog.objects.create(username="x", ip_address="127.0.0.1")
    AccessFailureLog.objects.create(username="x", ip_address="127.0.0.1")
    return {"article": article, "author": author, "tag": "banjir", "users": users}


def test_no_hostile_request_gets_a_server_error_or_a_traceback(portal_data, caplog):
    caplog.set_level(logging.ERROR, logger="django.request")
    run, started = Run(), time.monotonic()
    patterns = list(url_patterns())
    addresses = [address(pattern, name, portal_data) for pattern, name in patterns]
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(portal_data["users"][role])
        fuzzer = Fuzzer(client, role, run)
        found: set[Target] = set()
        for path in addresses:
            found |= targets_on(path, fuzzer.send("GET", path))
            found.add(Target("POST", path, ()))
            fuzzer.send("GET", f"{path}?{ODD_QUERY}")
        for salt, target in enumerate(sorted(found, key=repr)):
            fuzzer.fuzz(target, salt)
            if target.method == "POST":
                fuzzer.bodies(target, salt)
    seconds = time.monotonic() - started
    field_count = len({(path, name) for _, path, name in run.fields})
    print(
        f"\nfuzz: {len(run.sent)} distinct requests over {len(patterns)} URL patterns "
        f"and {field_count} parameters and fields, {len(ROLES)} roles, {seconds:.0f} s, "
        f"{len(run.failures)} server errors"
    )
    assert run.failures == [], "\n".join(map(repr, run.failures))
    # It did reach the forms: the admin's change forms alone have a few hundred fields.
    assert field_count > 300
    # Django logs every answer of 5xx here, at ERROR.
    assert [record for record in caplog.records if record.name == "django.request"] == []
