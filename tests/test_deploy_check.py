import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # The browser tests' fixture allows async-unsafe calls in this process; a deployment never does.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "HTTPS": "true",
        "SECRET_KEY": "a-real-secret-" + "k7Q2mZ9x" * 8,
        "ALLOWED_HOSTS": "news.example.org",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_generated_once_and_kept(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | {"VAR_DIR": str(tmp_path)}
    command = [sys.executable, "-c", "from django.conf import settings as s; print(s.SECRET_KEY)"]
    env["DJANGO_SETTINGS_MODULE"] = "newsportal.settings"
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    assert first == second
    assert len(first.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
