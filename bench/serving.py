"""How fast the portal serves, side by side with what serving costs at all, in one run.

    .venv/bin/python bench/serving.py [--seconds 5] [--rounds 3] [--connections 32]
    .venv/bin/python bench/serving.py --spike [--seconds 60] [--connections 200]

It loads the demo content into a fresh database (SQLite in a temporary folder, or the server
DATABASE_URL names: its data is replaced), gives the seed article 20 approved comments, and
starts, with the same gunicorn settings (newsportal/gunicorn.conf.py):
  - the portal with its page cache off (PAGE_CACHE=false),
  - the portal with its page cache on, with nginx (bin/nginx, deploy/nginx/) in front,
  - a bare Django view answering 20 KB (bench/bare_django.py).
Then, round after round, wrk (Debian's, --latency) hammers each address in turn: a 20 KB
static file from nginx and from gunicorn (WhiteNoise), the bare view, and the seed article,
home and a section (a) without the page cache, (b) with it, (c) through nginx. It prints
the median over the rounds of req/s, p50 and p99, and ratios: portal pages against the bare
Django view, nginx's pages against nginx's static file. A ratio says more than a raw number:
the machine's speed cancels out.

--spike: 200 readers on the article through nginx for 60 s while an editor adds a correction
and a moderator approves comments (through the functions the admin calls); it reports
failed requests and how long a fresh reader waited to see each change.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
STATIC_FILE = "bench-20k.html"
COMMENTS = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(name: str, command: list[str], env: dict, port: int, logs: Path):
    """A server process, once its port accepts connections."""
    log = (logs / f"{name}.log").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit(f"{name} did not start; see {logs / f'{name}.log'}") from None
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def gunicorn(name, env, logs, app=None, **settings_env):
    port = free_port()
    command = [GUNICORN, "--config", "newsportal/gunicorn.conf.py", *([app] if app else [])]
    return server(name, command, env | {"PORT": str(port)} | settings_env, port, logs)


def nginx(upstream: str, env: dict, var: Path, logs: Path):
    port = free_port()
    nginx_env = env | {
        "PATH": f"{env['PATH']}:/usr/sbin",
        "NGINX_LISTEN": f"127.0.0.1:{port}",
        "NGINX_UPSTREAM": upstream.removeprefix("http://"),
        "NGINX_VAR": str(var / "nginx"),
    }
    return server("nginx", [str(ROOT / "bin" / "nginx")], nginx_env, port, logs)


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def wrk(url: str, seconds: float, connections: int) -> dict:
    """req/s, p50 and p99 in ms, and failed requests, as Debian's wrk reports them."""
    command = [
        "wrk",
        "--latency",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{round(seconds)}s",
        "--timeout",
        "10s",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def latency(percent):
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        if found is None:
            raise SystemExit(f"wrk measured nothing at {url}:\n{output}")
        return float(found.group(1)) * UNITS[found.group(2)]

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rate": float(re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M).group(1)),
        "requests": int(re.search(r"^\s+(\d+) requests in", output, re.M).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "failed": (int(non_2xx.group(1)) if non_2xx else 0)
        + sum(map(int, errors.groups() if errors else ())),
    }


def prepare(env: dict, static_root: Path) -> None:
    def manage(*command):
        subprocess.run(
            [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )

    manage("create_database")
    manage("migrate", "--noinput")
    manage("flush", "--noinput")
    manage("createcachetable")
    manage("load_demo")
    manage("collectstatic", "--noinput")
    # Before gunicorn starts: WhiteNoise lists the static files once, at start.
    page = (ROOT / "bench" / "bare_django.py").read_text()
    (static_root / STATIC_FILE).write_text((page * 20)[: 20 * 1024])


def seed_article():
    """The demo's first article, with COMMENTS approved comments."""
    from articles.importer import parse_article_text
    from articles.models import Article
    from comments.models import Comment
    from comments.services import comments_changed

    manifest = json.loads((ROOT / "articles" / "demo" / "manifest.json").read_text())
    text = (ROOT / "articles" / "demo" / manifest["articles"][0]["file"]).read_text()
    article = Article.objects.select_related("section").get(slug=parse_article_text(text).slug)
    if not article.comments.exists():
        for number in range(COMMENTS):
            # Saved one by one: save() makes each comment's HTML.
            Comment(
                article=article,
                author_name=f"Pembaca {number}",
                author_email=f"pembaca{number}@example.net",
                text=f"Komentar ke-{number} tentang berita ini, cukup panjang untuk sebuah paragraf.",
                status=Comment.Status.APPROVED,
            ).save()
        comments_changed([article.pk])
    return article


def compare(args, servers, article) -> None:
    """Every target once per round, in turn; the median of the rounds."""
    static = f"/static/{STATIC_FILE}"
    pages = {
        "article": article.get_absolute_url(),
        "home": "/",
        "section": article.section.get_absolute_url(),
    }
    targets = {
        "static 20 KB, nginx": servers["nginx"] + static,
        "static 20 KB, gunicorn (WhiteNoise)": servers["cached"] + static,
        "bare Django view, 20 KB": servers["bare"] + "/",
    }
    for page, path in pages.items():
        targets[f"{page} (a) page cache off"] = servers["uncached"] + path
        targets[f"{page} (b) page cache on"] = servers["cached"] + path
        targets[f"{page} (c) through nginx"] = servers["nginx"] + path
    runs = {name: [] for name in targets}
    for url in targets.values():  # warm every cache and every worker
        wrk(url, 2, args.connections)
    for round_number in range(args.rounds):
        print(f"round {round_number + 1} of {args.rounds}…", file=sys.stderr)
        for name, url in targets.items():
            runs[name].append(wrk(url, args.seconds, args.connections))

    def median(name, key):
        return statistics.median(run[key] for run in runs[name])

    bare, nginx_static = median("bare Django view, 20 KB", "rate"), median("static 20 KB, nginx", "rate")
    print(
        f"\n{args.rounds} rounds of {args.seconds:g} s, {args.connections} connections, medians"
        f" ({os.cpu_count()} cores; gunicorn: WEB_CONCURRENCY={os.environ.get('WEB_CONCURRENCY', 'default')},"
        f" GUNICORN_THREADS={os.environ.get('GUNICORN_THREADS', 'default')})\n"
    )
    print(f"{'':<38} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'failed':>7}  ratio")
    for name in targets:
        rate = median(name, "rate")
        if "through nginx" in name or "gunicorn (WhiteNoise)" in name:
            ratio = f"{rate / nginx_static:7.1%} of nginx's static file"
        elif "page cache" in name:
            ratio = f"{rate / bare:7.1%} of the bare Django view"
        else:
            ratio = ""
        failed = sum(run["failed"] for run in runs[name])
        p50, p99 = median(name, "p50"), median(name, "p99")
        print(f"{name:<38} {rate:>8.0f} {p50:>8.1f} {p99:>8.1f} {failed:>7}  {ratio}")


def fresh_read(base_url: str, path: str) -> str:
    """The page as a new reader gets it; empty when it does not come within 10 s."""
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.read().decode() if response.status == 200 else ""
    except (OSError, http.client.HTTPException):
        return ""
    finally:
        connection.close()


def spike(args, servers, article) -> None:
    """200 readers through nginx while the article changes; when does a fresh reader see it?"""
    from articles.models import Correction
    from articles.publishing import save_correction
    from comments.models import Comment
    from comments.services import moderate

    pending = [
        Comment.objects.create(
            article=article,
            author_name="Pembaca baru",
            author_email=f"baru{number}@example.net",
            text=f"Komentar tertunda nomor {number} {secrets.token_hex(4)}",
        )
        for number in range(5)
    ]
    correction = f"Koreksi selama lonjakan {secrets.token_hex(4)}"
    url, path = servers["nginx"], article.get_absolute_url()
    changed, seen, reads = {}, {}, {"tried": 0, "answered": 0}
    done = threading.Event()

    def newsroom():
        time.sleep(args.seconds / 4)
        save_correction(Correction(article=article, text=correction))
        changed["correction"] = time.monotonic()
        time.sleep(args.seconds / 4)
        moderate(Comment.objects.filter(pk__in=[comment.pk for comment in pending]), Comment.Status.APPROVED)
        changed["comments"] = time.monotonic()

    def fresh_reader():
        while not done.is_set():
            page = fresh_read(url, path)
            now = time.monotonic()
            reads["tried"] += 1
            reads["answered"] += bool(page)
            if "correction" in changed and correction in page:
                seen.setdefault("correction", now)
            if "comments" in changed and all(comment.text in page for comment in pending):
                seen.setdefault("comments", now)
            time.sleep(0.25)

    threads = [threading.Thread(target=newsroom), threading.Thread(target=fresh_reader)]
    for thread in threads:
        thread.start()
    try:
        result = wrk(url + path, args.seconds, args.connections)
    finally:
        done.set()
        for thread in threads:
            thread.join()
    print(f"\nspike: {args.connections} connections on the article through nginx for {args.seconds:g} s")
    print(
        f"  {result['requests']} requests, {result['rate']:.0f} req/s, p50 {result['p50']:.1f} ms, ", end=""
    )
    print(f"p99 {result['p99']:.1f} ms, failed {result['failed']}")
    print(f"  a fresh reader asked {reads['tried']} times and got the page {reads['answered']} times")
    for change in ("correction", "comments"):
        if change in seen:
            waited = seen[change] - changed[change]
            print(f"  the {change} reached a fresh reader {waited:.1f} s after it was saved")
        else:
            print(f"  the {change} had not reached a fresh reader when the run ended")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, help="per target (5), or the spike's length (60)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, help="32, or 200 for the spike")
    parser.add_argument("--spike", action="store_true")
    args = parser.parse_args()
    args.seconds = args.seconds or (60 if args.spike else 5)
    args.connections = args.connections or (200 if args.spike else 32)

    var = Path(tempfile.mkdtemp(prefix="newsportal-serving-"))
    static_root, logs = var / "static", var / "logs"
    logs.mkdir()
    env = os.environ | {
        "VAR_DIR": str(var),
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(var / "media"),
        "GUNICORN_ACCESSLOG": "",
        "CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
        "DEBUG": "false",
    }
    prepare(env, static_root)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    article = seed_article()
    behind_nginx = {"NUM_PROXIES": "1"}
    bare_env = env | {"DJANGO_SETTINGS_MODULE": "bench.bare_django"}
    with ExitStack() as stack:
        servers = {
            "uncached": stack.enter_context(gunicorn("uncached", env, logs, PAGE_CACHE="false")),
            "cached": stack.enter_context(gunicorn("cached", env, logs, **behind_nginx)),
            "bare": stack.enter_context(gunicorn("bare", bare_env, logs, app="bench.bare_django")),
        }
        servers["nginx"] = stack.enter_context(nginx(servers["cached"], env, var, logs))
        (spike if args.spike else compare)(args, servers, article)


if __name__ == "__main__":
    main()
