"""bin/start is how both `make run` and the Docker image start the portal."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import database_url, free_port, subprocess_env

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.e2e


def test_start_script_sets_up_an_empty_database_with_demo_content_and_serves_it(tmp_path):
    port = free_port()
    bin_dir = Path(os.sys.executable).parent
    env = subprocess_env(
        PATH=f"{bin_dir}:{os.environ['PATH']}",
        VAR_DIR=str(tmp_path),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PORT=str(port),
        LOAD_DEMO="1",
        WEB_CONCURRENCY="1",
    )
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY"):
        env.pop(name, None)
    log = (tmp_path / "start.log").open("w+")
    process = subprocess.Popen(
        [ROOT / "bin/start"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    home = response.read().decode()
                break
            except OSError:
                assert process.poll() is None, (tmp_path / "start.log").read_text()
                assert time.monotonic() < deadline, "the portal did not answer within two minutes"
                time.sleep(0.5)
        assert "Panglima Militer AS-Rusia" in home
        assert "<img" in home
        output = (tmp_path / "start.log").read_text()
        assert "[14/14]" in output
        assert "manage.py createsuperuser" in output
        assert "/admin/" in output
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        log.close()


@pytest.mark.django_db
def test_start_creates_a_missing_postgresql_database_once(tmp_path):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("creating the database is for PostgreSQL; SQLite makes its file itself")
    import psycopg

    name = f"{connection.settings_dict['NAME']}_created_{os.getpid()}"
    url = database_url(connection.settings_dict).rsplit("/", 1)[0] + f"/{name}"
    params = connection.get_connection_params() | {"dbname": "postgres"}
    params.pop("cursor_factory", None)
    try:
        first = subprocess.run(
            [os.sys.executable, "manage.py", "create_database"],
            cwd=ROOT,
            env=subprocess_env(DATABASE_URL=url),
            capture_output=True,
            text=True,
            check=True,
        )
        again = subprocess.run(
            [os.sys.executable, "manage.py", "create_database"],
            cwd=ROOT,
            env=subprocess_env(DATABASE_URL=url),
            capture_output=True,
            text=True,
            check=True,
        )
        with psycopg.connect(**params, autocommit=True) as server:
            assert server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    finally:
        with psycopg.connect(**params, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}"')
    assert first.stdout == f"Created the database {name}.\n"
    assert again.stdout == ""
