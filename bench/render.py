"""What the article, home and section pages cost to render when no cache holds them, in this process.

    DATABASE_URL=postgres://... .venv/bin/python bench/render.py [--requests 60]

Run it on a database with the demo content (`manage.py load_demo`); the seed article gets 20
approved comments if it has none. The page cache is off (PAGE_CACHE=false); each page is asked
for five times first, as a worker that has served a while has its fragments and addresses in
memory. Per page it prints, for a request in such a worker ("warm") and for the first request after
a change anywhere on the site ("after a change": the content version renewed before it, so what is
kept per version is read again), the median and lowest CPU time, the queries, and the Python
function calls per request (cProfile), a count the machine's load does not change.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def count_query(queries: list):
    """A database execute wrapper that notes each query in ``queries``."""

    def wrapper(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    return wrapper


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    os.environ.update(PAGE_CACHE="false", DEBUG="false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    from bench.serving import seed_article
    from newsportal.pagecache import content_changed

    article = seed_article()
    pages = {
        "article": article.get_absolute_url(),
        "home": "/",
        "section": article.section.get_absolute_url(),
    }
    client = Client(HTTP_HOST="localhost")
    for name, url in pages.items():
        for _ in range(5):
            assert client.get(url).status_code == 200, url
        for state, before in (("warm", lambda: None), ("after a change", content_changed)):
            print(f"{name:8} {state:15} {measure(client, url, before, args.requests)}")


def measure(client, url, before, requests: int) -> str:
    """CPU time, queries and Python calls of a request for ``url``, ``before()`` done untimed before each."""
    from django.db import connection

    before()
    queries = []
    with connection.execute_wrapper(count_query(queries)):
        client.get(url)
    cpu = []
    for _ in range(requests):
        before()
        start = time.process_time()
        client.get(url)
        cpu.append((time.process_time() - start) * 1000)
    profiler = cProfile.Profile()
    for _ in range(10):
        before()
        profiler.runcall(client.get, url)
    calls = pstats.Stats(profiler).total_calls // 10
    return (
        f"CPU median {statistics.median(cpu):5.1f} ms, lowest {min(cpu):5.1f} ms; "
        f"{len(queries)} queries; {calls} Python calls"
    )


if __name__ == "__main__":
    main()
