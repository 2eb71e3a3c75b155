"""Term explanations: a validated knowledge base (``knowledge/terms/*.toml``) with live examples.

Public API (the pipeline and the Telegram ``/explain`` command use these):

- ``explain_terms(terms, mode="what", values=None) -> Reply``
- ``lookup_term(text) -> TermEntry | None`` — exact title/alias match (NFKC, case-insensitive)
- ``route_question(text) -> (terms, mode) | None`` — 什么是X / X是什么意思 / X怎么算 / X和Y的区别 …
- ``suggest_terms(text) -> list[TermEntry]`` — closest entries (rapidfuzz)
- ``all_entries() -> tuple[TermEntry, ...]``

Nothing is read at import; the files are parsed and indexed once, on first use.
"""

from __future__ import annotations

from bot.terms.loader import KnowledgeBaseError, term_index
from bot.terms.model import Mode, TermEntry, term_key
from bot.terms.render import explain_terms
from bot.terms.routing import route_question
from bot.terms.suggest import suggest_terms

__all__ = [
    "KnowledgeBaseError",
    "Mode",
    "TermEntry",
    "all_entries",
    "explain_terms",
    "lookup_term",
    "route_question",
    "suggest_terms",
]


def lookup_term(text: str) -> TermEntry | None:
    """The entry whose title or alias is exactly ``text`` (after NFKC, ignoring case/spaces)."""
    return term_index().by_key.get(term_key(text))


def all_entries() -> tuple[TermEntry, ...]:
    """Every entry, in file order."""
    return term_index().book.entries
