import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.fixture
def msgfmt():
    path = shutil.which("msgfmt")
    if path is None:
        pytest.skip("msgfmt not found (apt-get install gettext)")
    return path


# django: the portal's own strings; djangojs: the body editor's, kept by hand (see that file).
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_interface_string_has_an_indonesian_translation(msgfmt, tmp_path, domain):
    result = subprocess.run(
        [
            msgfmt,
            "--check",
            "--statistics",
            "-o",
            str(tmp_path / "id.mo"),
            LOCALE / f"id/LC_MESSAGES/{domain}.po",
        ],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_compiled_catalogues_match_their_sources(msgfmt, tmp_path, language, domain):
    compiled = tmp_path / f"{language}.mo"
    subprocess.run([msgfmt, "-o", compiled, LOCALE / language / f"LC_MESSAGES/{domain}.po"], check=True)
    assert compiled.read_bytes() == (LOCALE / language / f"LC_MESSAGES/{domain}.mo").read_bytes(), (
        "run `make messages` and commit the .mo files"
    )
