"""gunicorn settings; each can be changed from the environment."""

import multiprocessing
import os
import re
from pathlib import Path

bind = os.environ.get(
    "GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
# One control socket per instance, next to the portal's other state (gunicorn's default,
# ~/.gunicorn/gunicorn.ctl, is shared by every instance on the host).
var_dir = Path(os.environ.get("VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
instance = re.sub(r"[^\w.-]", "_", bind)
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", str(var_dir / f"gunicorn-{instance}.ctl"))
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8)))
# Sync workers (one thread each), behind nginx. Each takes one connection at a time, so the
# kernel hands connections to whichever worker is free and the load is shared evenly; nginx
# buffers slow clients and holds the readers' keep-alive, so a worker is never held by either.
# gthread workers keep keep-alive connections for themselves: 10 s of wrk (32 connections) on
# an uncached page straight at gunicorn left two of five workers idle (CPU-seconds 3.97, 4.24,
# 3.86, 0.05, 0.00; sync: 1.51, 1.50, 1.47, 1.49, 1.49). Behind nginx both shared evenly; in
# five alternating pairs of such runs through nginx on a busy 2-core machine gthread served
# 202–289 req/s (p99 395–711 ms) and sync 112–262 req/s (p99 293–579 ms, the lower p99 in four
# pairs of five): no gain from a second thread for a render that holds the GIL, and sync
# workers share evenly whoever connects to them.
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# Requests fail fast when PostgreSQL does (newsportal/settings.py): a statement ends after 3 s, a
# transaction left idle after 20 s, both well inside the timeout above, so that a worker is never
# killed for waiting on the database. Commands and tests run without them.
for name, seconds in (("DATABASE_STATEMENT_TIMEOUT", "3"), ("DATABASE_IDLE_TRANSACTION_TIMEOUT", "20")):
    if not os.environ.get(name):  # an empty variable counts as unset, as in the settings
        os.environ[name] = seconds
graceful_timeout = 20
# A worker is replaced now and then, in case something leaks. Not often: a new worker costs about
# a second of CPU to start and warms its fragments and addresses again (articles/fragments.py);
# every 2,000 requests that was nearly as much CPU as answering them from the page cache.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50_000))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "newsportal.wsgi:application"


def worker_exit(server, worker):
    """Write the article views this worker still holds before it goes (articles/popularity.py)."""
    from django.apps import apps

    if not apps.ready or not apps.is_installed("articles"):
        return
    from articles.popularity import flush_view_counts

    try:
        flush_view_counts()
    except Exception:
        server.log.exception("Could not write the pending article views")
