"""Which app builds on which: comments and pages on articles, never the other way round, neither on the
other; the WordPress importer on articles and comments, and none of them on it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each app, and the apps it must not import.
APPS = {
    "articles": {"comments", "pages", "wordpress"},
    "comments": {"pages", "wordpress"},
    "pages": {"comments", "wordpress"},
}
MODULES = sorted(
    (app, path) for app in APPS for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts
)


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize(("app", "path"), MODULES, ids=[str(path.relative_to(ROOT)) for _, path in MODULES])
def test_apps_import_only_what_they_build_on(app, path):
    assert not {name for name in imported(path) if name.split(".")[0] in APPS[app]}
