"""Own-words rule: no entry shares 15+ consecutive characters with a seed document.

Compared the way the project's hook compares: whitespace, punctuation and ``_`` removed with
``[\\s\\W_]+`` from both sides first. The seeds are read from ``../shared/seeds`` beside the
checkout; without that folder the test is skipped, saying so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.terms import all_entries
from bot.terms.loader import terms_dir
from bot.terms.model import TermEntry

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"
RUN = 15
_STRIP = re.compile(r"[\s\W_]+")


def _strip(text: str) -> str:
    return _STRIP.sub("", text)


@pytest.fixture(scope="module")
def seed_runs() -> frozenset[str]:
    if not SEEDS.is_dir():
        pytest.skip(
            f"seed documents not found at {SEEDS}: the own-words check needs ../shared/seeds"
        )
    runs: set[str] = set()
    for path in sorted(SEEDS.glob("*.txt")):
        text = _strip(path.read_text(encoding="utf-8", errors="ignore"))
        runs.update(text[i : i + RUN] for i in range(len(text) - RUN + 1))
    assert runs, f"no seed text found in {SEEDS}"
    return frozenset(runs)


def _copied(text: str, runs: frozenset[str]) -> list[str]:
    stripped = _strip(text)
    return [
        stripped[i : i + RUN]
        for i in range(len(stripped) - RUN + 1)
        if stripped[i : i + RUN] in runs
    ]


def _texts(entry: TermEntry) -> list[str]:
    return [
        *entry.names(),
        entry.summary,
        entry.explanation,
        *entry.formulas,
        entry.example_note or "",
        *entry.contrasts.values(),
    ]


def test_the_check_catches_a_copied_sentence(seed_runs: frozenset[str]) -> None:
    # A sentence lifted from a seed (with different spacing and punctuation) must be caught.
    seed = (SEEDS / "002_cffbd8617e9cfb0e.txt").read_text(encoding="utf-8")
    sentence = next(line for line in seed.splitlines() if len(_strip(line)) > 40)
    assert _copied(" ".join(sentence) + "！", seed_runs)


@pytest.mark.parametrize("entry", all_entries(), ids=lambda entry: entry.id)
def test_entry_is_in_our_own_words(entry: TermEntry, seed_runs: frozenset[str]) -> None:
    copied = {text: runs for text in _texts(entry) if (runs := _copied(text, seed_runs))}
    assert copied == {}


def test_knowledge_files_as_a_whole_are_in_our_own_words(seed_runs: frozenset[str]) -> None:
    # Fields are adjacent in the files; check the files exactly as the project's hook does.
    copied = {
        path.name: runs
        for path in sorted(terms_dir().glob("*.toml"))
        if (runs := _copied(path.read_text(encoding="utf-8"), seed_runs))
    }
    assert copied == {}
