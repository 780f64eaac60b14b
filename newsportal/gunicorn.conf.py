"""gunicorn settings; each can be changed from the environment."""

import multiprocessing
import os

bind = os.environ.get(
    "GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "newsportal.wsgi:application"


def worker_exit(server, worker):
    """Write the article views this worker still holds before it goes (articles/popularity.py)."""
    from django.apps import apps

    if not apps.ready:
        return
    from articles.popularity import flush_view_counts

    try:
        flush_view_counts()
    except Exception:
        server.log.exception("Could not write the pending article views")
