import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from .conftest import subprocess_env
from .factories import make_article

ROOT = Path(__file__).resolve().parent.parent
# Variables of this machine that would change what the settings read.
READ_BY_SETTINGS = (
    "DATABASE_URL",
    "DATABASE_CONNECT_TIMEOUT",
    "DATABASE_STATEMENT_TIMEOUT",
    "DATABASE_IDLE_TRANSACTION_TIMEOUT",
    "REDIS_URL",
    "CACHE_URL",
    "CACHE_KEY_PREFIX",
    "EMAIL_URL",
    "EMAIL_HOST",
    "ALLOWED_HOSTS",
)
PRINT_SETTINGS = """
import json
from django.conf import settings
names = ["ALLOWED_HOSTS", "SERVE_MEDIA", "EMAIL_PORT", "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_HOST_USER",
         "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "CACHES", "DATABASES"]
print(json.dumps({name: getattr(settings, name) for name in names}, default=str))
"""


def settings_with(tmp_path, **variables) -> dict:
    """The portal's settings as a process started with these environment variables reads them."""
    env = {name: value for name, value in subprocess_env().items() if name not in READ_BY_SETTINGS}
    env |= {"DJANGO_SETTINGS_MODULE": "newsportal.settings", "VAR_DIR": str(tmp_path), **variables}
    command = [sys.executable, "-c", PRINT_SETTINGS]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_empty_variables_count_as_unset(tmp_path):
    read = settings_with(tmp_path, SERVE_MEDIA="", EMAIL_PORT="", DATABASE_URL="", ALLOWED_HOSTS="")
    assert read["SERVE_MEDIA"] is True
    assert read["EMAIL_PORT"] == 25
    assert read["DATABASES"]["default"]["NAME"] == str(tmp_path / "db.sqlite3")
    assert read["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]


def test_lists_are_read_with_or_without_spaces(tmp_path):
    read = settings_with(tmp_path, ALLOWED_HOSTS="news.example.org, www.example.org,")
    assert read["ALLOWED_HOSTS"] == ["news.example.org", "www.example.org"]


def test_database_url_names_the_server_whose_connections_are_pooled_checked_and_time_out(tmp_path):
    read = settings_with(
        tmp_path,
        DATABASE_URL="postgres://news:p%40ss@db.internal:5433/portal?sslmode=require",
        DATABASE_STATEMENT_TIMEOUT="3",
        DATABASE_IDLE_TRANSACTION_TIMEOUT="20",
    )
    database = read["DATABASES"]["default"]
    assert database["ENGINE"] == "newsportal.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.internal", 5433, "portal")
    assert (database["USER"], database["PASSWORD"]) == ("news", "p@ss")
    assert database["CONN_HEALTH_CHECKS"] is True
    options = database["OPTIONS"]
    assert options["sslmode"] == "require"
    assert options["connect_timeout"] == 3
    assert options["options"] == "-c statement_timeout=3000 -c idle_in_transaction_session_timeout=20000"
    assert "FailFastConnection" in options["pool"]["connection_class"]
    assert options["pool"]["timeout"] == 3


PRINT_GUNICORN_SETTINGS = """
import json, os, runpy
config = runpy.run_path("newsportal/gunicorn.conf.py")
names = ["DATABASE_STATEMENT_TIMEOUT", "DATABASE_IDLE_TRANSACTION_TIMEOUT"]
print(json.dumps({"timeout": config["timeout"]} | {name: os.environ[name] for name in names}))
"""


def test_web_workers_fail_fast_within_their_timeout_while_commands_take_as_long_as_they_need(tmp_path):
    read = settings_with(tmp_path, DATABASE_URL="postgres://news@db.internal/portal")
    assert read["DATABASES"]["default"]["OPTIONS"]["options"] == (
        "-c statement_timeout=0 -c idle_in_transaction_session_timeout=0"
    )
    env = {name: value for name, value in subprocess_env().items() if name not in READ_BY_SETTINGS}
    command = [sys.executable, "-c", PRINT_GUNICORN_SETTINGS]
    printed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    gunicorn = json.loads(printed)
    assert gunicorn["DATABASE_STATEMENT_TIMEOUT"] == "3"
    assert gunicorn["DATABASE_IDLE_TRANSACTION_TIMEOUT"] == "20"
    assert gunicorn["timeout"] > 20


def test_email_url_takes_the_place_of_the_email_variables(tmp_path):
    read = settings_with(
        tmp_path,
        EMAIL_HOST="old.example.org",
        EMAIL_URL="smtp+tls://redaksi%40example.org:rahasia@smtp.example.org:587",
    )
    assert read["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (read["EMAIL_HOST"], read["EMAIL_PORT"], read["EMAIL_USE_TLS"]) == ("smtp.example.org", 587, True)
    assert (read["EMAIL_HOST_USER"], read["EMAIL_HOST_PASSWORD"]) == ("redaksi@example.org", "rahasia")


@pytest.mark.parametrize(
    "variables, backend, location",
    [
        (
            {"REDIS_URL": "redis://cache:6379/2"},
            "newsportal.redis_cache.RedisCache",
            "redis://cache:6379/2",
        ),
        (
            {"REDIS_URL": "redis://cache:6379/2", "CACHE_URL": "pymemcache://memcached:11211"},
            "django.core.cache.backends.memcached.",
            "memcached:11211",
        ),
        ({}, "django.core.cache.backends.db.DatabaseCache", "newsportal_cache"),
    ],
)
def test_cache_url_or_redis_url_names_the_cache(tmp_path, variables, backend, location):
    caches = settings_with(tmp_path, **variables)["CACHES"]
    assert caches["default"]["BACKEND"].startswith(backend)
    assert caches["default"]["LOCATION"] == location
    if variables:
        # The view counts live in the same server, so that every worker adds to the same counters.
        assert caches["view_counts"] == caches["default"]
        assert caches["default"]["KEY_PREFIX"] == "newsportal"


def policy(response) -> dict[str, list[str]]:
    directives = (directive.split() for directive in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in directives}


@pytest.mark.django_db
def test_pages_load_everything_from_this_host(client):
    make_article()
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    assert policy(response) == {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }


@pytest.mark.django_db
def test_refused_address_gets_the_policy_too(client):
    response = client.get(reverse("articles:search"), {"q": "a\x00b"})
    assert response.status_code == 400
    assert policy(response)["script-src"] == ["'self'"]


def test_the_redis_cache_makes_one_client_per_connection_pool():
    from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

    from newsportal.redis_cache import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    assert isinstance(cache, DjangoRedisCache)  # the tests' key cleaning and Django's checks know it
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True).connection_pool is client.connection_pool
