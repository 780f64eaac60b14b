"""Faults injected under load: the portal fails fast, recovers by itself, never loses or doubles a comment.

A PostgreSQL and a Redis of this module's own, the portal under gunicorn behind nginx, and a few
readers reading pages, static files and searches while one in twenty requests posts a comment.
Each test injects one fault and counts the failed requests, how long after the fault ended all
was well, and whether every comment answered 303 is stored exactly once. The figures of a run are
written to test-artifacts/faults.md (the README quotes them).
"""

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .conftest import ARTIFACTS, ROOT, running_portal, subprocess_env
from .services import private_postgres, private_redis

pytestmark = [pytest.mark.faults, pytest.mark.e2e]

READERS = 4
WORKERS = 3
SETTLE_SECONDS = 2  # load before the fault, and at least this long after it
AFTER_SECONDS = 5
REQUEST_TIMEOUT = 30


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect())


def send(url: str, data: dict | None = None) -> int:
    body = urlencode(data).encode() if data is not None else None
    try:
        with OPENER.open(url, body, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


@dataclass
class Stack:
    url: str
    postgres: object
    redis: object
    gunicorn_pid_file: Path
    paths: dict
    form: dict

    @property
    def master(self) -> int:
        return int(self.gunicorn_pid_file.read_text())

    def workers(self) -> list[int]:
        return [
            int(pid) for pid in Path(f"/proc/{self.master}/task/{self.master}/children").read_text().split()
        ]


@dataclass
class Answer:
    kind: str
    started: float
    ended: float
    status: int | None
    error: str = ""
    text: str = ""

    @property
    def failed(self) -> bool:
        return self.status != (303 if self.kind == "comment" else 200)


@dataclass
class Load:
    """Readers hitting the portal in threads until stopped: 95% reads, 5% comment posts."""

    stack: Stack
    name: str
    answers: list[Answer] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def __enter__(self):
        self.threads = [threading.Thread(target=self.reader, args=(n,)) for n in range(READERS)]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def reader(self, number: int):
        chance = random.Random(f"{self.name}-{number}")  # noqa: S311 - a load, not a secret
        paths = self.stack.paths
        sent = 0
        while not self.stopping.is_set():
            roll = chance.random()
            text = ""
            if roll < 0.05:
                kind, sent = "comment", sent + 1
                text = f"{self.name}: pembaca {number}, komentar {sent}"
                fields = self.stack.form | {"text": text, "author_name": f"Pembaca {number}"}
                request = (
                    self.stack.url + paths["comment"],
                    fields | {"author_email": "pembaca@example.net"},
                )
            elif roll < 0.35:
                kind, request = "search", (self.stack.url + paths["search"], None)
            elif roll < 0.5:
                kind, request = "static", (self.stack.url + paths["static"], None)
            else:
                kind, request = "page", (self.stack.url + chance.choice(paths["pages"]), None)
            started = time.monotonic()
            try:
                status, error = send(*request), ""
            except Exception as failure:  # a reset connection, a timeout: what a reader would see
                status, error = None, f"{type(failure).__name__}: {failure}"
            self.answers.append(Answer(kind, started, time.monotonic(), status, error, text))
            time.sleep(0.02)


@pytest.fixture(scope="module")
def stack(tmp_path_factory, collected_static, session_media_root):
    var = tmp_path_factory.mktemp("faults")
    with ExitStack() as services:
        postgres = services.enter_context(private_postgres())
        redis = services.enter_context(private_redis(var))
        postgres.execute("CREATE DATABASE portal")
        portal_env = {
            "DATABASE_URL": postgres.url("portal"),
            "REDIS_URL": redis.url,
            "MEDIA_ROOT": str(session_media_root),
            "VAR_DIR": str(var),
        }
        for command in (["migrate", "--noinput"], ["load_demo"]):
            subprocess.run(
                [sys.executable, "manage.py", *command, "--verbosity", "0"],
                cwd=ROOT,
                env=subprocess_env(**portal_env),
                check=True,
                capture_output=True,
            )
        pid_file = var / "gunicorn.pid"
        url = services.enter_context(
            running_portal(
                var,
                collected_static,
                session_media_root,
                **portal_env,
                WEB_CONCURRENCY=str(WORKERS),
                GUNICORN_CMD_ARGS=f"--pid {pid_file}",
                # Every post goes through the rate limit, and none is refused by it.
                COMMENTS_RATE_LIMIT="1000000",
                COMMENTS_MIN_FILL_SECONDS="0",
                PAGE_SHARED_MAX_AGE="1",
            )
        )
        home = urllib.request.urlopen(url + "/", timeout=REQUEST_TIMEOUT).read().decode()
        article = re.search(r'href="(/[a-z-]+/\d{4}/\d\d/\d\d/[^"/]+/)"', home).group(1)
        page = urllib.request.urlopen(url + article, timeout=REQUEST_TIMEOUT).read().decode()
        form = page.split('id="commentform"', 1)[1].split("</form>", 1)[0]
        paths = {
            "pages": ["/", article, "/" + article.split("/")[1] + "/"],
            "static": re.search(r'href="(/static/css/site\.[^"]+)"', page).group(1),
            "search": "/cari/?q=harga",
            "comment": re.search(r'<form action="(/komentar/\d+/)"', page).group(1),
        }
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        yield Stack(url, postgres, redis, pid_file, paths, fields)
        write_figures()


FIGURES: dict[str, dict] = {}


def write_figures():
    if not FIGURES:
        return
    lines = [
        "| fault | requests | failed | all well after the fault | slowest answer | comments 303 "
        "| lost | doubled |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in FIGURES.items():
        lines.append(
            f"| {name} | {row['requests']} | {row['failed']} | {row['well_after']:.1f} s "
            f"| {row['slowest']:.1f} s | {row['accepted']} | {row['lost']} | {row['doubled']} |"
        )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "faults.md").write_text("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines))


@dataclass
class Outcome:
    answers: list[Answer]
    fault_started: float
    fault_ended: float
    stored: dict[str, int]

    @property
    def failures(self) -> list[Answer]:
        return [answer for answer in self.answers if answer.failed]

    @property
    def well_after(self) -> float:
        """Seconds from the fault's end until the last failed request was answered."""
        return max([0.0] + [answer.ended - self.fault_ended for answer in self.failures])

    @property
    def accepted(self) -> list[str]:
        return [answer.text for answer in self.answers if answer.kind == "comment" and answer.status == 303]


def under_load(stack: Stack, name: str, inject, *, after: float = AFTER_SECONDS) -> Outcome:
    """Run the load, inject the fault (``inject`` returns once it is over), and check every comment."""
    with Load(stack, name) as load:
        time.sleep(SETTLE_SECONDS)
        fault_started = time.monotonic()
        inject()
        fault_ended = time.monotonic()
        time.sleep(after)
    rows = stack.postgres.execute(
        "SELECT text, count(*) FROM comments_comment WHERE text LIKE %s GROUP BY text",
        "portal",
        (f"{name}: %",),
    )
    outcome = Outcome(load.answers, fault_started, fault_ended, dict(rows))
    kinds = Counter(f"{answer.kind} {answer.status or answer.error}" for answer in outcome.failures)
    failed = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    accepted = outcome.accepted
    FIGURES[name] = {
        "requests": len(outcome.answers),
        "failed": f"{len(outcome.failures)}" + (f" ({failed})" if failed else ""),
        "well_after": outcome.well_after,
        "slowest": max(answer.ended - answer.started for answer in outcome.answers),
        "accepted": len(accepted),
        "lost": sum(1 for text in accepted if text not in outcome.stored),
        "doubled": sum(1 for count in outcome.stored.values() if count > 1),
    }
    assert accepted, "no comment was accepted at all"
    assert all(outcome.stored.get(text) == 1 for text in accepted), FIGURES[name]
    assert all(count == 1 for count in outcome.stored.values()), FIGURES[name]
    return outcome


def only_in_flight_failed(outcome: Outcome) -> bool:
    """No request sent after the fault was over failed."""
    return all(answer.started <= outcome.fault_ended for answer in outcome.failures)


def test_postgresql_restart(stack):
    outcome = under_load(stack, "PostgreSQL restart", stack.postgres.restart)
    assert len(outcome.failures) <= READERS and only_in_flight_failed(outcome), FIGURES["PostgreSQL restart"]


def test_pg_terminate_backend(stack):
    def terminate():
        stack.postgres.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'portal'"
            " AND pid <> pg_backend_pid()",
        )

    outcome = under_load(stack, "pg_terminate_backend", terminate)
    assert len(outcome.failures) <= READERS and only_in_flight_failed(outcome), FIGURES[
        "pg_terminate_backend"
    ]


def styled_503(stack) -> tuple[int, str, str]:
    """What a reader gets for a page that needs the database: status, Retry-After and the heading."""
    try:
        urllib.request.urlopen(stack.url + stack.paths["search"], timeout=REQUEST_TIMEOUT)
    except urllib.error.HTTPError as error:
        heading = re.search(r"<h1>([^<]*)</h1>", error.read().decode())
        return error.code, error.headers.get("Retry-After"), heading and heading.group(1)
    return 200, None, None


def assert_failed_fast_and_kept_serving(outcome: Outcome, figures: dict):
    """Whatever failed was a 503 within 5 s; cached pages and static files were served meanwhile."""
    assert all(answer.status == 503 and answer.ended - answer.started <= 5 for answer in outcome.failures), (
        figures
    )
    assert outcome.well_after <= 5, figures
    during = [
        answer for answer in outcome.answers if outcome.fault_started < answer.started < outcome.fault_ended
    ]
    assert any(answer.status == 200 and answer.kind == "page" for answer in during), (
        "no cached page was served"
    )
    assert any(answer.status == 200 and answer.kind == "static" for answer in during), (
        "no static file was served"
    )


def test_postgresql_hung_for_10_seconds(stack):
    seen = []

    def hang():
        pids = stack.postgres.hang()
        time.sleep(5)
        seen.append(styled_503(stack))
        time.sleep(5)
        stack.postgres.resume(pids)

    outcome = under_load(stack, "PostgreSQL hung 10 s", hang)
    assert seen == [(503, "5", "Situs tidak tersedia sebentar")]
    assert_failed_fast_and_kept_serving(outcome, FIGURES["PostgreSQL hung 10 s"])


def test_postgresql_stopped_for_5_seconds(stack):
    seen = []

    def stop_for_a_while():
        stack.postgres.stop()
        seen.append(styled_503(stack))
        time.sleep(5)
        stack.postgres.start()

    outcome = under_load(stack, "PostgreSQL stopped 5 s", stop_for_a_while)
    assert seen == [(503, "5", "Situs tidak tersedia sebentar")]
    assert_failed_fast_and_kept_serving(outcome, FIGURES["PostgreSQL stopped 5 s"])


def test_redis_stopped(stack):
    def stop_for_a_while():
        stack.redis.stop()
        time.sleep(5)
        stack.redis.start()

    outcome = under_load(stack, "Redis stopped 5 s", stop_for_a_while)
    assert outcome.failures == [], FIGURES["Redis stopped 5 s"]


def test_kill_9_of_a_worker(stack):
    outcome = under_load(stack, "kill -9 of a worker", lambda: os.kill(stack.workers()[0], signal.SIGKILL))
    # A sync worker serves one request at a time: that one is lost, no other.
    assert len(outcome.failures) <= 1 and only_in_flight_failed(outcome), FIGURES["kill -9 of a worker"]


def test_hup_of_the_master(stack):
    outcome = under_load(stack, "HUP of the master", lambda: os.kill(stack.master, signal.SIGHUP))
    assert outcome.failures == [], FIGURES["HUP of the master"]
