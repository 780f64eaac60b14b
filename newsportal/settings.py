"""Settings for the news portal, read from the environment.

One module serves every environment: they differ only by their variables
(see README.md, "Configuration").
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

env = environ.Env()
# An empty variable counts as unset: docker compose passes ${NAME:-} on as an empty string.
env.ENVIRON = {name: value for name, value in os.environ.items() if value}

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))


def generated_secret_key() -> str:
    """Keep one generated key under var/ so sessions survive a restart."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or generated_secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", cast=str.strip, default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", cast=str.strip, default=[])

SITE_NAME = env.str("SITE_NAME", default="Lensa Manca")
# The newsroom's account on X, e.g. "@lensamanca", named in the cards of shared links.
TWITTER_SITE = env.str("TWITTER_SITE", default="")
# Feeds carry each article's whole body, not only its summary.
FEEDS_FULL_TEXT = env.bool("FEEDS_FULL_TEXT", default=False)

INSTALLED_APPS = [
    "newsportal.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "newsportal.apps.TagsConfig",  # django-taggit
    "reversion",
    "django_prose_editor",
    "csp",
    "axes",
    "newsportal",
    "articles",
    "comments",
    "pages",
    "wordpress",
]

# An article's versions (articles/versions.py): Django's JSON with the article's tag names.
SERIALIZATION_MODULES = {"article_json": "articles.versions"}

MIDDLEWARE = [
    # First: a page is kept with every header the others give it; one from the cache costs none of them.
    "newsportal.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Around everything that may read the database: a read it lost under a restart runs again.
    "newsportal.middleware.RetryReadMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsportal.middleware.PathLocaleMiddleware",
    "newsportal.middleware.RejectNulMiddleware",
    # Inside the page cache, which never keeps a 404 or a redirect; after the NUL check, as it queries.
    "wordpress.middleware.WordPressRedirectMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: it turns a login refused for a locked account into the page that says so.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsportal.urls"
WSGI_APPLICATION = "newsportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsportal.context_processors.site",
            ],
        },
    },
]

# An embedded SQLite file unless DATABASE_URL names a server (PostgreSQL in production).
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"].update(CONN_MAX_AGE=0, CONN_HEALTH_CHECKS=True)
# When PostgreSQL fails, a reader waits seconds for a 503, not a worker forever (README, "When a
# service fails"): connecting takes at most DATABASE_CONNECT_TIMEOUT, the server ends a statement
# after DATABASE_STATEMENT_TIMEOUT and a transaction left idle after DATABASE_IDLE_TRANSACTION_TIMEOUT,
# and the client stops waiting for a server that answers nothing a second after the statement's end
# (newsportal/database.py). 0 turns a timeout off, as for commands and tests, which take as long as
# they need; gunicorn.conf.py sets both for the web workers, below its own timeout.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=0)
DATABASE_IDLE_TRANSACTION_TIMEOUT = env.int("DATABASE_IDLE_TRANSACTION_TIMEOUT", default=0)
DATABASE_ANSWER_TIMEOUT = DATABASE_STATEMENT_TIMEOUT + 1 if DATABASE_STATEMENT_TIMEOUT else None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # A file, not memory, so that a gunicorn started by the end-to-end tests sees the test data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
else:
    from newsportal.database import FailFastConnection

    server_options = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}"
        f" -c idle_in_transaction_session_timeout={DATABASE_IDLE_TRANSACTION_TIMEOUT * 1000}"
    )
    DATABASES["default"]["ENGINE"] = "newsportal.postgresql"
    # psycopg's pool in each process: an idle connection is checked before it is handed out
    # (CONN_HEALTH_CHECKS), a lost one is made again in the background, and a request waits at
    # most DATABASE_CONNECT_TIMEOUT for one. At least one per gunicorn thread. The pool retries a
    # failed connection with ever longer pauses; it gives up as soon, so that the next request
    # tries at once and a server that is back is used at once.
    pool = {
        "connection_class": FailFastConnection,
        "min_size": 1,
        "max_size": env.int("DATABASE_POOL_SIZE", default=4),
        "timeout": DATABASE_CONNECT_TIMEOUT,
        "reconnect_timeout": DATABASE_CONNECT_TIMEOUT,
        "num_workers": 1,
    }
    # What DATABASE_URL's query string says (e.g. ?sslmode=require) comes first.
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": DATABASE_CONNECT_TIMEOUT,
        "options": server_options,
        "pool": pool,
    } | DATABASES["default"].get("OPTIONS", {})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache CACHE_URL names, or Redis when REDIS_URL is set; otherwise a table in the database,
# which every gunicorn worker (and every machine) shares.
# "view_counts" holds article views until they are written in batches (articles/popularity.py):
# in that cache server, or else in each worker's memory, so that a view never writes to the database.
if "CACHE_URL" in env or "REDIS_URL" in env:
    server_cache = (
        env.cache_url("CACHE_URL")
        if "CACHE_URL" in env
        else env.cache_url("REDIS_URL", backend="newsportal.redis_cache.RedisCache")
    )
    server_cache.setdefault("KEY_PREFIX", env.str("CACHE_KEY_PREFIX", default="newsportal"))
    CACHES = {"default": server_cache, "view_counts": server_cache}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "newsportal_cache",
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default=""),
        },
        "view_counts": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "view_counts",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
