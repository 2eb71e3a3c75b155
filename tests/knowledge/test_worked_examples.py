"""Every entry's worked example, recomputed through the real pipeline, gives its key figure.

These fail until the pipeline (issue 3) understands each command: the example commands are
chosen from the parser's vocabulary, and the failure names the command that did not parse.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from bot.pipeline import answer
from bot.terms import all_entries, explain_terms
from bot.terms.model import TermEntry


@pytest.mark.parametrize("entry", all_entries(), ids=lambda entry: entry.id)
def test_worked_example_is_computed_live(entry: TermEntry) -> None:
    reply = answer(entry.example)
    assert reply.ok, f"{entry.example!r} not understood:\n{reply.text}"
    assert entry.example_expect in reply.text, f"{entry.example!r} gave:\n{reply.text}"


@pytest.mark.parametrize(
    ("term", "figure"),
    [("平仓盈亏", "4,000"), ("维持保证金", "4,800"), ("逐日盯市", "61,500"), ("风险度", "80%")],
)
def test_explanation_shows_the_computed_example(term: str, figure: str) -> None:
    # The seed documents' own worked examples, as a trader sees them inside an explanation.
    reply = explain_terms([term], calculate=answer)
    assert "暂时算不了" not in reply.text
    # compared as numbers: "4,000" must not match inside "14,000" ("+4,000.00" does match)
    assert _number(figure) in _numbers(reply.text), reply.text


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


def _number(text: str) -> tuple[Decimal, bool]:
    """A figure as (value, is a percentage)."""
    return Decimal(text.rstrip("%").replace(",", "")), text.endswith("%")


def _numbers(text: str) -> set[tuple[Decimal, bool]]:
    return {_number(match) for match in _NUMBER.findall(text)}


def test_without_a_calculator_the_example_is_shown_uncomputed() -> None:
    text = explain_terms(["平仓盈亏"]).text
    assert "暂时算不了" in text
