"""One phrasing of the corpus and what the bot must make of it (see ``corpus.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    text: str
    kind: str
    expect: dict[str, str] = field(default_factory=dict)


def c(text: str, kind: str, **expect: str) -> Case:
    return Case(text, kind, dict(expect))
