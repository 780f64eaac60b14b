"""nginx in front of gunicorn (deploy/nginx/): files from disk, compression, limits, slow clients, caching."""

import gzip
import http.client
import re
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from .conftest import running_nginx
from .factories import make_article

pytestmark = pytest.mark.e2e
IMMUTABLE = "public, max-age=31536000, immutable"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")


def get(base_url, path, headers=None, timeout=10):
    """One request on a connection of its own: status, headers (lower-case, repeats joined), raw body."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        headers = {}
        for name, value in response.getheaders():
            headers[name.lower()] = f"{headers[name.lower()]}, {value}" if name.lower() in headers else value
        return response.status, headers, response.read()
    finally:
        connection.close()


@pytest.fixture
def article_with_picture(transactional_db):
    return make_article(image=True, body="<p>" + "Warga kota menunggu kabar dari perbatasan. " * 60 + "</p>")


@pytest.mark.django_db(transaction=True)
def test_static_files_and_pictures_come_from_disk_with_a_year_long_immutable_header(
    gunicorn_server, article_with_picture
):
    status, _, page = get(gunicorn_server, article_with_picture.get_absolute_url())
    assert status == 200
    page = page.decode()
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1)
    picture = re.search(r'src="(/media/[^"]+)"', page).group(1)

    for path in (css, picture):
        status, headers, body = get(gunicorn_server, path)
        assert status == 200 and body
        assert headers["cache-control"] == IMMUTABLE  # WhiteNoise and Django say it otherwise

    status, headers, _ = get(gunicorn_server, "/static/css/site.css")
    assert status == 200
    assert headers["cache-control"] == "max-age=60"  # a name that may change is kept a minute
    status, headers, _ = get(gunicorn_server, "/media/tidak-ada.jpg")
    assert status == 404
    assert "cache-control" not in headers


@pytest.mark.django_db(transaction=True)
def test_pages_and_static_files_are_compressed(gunicorn_server, article_with_picture):
    path = article_with_picture.get_absolute_url()
    status, plain_headers, plain = get(gunicorn_server, path)
    assert status == 200 and "content-encoding" not in plain_headers

    status, headers, body = get(gunicorn_server, path, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in headers["vary"]
    assert article_with_picture.headline.encode() in gzip.decompress(body)
    assert len(body) < len(plain) / 2

    if not BROTLI_MODULE.exists():
        pytest.skip(
            f"no brotli for nginx here ({BROTLI_MODULE}; apt-get install libnginx-mod-http-brotli-filter)"
        )
    status, headers, body = get(gunicorn_server, path, {"Accept-Encoding": "br"})
    assert status == 200
    assert headers["content-encoding"] == "br"
    assert article_with_picture.headline.encode() in brotli.decompress(body)
    assert len(body) < len(plain) / 2
    css = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', plain).group(1).decode()
    status, headers, body = get(gunicorn_server, css, {"Accept-Encoding": "br, gzip"})
    assert status == 200 and headers["content-encoding"] == "br"
    assert b"body" in brotli.decompress(body)


@pytest.mark.django_db(transaction=True)
def test_a_body_over_the_upload_limit_is_refused_before_it_reaches_the_portal(gunicorn_server):
    article = make_article()
    address = urlsplit(gunicorn_server)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(
            f"POST /komentar/{article.pk}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {13 * 1024 * 1024}\r\n\r\n".encode()
        )
        status_line = sock.recv(4096).split(b"\r\n", 1)[0]
    assert status_line == b"HTTP/1.1 413 Request Entity Too Large"


def slow_header_client(base_url, lines, interval):
    """A client that sends its request headers one line every ``interval`` seconds, then gives up."""
    address = urlsplit(base_url)
    with socket.create_connection((address.hostname, address.port), timeout=30) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        for number in range(lines):
            time.sleep(interval)
            try:
                sock.sendall(f"X-Slow-{number}: yes\r\n".encode())
            except OSError:
                return


@pytest.mark.django_db(transaction=True)
def test_24_slow_header_clients_do_not_delay_a_reader(gunicorn_server):
    article = make_article()
    with ThreadPoolExecutor(max_workers=24) as pool:
        slow = [pool.submit(slow_header_client, gunicorn_server, 4, 2) for _ in range(24)]
        time.sleep(1)  # every slow client has connected and holds its request open
        statuses = []
        while not all(client.done() for client in slow):
            status, _, page = get(gunicorn_server, article.get_absolute_url(), timeout=5)
            statuses.append(status)
            assert article.headline.encode() in page
            time.sleep(0.5)
        for client in slow:
            client.result()
    assert len(statuses) >= 5
    assert set(statuses) == {200}


class CountingUpstream(BaseHTTPRequestHandler):
    """A backend whose answers say how many times it was asked; the path picks the Cache-Control."""

    hits: dict
    ANSWERS = {
        "/public": {"Cache-Control": "public, max-age=5, s-maxage=60, stale-while-revalidate=30"},
        "/private": {"Cache-Control": "private"},
        "/no-store": {"Cache-Control": "private, no-store"},
        "/sets-cookie": {"Cache-Control": "public, max-age=60", "Set-Cookie": "csrftoken=abc; Path=/"},
        "/silent": {},
        "/cari/?q=banjir": {"Cache-Control": "public, max-age=60"},
    }

    def do_GET(self):
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        body = f"{self.path} answer {self.hits[self.path]}".encode()
        self.send_response(200)
        for name, value in self.ANSWERS[self.path].items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def counting_upstream():
    handler = type("Handler", (CountingUpstream,), {"hits": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", handler.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def nginx_before_counter(tmp_path):
    (tmp_path / "static").mkdir()
    with (
        counting_upstream() as (upstream, hits),
        running_nginx(tmp_path, upstream, tmp_path / "static", tmp_path / "media") as url,
    ):
        yield url, hits


def body_of(url, path, cookie=None):
    status, headers, body = get(url, path, {"Cookie": cookie} if cookie else {})
    assert status == 200
    return body.decode(), headers["x-cache"]


def test_nginx_caches_what_cache_control_makes_public_and_nothing_else(nginx_before_counter):
    url, hits = nginx_before_counter
    assert body_of(url, "/public") == ("/public answer 1", "MISS")
    # s-maxage, not the browser's max-age, is how long nginx keeps it.
    assert body_of(url, "/public", cookie="csrftoken=abc; django_language=en") == ("/public answer 1", "HIT")
    for path in ("/private", "/no-store", "/sets-cookie", "/silent"):
        assert body_of(url, path)[0] == f"{path} answer 1"
        assert body_of(url, path)[0] == f"{path} answer 2"
    # A search is one reader's query: never kept, never queued behind the cache lock.
    assert body_of(url, "/cari/?q=banjir") == ("/cari/?q=banjir answer 1", "BYPASS")
    assert body_of(url, "/cari/?q=banjir") == ("/cari/?q=banjir answer 2", "BYPASS")
    assert hits == {
        "/public": 1,
        "/private": 2,
        "/no-store": 2,
        "/sets-cookie": 2,
        "/silent": 2,
        "/cari/?q=banjir": 2,
    }


@pytest.mark.parametrize("cookie", ["sessionid=staff", "theme=dark; own_comments=1:abc"])
def test_a_reader_with_a_session_or_own_comments_never_gets_nor_leaves_a_cached_page(
    nginx_before_counter, cookie
):
    url, hits = nginx_before_counter
    assert body_of(url, "/public") == ("/public answer 1", "MISS")
    assert body_of(url, "/public", cookie=cookie) == ("/public answer 2", "BYPASS")
    assert body_of(url, "/public", cookie=cookie) == ("/public answer 3", "BYPASS")
    # What they were sent did not replace the page everyone else gets.
    assert body_of(url, "/public") == ("/public answer 1", "HIT")
    assert hits == {"/public": 3}


@pytest.mark.django_db(transaction=True)
def test_a_reader_with_a_session_cookie_is_never_served_from_the_cache(gunicorn_server):
    article = make_article()
    for _ in range(2):
        status, headers, page = get(gunicorn_server, article.get_absolute_url(), {"Cookie": "sessionid=abc"})
        assert status == 200 and article.headline.encode() in page
        assert headers["x-cache"] == "BYPASS"
