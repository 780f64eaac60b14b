import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test writes uploads to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Templates can name static files without a collectstatic manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def chromium_path():
    """Debian's Chromium; without it the browser tests skip, unless the run requires them."""
    if CHROMIUM.exists() and shutil.which(str(CHROMIUM)):
        return str(CHROMIUM)
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        pytest.fail(f"{reason}; REQUIRE_BROWSER_TESTS=1 forbids skipping browser tests")
    pytest.skip(reason)


def database_url(settings_dict) -> str:
    """The test database as a DATABASE_URL, for a server in another process."""
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(settings_dict['NAME']).resolve()}"
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host, port = settings_dict["HOST"], settings_dict["PORT"] or 5432
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def gunicorn_server(django_db_setup, tmp_path_factory):
    """The portal under gunicorn, as in production, over the test database.

    Tests that use it must commit their data: ask for ``transactional_db``.
    """
    from django.db import connection

    root = Path(__file__).resolve().parent.parent
    var = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "STATIC_ROOT": str(var / "static"),
        "MEDIA_ROOT": str(var / "media"),
        "SECRET_KEY": "end-to-end-tests-" + "x" * 40,
        "DEBUG": "false",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESSLOG": "",
        "CONN_MAX_AGE": "0",
    }
    env.pop("REDIS_URL", None)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=root, env=env, check=True
    )
    log = (var / "gunicorn.log").open("w")
    gunicorn = Path(python).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--config", "newsportal/gunicorn.conf.py"], cwd=root, env=env, stdout=log, stderr=log
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start:\n{(var / 'gunicorn.log').read_text()}")
            time.sleep(0.2)
    yield base_url
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(autouse=True)
def empty_cache(request):
    """Nothing cached by one test is seen by the next (Redis outlives a test)."""
    from django.core.cache import cache

    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    cache.clear()
    yield
    cache.clear()
