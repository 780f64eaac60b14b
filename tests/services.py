"""A PostgreSQL and a Redis of a test's own, to stop, hang and restart (never the machine's shared ones)."""

import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg

from .conftest import _skip_unless_required, free_port, wait_for_port


def _postgres_bin() -> Path:
    found = shutil.which("initdb") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))), None)
    if found is None:
        _skip_unless_required("PostgreSQL's server programs not found (apt-get install postgresql)")
    return Path(found).parent


class PrivatePostgres:
    """A PostgreSQL cluster in a temporary folder on a free port, run as ``postgres`` when we are root."""

    def __init__(self, folder: Path):
        self.bin = _postgres_bin()
        self.folder = folder
        self.data = folder / "data"
        self.log = folder / "postgres.log"
        self.port = free_port()
        # initdb and postgres refuse to run as root.
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(folder, self.user)
        self._run("initdb", "--auth=trust", "--username=postgres", "--encoding=UTF8", "-D", str(self.data))

    def _run(self, program: str, *arguments: str):
        command = [str(self.bin / program), *arguments]
        subprocess.run(command, user=self.user, check=True, capture_output=True, timeout=60)

    def _pg_ctl(self, action: str, *arguments: str):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl", action, "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", *arguments
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self):
        self._pg_ctl("start")

    def stop(self):
        self._pg_ctl("stop", "-m", "fast")

    def restart(self):
        self._pg_ctl("restart", "-m", "fast")

    def execute(self, sql: str, database: str = "postgres", params=()) -> list[tuple]:
        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as connection:
            cursor = connection.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    def _pids(self) -> list[int]:
        """The postmaster first, then every process it started."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in glob.glob("/proc/[0-9]*/stat"):
            try:
                fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                children.append(int(stat.split("/")[2]))
        return [postmaster, *children]

    def hang(self) -> list[int]:
        """Stop every process of the server (SIGSTOP): connections stay open and nothing answers."""
        pids = self._pids()
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        return pids

    @staticmethod
    def resume(pids: list[int]):
        for pid in pids:
            os.kill(pid, signal.SIGCONT)


@contextmanager
def private_postgres():
    """A started PostgreSQL of the test's own; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="newsportal-postgres-"))
    try:
        server = PrivatePostgres(folder)
        server.start()
        try:
            yield server
        finally:
            hung = server._pids() if (server.data / "postmaster.pid").exists() else []
            PrivatePostgres.resume(hung)
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class PrivateRedis:
    """A redis-server on a free port that keeps nothing on disk."""

    def __init__(self, folder: Path):
        self.program = shutil.which("redis-server")
        if self.program is None:
            _skip_unless_required("redis-server not found (apt-get install redis-server)")
        self.folder = folder
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = [
            self.program,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        log = self.folder / "redis.log"
        self.process = subprocess.Popen(
            command, cwd=self.folder, stdout=log.open("a"), stderr=subprocess.STDOUT
        )
        wait_for_port(self.port, self.process, log, "redis-server")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process = None


@contextmanager
def private_redis(folder: Path):
    server = PrivateRedis(folder)
    server.start()
    try:
        yield server
    finally:
        if server.process is not None:
            server.stop()


def wait_until(condition, timeout: float = 10, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{condition} still false after {timeout} s")
        time.sleep(step)
