"""The page checkers the suite runs, installed from npm by `make checkers` (see .ci/node/package.json)."""

import os
import shutil
from pathlib import Path

from .conftest import _skip_unless_required

NODE_TOOLS = Path(os.environ.get("NODE_TOOLS", Path.home() / ".cache" / "newsportal-node-tools"))
VNU_JAR = NODE_TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = NODE_TOOLS / "node_modules" / "axe-core" / "axe.min.js"


def checker_or_skip(path: Path) -> Path:
    """A checker's file; without it the tests that need it skip, unless the run requires them."""
    if not path.exists():
        _skip_unless_required(f"{path} not found: run `make checkers`")
    return path


def java_or_skip() -> str:
    java = shutil.which("java")
    if java is None:
        _skip_unless_required("java not found (apt-get install default-jre-headless)")
    return java
