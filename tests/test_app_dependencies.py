"""The comments app builds on articles, never the other way round; the WordPress importer on both."""

import ast
from pathlib import Path

import pytest

ARTICLES = Path(__file__).resolve().parent.parent / "articles"
MODULES = sorted(path for path in ARTICLES.rglob("*.py") if "migrations" not in path.parts)


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ARTICLES)))
def test_articles_import_nothing_from_comments(path):
    assert not {name for name in imported(path) if name.split(".")[0] == "comments"}


BUILT_ON = sorted(
    path
    for app in ("articles", "comments")
    for path in (ARTICLES.parent / app).rglob("*.py")
    if "migrations" not in path.parts
)


@pytest.mark.parametrize("path", BUILT_ON, ids=lambda path: str(path.relative_to(ARTICLES.parent)))
def test_articles_and_comments_import_nothing_from_the_wordpress_importer(path):
    assert not {name for name in imported(path) if name.split(".")[0] == "wordpress"}
