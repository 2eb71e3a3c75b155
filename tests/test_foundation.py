"""Project-level checks: layout, data location, layering of the core."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.paths import grammar_dir, knowledge_dir

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_IN_CORE = {"telegram", "lark", "sqlalchemy", "aiohttp", "httpx", "bot.telegram"}


def test_top_level_layout() -> None:
    for name in ("pyproject.toml", "bot", "grammar", "knowledge", "tests", "README.md"):
        assert (ROOT / name).exists(), name


def test_data_dirs_resolve_to_checkout() -> None:
    assert grammar_dir() == ROOT / "grammar"
    assert knowledge_dir() == ROOT / "knowledge"


def test_core_imports_no_io_frameworks() -> None:
    offenders = []
    for path in (ROOT / "bot" / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if any(name == f or name.startswith(f + ".") for f in FORBIDDEN_IN_CORE):
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


@pytest.mark.parametrize(
    ("text", "title"),
    [("平今", "【平今/平昨】"), ("建仓", "【开仓】"), ("开多", "【多头】"), ("close", "【平仓】")],
)
def test_a_direction_word_alone_is_a_term_question(text: str, title: str) -> None:
    from bot.pipeline import answer

    assert answer(text).text.startswith(title)
