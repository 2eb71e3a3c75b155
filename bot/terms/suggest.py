"""Closest entries for an unknown or misspelt term (rapidfuzz, imported only when needed)."""

from __future__ import annotations

from bot.terms.loader import term_index
from bot.terms.model import TermEntry, term_key

SCORE_CUTOFF = 50.0
"""Score (0–100) below which a name is not worth suggesting."""
SCORE_WINDOW = 15.0
"""Only names within this many points of the best match are suggested."""


def suggest_terms(text: str, limit: int = 5, min_score: float = SCORE_CUTOFF) -> list[TermEntry]:
    """Entries whose title or an alias is closest to ``text``, best first, no repeats."""
    key = term_key(text)
    if not key:
        return []
    from rapidfuzz import fuzz, process

    def score(query: str, name: str, **_: object) -> float:
        # WRatio alone over-rewards partial matches of long names; averaging it with the plain
        # edit-distance ratio keeps short Chinese names (one wrong character) on top.
        return (fuzz.WRatio(query, name) + fuzz.ratio(query, name)) / 2

    index = term_index()
    matches = process.extract(
        key, index.keys, scorer=score, limit=limit * 6, score_cutoff=min_score
    )
    if not matches:
        return []
    floor = matches[0][1] - SCORE_WINDOW
    ranked = sorted(
        (match for match in matches if match[1] >= floor),
        key=lambda match: (-match[1], len(match[0])),
    )
    found: list[TermEntry] = []
    seen: set[str] = set()
    for name, _score, _position in ranked:
        entry = index.by_key[name]
        if entry.id not in seen:
            seen.add(entry.id)
            found.append(entry)
        if len(found) == limit:
            break
    return found
