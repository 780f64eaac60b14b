"""Requests per second of the public pages, as a ratio to a static file served in the same run.

    .venv/bin/python bench/pages.py [--seconds 5] [--connections 8]

It loads the demo content into a fresh database (SQLite under a temporary
folder, or the server in DATABASE_URL — its data is replaced), starts gunicorn
as `make run` does, and hammers each page with keep-alive connections. A ratio
says more than a raw number: the machine's speed cancels out.
"""

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hammer(port: int, path: str, seconds: float, connections: int) -> float:
    """Requests per second over ``connections`` keep-alive connections for ``seconds``."""
    counts = [0] * connections
    deadline = time.monotonic() + seconds

    def worker(index):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}")
            counts[index] += 1
        connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="newsportal-bench-"))
    port = free_port()
    env = os.environ | {"VAR_DIR": str(var), "PORT": str(port), "GUNICORN_ACCESSLOG": ""}
    python = sys.executable

    def manage(*command):
        command = [python, "manage.py", *command]
        subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)

    manage("migrate", "--noinput")
    manage("flush", "--noinput")
    manage("createcachetable")
    manage("load_demo")
    manage("collectstatic", "--noinput")
    gunicorn_command = [str(Path(python).with_name("gunicorn")), "--config", "newsportal/gunicorn.conf.py"]
    gunicorn = subprocess.Popen(gunicorn_command, cwd=ROOT, env=env)
    try:
        time.sleep(3)
        manifest = (var / "static" / "staticfiles.json").read_text()
        css = "/static/" + manifest.split('"css/site.css": "', 1)[1].split('"', 1)[0]
        import django

        sys.path.insert(0, str(ROOT))
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
        django.setup()
        from articles.models import Article

        article = Article.objects.published().select_related("section").first()
        pages = {
            "static file (baseline)": css,
            "home": "/",
            "article": article.get_absolute_url(),
            "section": article.section.get_absolute_url(),
            "tag": f"/tag/{article.tags.first().slug}/",
        }
        baseline = None
        print(f"{'page':<24} {'req/s':>8} {'ratio':>7}")
        for name, path in pages.items():
            rate = hammer(port, path, args.seconds, args.connections)
            baseline = baseline or rate
            print(f"{name:<24} {rate:>8.0f} {rate / baseline:>7.2f}")
    finally:
        gunicorn.terminate()
        gunicorn.wait()


if __name__ == "__main__":
    main()
