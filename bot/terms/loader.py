"""Read ``knowledge/terms/*.toml`` once, validate it, and index every title and alias.

Nothing happens at import: the first lookup parses the files (a few milliseconds) and the
result is cached for the life of the process.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.paths import knowledge_dir
from bot.terms.model import TermBook, TermEntry, term_key


class KnowledgeBaseError(Exception):
    """The knowledge files are malformed (a bug in the data, not a user error)."""


@dataclass(frozen=True, slots=True)
class TermIndex:
    """The validated book plus the lookups built from it."""

    book: TermBook
    by_id: Mapping[str, TermEntry]
    by_key: Mapping[str, TermEntry]
    """term_key(title or alias) → entry."""
    keys: tuple[str, ...]
    """Every lookup key, in book order (the choices for fuzzy suggestions)."""


def terms_dir() -> Path:
    return knowledge_dir() / "terms"


def _read_entries(path: Path) -> list[dict[str, Any]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeBaseError(f"{path.name}: {exc}") from exc
    entries = data.get("entry", [])
    if set(data) - {"entry"} or not isinstance(entries, list):
        raise KnowledgeBaseError(f"{path.name}: only [[entry]] tables are allowed")
    return entries


def load_term_book(folder: Path) -> TermBook:
    """Parse and validate every ``*.toml`` in ``folder`` (uncached; tests use it directly)."""
    raw: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.toml")):
        raw.extend(_read_entries(path))
    if not raw:
        raise KnowledgeBaseError(f"no entries found in {folder}")
    try:
        return TermBook.model_validate({"entries": raw})
    except ValidationError as exc:
        raise KnowledgeBaseError(f"invalid knowledge entries in {folder}:\n{exc}") from exc


def build_index(book: TermBook) -> TermIndex:
    by_key: dict[str, TermEntry] = {}
    for entry in book.entries:
        for name in entry.names():
            by_key[term_key(name)] = entry
    return TermIndex(
        book=book,
        by_id={entry.id: entry for entry in book.entries},
        by_key=by_key,
        keys=tuple(by_key),
    )


@cache
def term_index() -> TermIndex:
    """The shipped knowledge base, loaded and indexed on first use."""
    return build_index(load_term_book(terms_dir()))
