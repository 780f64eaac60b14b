import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

E2E_SECRET_KEY = "end-to-end-tests-" + "x" * 40
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))


@pytest.fixture(scope="session")
def session_media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def media_root(settings, session_media_root):
    """Uploads go to a temporary folder, which the gunicorn of the end-to-end tests serves too."""
    settings.MEDIA_ROOT = session_media_root
    return session_media_root


def plain_static_storages(storages: dict) -> dict:
    """Templates can name static files without a collectstatic manifest."""
    return {**storages, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    settings.STORAGES = plain_static_storages(settings.STORAGES)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker, session_media_root):
    """One transaction around a whole module, for the data its tests share; rolled back after the last.

    A module-scoped fixture that asks for this one builds the data once; each test still rolls
    back its own changes, so the tests only read that data. Uploads and pages work as in a test.
    """
    from django.conf import settings
    from django.db import transaction
    from django.test import override_settings

    storages = plain_static_storages(settings.STORAGES)
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=session_media_root, STORAGES=storages),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


def _skip_unless_required(reason: str):
    """Without a system program the tests that need it skip, unless the run requires them."""
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        pytest.fail(f"{reason}; REQUIRE_BROWSER_TESTS=1 forbids skipping these tests")
    pytest.skip(reason)


def _chromium_or_skip() -> str:
    """Debian's Chromium; without it the browser tests skip, unless the run requires them."""
    if CHROMIUM.exists() and shutil.which(str(CHROMIUM)):
        return str(CHROMIUM)
    _skip_unless_required(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")


def subprocess_env(**overrides) -> dict:
    """The environment for a portal process: this one's, less what only the tests may use."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return env | overrides


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


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected once, as for production, for every gunicorn the tests start."""
    static_root = tmp_path_factory.mktemp("static")
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    subprocess.run(command, cwd=ROOT, env=subprocess_env(STATIC_ROOT=str(static_root)), check=True)
    return static_root


def wait_for_port(port: int, process: subprocess.Popen, log_path: Path, name: str):
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"{name} did not start:\n{log_path.read_text()}")
            time.sleep(0.2)


@contextmanager
def started(command: list[str], env: dict, log_path: Path, port: int, name: str):
    """A server process, once it accepts connections; stopped with SIGTERM afterwards."""
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        wait_for_port(port, process, log_path, name)
        try:
            yield
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def running_gunicorn(var: Path, static_root: Path, media_root: Path, **settings_env):
    """The portal under gunicorn as in production, over the test database unless told; yields its address."""
    from django.db import connection

    port = free_port()
    defaults = {
        "DATABASE_URL": database_url(connection.settings_dict),
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "SECRET_KEY": E2E_SECRET_KEY,
        "DEBUG": "false",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESSLOG": "",
    }
    env = subprocess_env(**defaults | settings_env, PORT=str(port), HOST="127.0.0.1")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "--config", "newsportal/gunicorn.conf.py"]
    with started(command, env, var / "gunicorn.log", port, "gunicorn"):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def running_nginx(var: Path, upstream: str, static_root: Path, media_root: Path):
    """The repository's nginx (bin/nginx) in front of ``upstream``; yields its address."""
    if shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin") is None:
        _skip_unless_required("nginx not found (apt-get install nginx libnginx-mod-http-brotli-filter)")
    port = free_port()
    env = subprocess_env(
        PATH=f"{os.environ.get('PATH', '')}:/usr/sbin",
        NGINX_LISTEN=f"127.0.0.1:{port}",
        NGINX_UPSTREAM=upstream.removeprefix("http://"),
        NGINX_VAR=str(var / "nginx"),
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media_root),
    )
    with started([str(ROOT / "bin" / "nginx")], env, var / "nginx.log", port, "nginx"):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def running_portal(var: Path, static_root: Path, media_root: Path, **settings_env):
    """The portal as deployed: nginx in front of gunicorn; yields nginx's address."""
    behind_nginx = {"NUM_PROXIES": "1", "FORWARDED_ALLOW_IPS": "127.0.0.1"}
    with ExitStack() as servers:
        upstream = servers.enter_context(
            running_gunicorn(var, static_root, media_root, **behind_nginx, **settings_env)
        )
        yield servers.enter_context(running_nginx(var, upstream, static_root, media_root))


SHARED_MAX_AGE = 1


@pytest.fixture
def gunicorn_server(transactional_db, tmp_path, collected_static, session_media_root):
    """nginx and a gunicorn of the test's own over the test database; the test's data must be committed.

    One per test: the flush between transactional tests makes new content types, which a
    longer-lived server would still have cached. Its readers may post many comments quickly:
    the rate limit has tests of its own.
    """
    from tests.factories import set_discussion

    set_discussion(rate_limit=0, min_fill_seconds=1)
    # nginx keeps a page for s-maxage; a second here lets tests see a change through it quickly.
    quick_changes = {"PAGE_SHARED_MAX_AGE": str(SHARED_MAX_AGE)}
    with running_portal(tmp_path, collected_static, session_media_root, **quick_changes) as url:
        yield url


@pytest.fixture(scope="session", autouse=True)
def run_cache_key_prefix():
    """This run's cache keys, in this process and in the servers it starts, carry a prefix of its own."""
    from django.conf import settings
    from django.test import override_settings

    prefix = f"tests-{secrets.token_hex(6)}"
    caches = {alias: config | {"KEY_PREFIX": prefix} for alias, config in settings.CACHES.items()}
    os.environ["CACHE_KEY_PREFIX"] = prefix
    with override_settings(CACHES=caches):
        yield prefix
    del os.environ["CACHE_KEY_PREFIX"]


def clear_own_keys(cache):
    """Empty a cache of this run's keys only: RedisCache.clear() would empty the whole database."""
    from django.core.cache.backends.redis import RedisCache

    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def empty_cache(request):
    """Nothing cached by one test is seen by the next, in any cache (Redis outlives a test)."""
    from django.core.cache import caches

    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    for cache in caches.all(initialized_only=False):
        clear_own_keys(cache)
    yield
    for cache in caches.all(initialized_only=False):
        clear_own_keys(cache)


CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; nothing downloads a browser."""
    path = _chromium_or_skip()
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are ordinary synchronous ones.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser tab with its own cookies; a screenshot is kept if the test fails."""
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=ARTIFACTS / f"failed-{request.node.name}.png", full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language, whatever the last request activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def moderators_group(transactional_db):
    """The Moderators group, as the roles table makes it after every migrate and every flush."""
    from django.contrib.auth.models import Group

    from newsportal.roles import MODERATORS_GROUP

    return Group.objects.get(name=MODERATORS_GROUP)


@pytest.fixture
def reporter(db):
    from .factories import make_user

    return make_user(groups=["Reporters"], author=True)


@pytest.fixture
def editor(db):
    from .factories import make_user

    return make_user(groups=["Editors"], author=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moderator(db):
    """A member of the Moderators group, with the rights its migration gives."""
    from .factories import make_user

    return make_user(groups=["Moderators"])
