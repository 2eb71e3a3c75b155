"""The README's "real output" examples are what the bot answers today."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.pipeline import answer

README = Path(__file__).resolve().parents[1] / "README.md"
_ASK = re.compile(r'^\$ pingcang ask "(.*)"\n', re.MULTILINE)


def _code_blocks(text: str) -> list[str]:
    blocks: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append("\n".join(current) + "\n")
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def _examples() -> list[tuple[str, str]]:
    examples = []
    for block in _code_blocks(README.read_text(encoding="utf-8")):
        parts = _ASK.split(block)
        for question, shown in zip(parts[1::2], parts[2::2], strict=True):
            examples.append((question, shown.strip("\n")))
    return examples


EXAMPLES = _examples()


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize(("question", "shown"), EXAMPLES, ids=[q for q, _ in EXAMPLES])
def test_example_output_is_current(question: str, shown: str) -> None:
    assert answer(question).text == shown
