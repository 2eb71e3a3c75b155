"""``first_chars`` never leaves out a character a match can start with."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.parse.firstchars import first_chars
from bot.parse.parser import get_parser

_LEXER = get_parser().lark.parser.lexer.lexer  # type: ignore[attr-defined]
_TERMINALS = [t for t in _LEXER.root_lexer.terminals if t.name != "KEYWORD"]
_PATTERNS = [t.pattern.to_regexp() for t in _TERMINALS]
_ALPHABET = "".join(
    sorted(
        {
            *"0123456789-+.,:= \t\n%xX×*wWkKſK",
            *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
            *"零〇一二两三四五六七八九十万千元手倍出进入本金资的",
            *"".join(word for word in _LEXER.keywords.by_literal)[:400],
        }
    )
)


def test_simple_patterns() -> None:
    assert first_chars("abc|d") == frozenset("ad")
    assert first_chars("-?[0-9]") == frozenset("-0123456789")
    assert first_chars("(?<![0-9])出(?=[0-9])") == frozenset("出")
    assert first_chars("(?i:stop)") == frozenset("sSſ")  # the engine equates ſ with s
    assert first_chars("(?:a|b?)c") == frozenset("abc")


def test_unbounded_patterns_give_none() -> None:
    assert first_chars(r"\w+") is None
    assert first_chars("[^a]") is None
    assert first_chars("a*") is None  # may match the empty string
    assert first_chars("[\u0000-\uffff]") is None


def test_every_command_terminal_is_bounded_or_none() -> None:
    bounded = [first_chars(pattern, _LEXER._flags) for pattern in _PATTERNS]
    assert sum(chars is not None for chars in bounded) >= len(bounded) // 2


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(_PATTERNS), st.text(alphabet=_ALPHABET, min_size=1, max_size=8))
def test_a_match_starts_with_a_listed_character(pattern: str, text: str) -> None:
    chars = first_chars(pattern, _LEXER._flags)
    match = re.compile(pattern, _LEXER._flags).match(text)
    if chars is not None and match is not None and match.end() > 0:
        assert text[0] in chars, (pattern, text)