# Rendered pieces of pages (articles/fragments.py), in each process's memory: a hit costs no query.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# The newsroom's login (django-axes): ADMIN_LOGIN_FAILURE_LIMIT wrong passwords for one username from one
# address lock that pair out for ADMIN_LOGIN_LOCKOUT_MINUTES; the same for a username that does not exist.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("ADMIN_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "comments.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "newsportal.admin.locked_out"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Media from this process, unless a CDN or object storage serves it.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads above this size go to a temporary file, not memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# HTTPS: on behind a TLS-terminating proxy in production (HTTPS=true).
HTTPS = env.bool("HTTPS", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS and env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True

# Every resource a page loads comes from this host. A page with an inline script it needs
# (the admin's editor has an import map) gives it request.csp_nonce: only that page's policy names it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "style-src": [SELF, UNSAFE_INLINE],
        "script-src": [SELF, NONCE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Browser features no page of the portal uses: none may use them, nor any page framing it.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Outgoing mail: the EMAIL_* variables, or EMAIL_URL (e.g. smtp+tls://user:password@host:587),
# whose parts take the place of theirs.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
if "EMAIL_URL" in env:
    globals().update((name, value) for name, value in env.email_url("EMAIL_URL").items() if value is not None)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="redaksi@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TAGGIT_CASE_INSENSITIVE = True


def tag_address(tag) -> str:
    """taggit's tags have no address of their own: a tag's is its listing."""
    from articles.models import address  # the settings are read before the apps are loaded

    return address("articles:tag", slug=tag.slug)


ABSOLUTE_URL_OVERRIDES = {"taggit.tag": tag_address}

# Readers' pages (newsportal/pagecache.py): kept by the portal until the content changes or for
# PAGE_CACHE_SECONDS; browsers may keep them PAGE_MAX_AGE seconds, shared caches (nginx, a CDN)
# PAGE_SHARED_MAX_AGE, and serve them stale while they fetch a new one or when the site fails.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=24 * 3600)
PAGE_MAX_AGE = env.int("PAGE_MAX_AGE", default=10)
PAGE_SHARED_MAX_AGE = env.int("PAGE_SHARED_MAX_AGE", default=10)
PAGE_STALE_WHILE_REVALIDATE = env.int("PAGE_STALE_WHILE_REVALIDATE", default=30)
PAGE_STALE_IF_ERROR = env.int("PAGE_STALE_IF_ERROR", default=24 * 3600)
# Uploads never change under their name: caches may keep them for a year.
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"

# Listings
ARTICLES_PER_PAGE = env.int("ARTICLES_PER_PAGE", default=12)
# "Most read" ranks the articles of the last this many days.
MOST_READ_DAYS = env.int("MOST_READ_DAYS", default=7)
# Views of an article are written to the database once this many have been counted.
VIEW_COUNT_BATCH = env.int("VIEW_COUNT_BATCH", default=20)

# Lead images: uploads over these limits are refused; renditions are made at these widths.
LEAD_IMAGE_MAX_BYTES = env.int("LEAD_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
LEAD_IMAGE_MAX_PIXELS = env.int("LEAD_IMAGE_MAX_PIXELS", default=40_000_000)
LEAD_IMAGE_WIDTHS = (480, 960, 1600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # A request for another host is a client's (or a scanner's) fault: answered 400, not logged.
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
    },
}

# Comments and their moderation rules (see comments/moderation.py): the first values of the discussion
# settings, which the newsroom then changes in the admin (comments/discussion.py).
COMMENTS_HOLD_ALL = env.bool("COMMENTS_HOLD_ALL", default=True)
COMMENTS_APPROVE_KNOWN_EMAIL = env.bool("COMMENTS_APPROVE_KNOWN_EMAIL", default=False)
COMMENTS_MAX_LINKS = env.int("COMMENTS_MAX_LINKS", default=2)
COMMENTS_MODERATION_WORDS = env.list("COMMENTS_MODERATION_WORDS", cast=str.strip, default=[])
COMMENTS_DISALLOWED_WORDS = env.list("COMMENTS_DISALLOWED_WORDS", cast=str.strip, default=[])
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=0)  # 0: never
COMMENTS_MAX_DEPTH = env.int("COMMENTS_MAX_DEPTH", default=5)
COMMENTS_MIN_FILL_SECONDS = env.int("COMMENTS_MIN_FILL_SECONDS", default=3)
COMMENTS_RATE_LIMIT = env.int("COMMENTS_RATE_LIMIT", default=5)  # posts per IP per window; 0: no limit
COMMENTS_RATE_WINDOW_SECONDS = env.int("COMMENTS_RATE_WINDOW_SECONDS", default=300)
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=50)  # top-level comments per page
COMMENTS_MAX_LENGTH = env.int("COMMENTS_MAX_LENGTH", default=5000)
COMMENTS_IP_RETENTION_DAYS = env.int("COMMENTS_IP_RETENTION_DAYS", default=30)
COMMENTS_NOTIFY_MODERATORS = env.bool("COMMENTS_NOTIFY_MODERATORS", default=True)
# A person's request for their data or its erasure is late after this many hours.
PRIVACY_REQUEST_HOURS = env.int("PRIVACY_REQUEST_HOURS", default=72)
# Reverse proxies in front of gunicorn whose X-Forwarded-For is trusted for the client's address.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
