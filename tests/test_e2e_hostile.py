"""Hostile requests through the portal as deployed (nginx in front of gunicorn)."""

import socket
import time
from urllib.parse import urlsplit

import pytest

from .test_e2e_nginx import get

pytestmark = pytest.mark.e2e

# More than the gunicorn workers the tests start (WEB_CONCURRENCY=2).
STALLED_CLIENTS = 4
CLIENT_BODY_TIMEOUT = 15  # client_body_timeout in deploy/nginx/nginx.conf.template


def stalled_post(base_url) -> socket.socket:
    """A comment post that says it has 99,999 bytes and sends ten."""
    address = urlsplit(base_url)
    connection = socket.create_connection((address.hostname, address.port), timeout=CLIENT_BODY_TIMEOUT + 10)
    connection.sendall(
        b"POST /komentar/1/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 99999\r\n\r\ntext=halo&"
    )
    return connection


@pytest.mark.django_db(transaction=True)
def test_a_body_shorter_than_its_content_length_holds_no_worker_and_is_dropped_by_nginx(gunicorn_server):
    assert get(gunicorn_server, "/robots.txt", timeout=30)[0] == 200  # the workers are up
    stalled = [stalled_post(gunicorn_server) for _ in range(STALLED_CLIENTS)]
    started = time.monotonic()
    try:
        assert get(gunicorn_server, "/robots.txt", timeout=5)[0] == 200
        assert time.monotonic() - started < 5
        # nginx waits client_body_timeout for the rest, then closes the connection (its log says 408).
        assert [connection.recv(200) for connection in stalled] == [b""] * STALLED_CLIENTS
        assert CLIENT_BODY_TIMEOUT - 1 < time.monotonic() - started < CLIENT_BODY_TIMEOUT + 5
    finally:
        for connection in stalled:
            connection.close()
