"""The phone-width rule over the whole benchmark corpus: every ``<pre>`` line the bot can
send (the answer, its group form, its working) fits 32 display columns; group forms are at
most six lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.format.numbers import display_width
from bot.pipeline import answer
from bot.telegram.format import compact_html, working_html, wrap_line
from tests.bot.fake_bot_api import html_to_text

CORPUS = Path(__file__).parents[2] / "bench" / "corpus.txt"
QUESTIONS = [
    line.strip()
    for line in CORPUS.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
_PRE = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)


def _pre_lines(text: str) -> list[str]:
    return [html_to_text(line) for block in _PRE.findall(text) for line in block.split("\n")]


def test_the_corpus_is_the_benchmarks() -> None:
    assert len(QUESTIONS) > 150


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_pre_line_fits_a_phone(question: str) -> None:
    reply = answer(question)
    sent = [reply.html, working_html(reply), compact_html(reply) or ""]
    wide = [line for text in sent for line in _pre_lines(text) if display_width(line) > 32]
    assert wide == []
    short = compact_html(reply)
    if short is not None:
        assert len(html_to_text(short).splitlines()) <= 6
        assert html_to_text(short).splitlines()[0] == reply.text.splitlines()[0]


def test_wrap_line_cuts_at_spaces_and_indents() -> None:
    line = "多1手：(2,050 − 2,000) × 100 × 1 = 5,000"  # 40 columns (： is 2)
    assert wrap_line(line) == ["多1手：(2,050 − 2,000) × 100 × 1", "  = 5,000"]
    assert wrap_line("短") == ["短"]
    assert wrap_line("x" * 40) == ["x" * 32, "  " + "x" * 8]  # one word: cut, 32 + 8
