"""Which characters can a regular expression's match start with?

The lexer tries a large alternation of terminal patterns at every position. Most positions
(digits, spaces, most Chinese characters) cannot start any of them, yet the regex engine tries
every branch before it says so. ``first_chars(pattern)`` reads the pattern's syntax tree
(``re._parser``, the parser ``re.compile`` itself uses) and returns the set of characters a
non-empty match can start with, or None when it cannot tell (a category such as ``\\w``, a
negated set, a large range, or a pattern that may match the empty string): then the caller
must try the pattern everywhere. A returned set is never too small: assertions (look-ahead,
look-behind, anchors) only narrow a match, so they are skipped; a part that may be empty adds
what follows it; case-insensitive parts add every case the engine equates.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
from typing import Any

MAX_RANGE = 512
"""A character range wider than this makes the answer "any character" (keeps sets small)."""

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _UnboundedError(Exception):
    """The first character cannot be bounded."""


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Characters a non-empty match of ``pattern`` can start with; None when unbounded."""
    try:
        tree = sre_parse.parse(pattern, flags)
        chars, nullable = _sequence(list(tree), bool(tree.state.flags & re.IGNORECASE))
    except _UnboundedError:
        return None
    return None if nullable else frozenset(chars)


def _sequence(items: list[Any], ignore_case: bool) -> tuple[set[str], bool]:
    """(first characters, whether the whole sequence can match the empty string)."""
    chars: set[str] = set()
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue
        first, nullable = _item(op, arg, ignore_case)
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def _item(op: Any, arg: Any, ignore_case: bool) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return _literal(arg, ignore_case), False
    if op is sre.IN:
        return _charset(arg, ignore_case), False
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = arg
        return _sequence(list(body), ignore_case or bool(add_flags & re.IGNORECASE))
    if op is sre.BRANCH:
        chars: set[str] = set()
        nullable = False
        for branch in arg[1]:
            first, empty = _sequence(list(branch), ignore_case)
            chars |= first
            nullable = nullable or empty
        return chars, nullable
    if op in _REPEATS:
        low, _high, body = arg
        first, empty = _sequence(list(body), ignore_case)
        return first, empty or low == 0
    raise _UnboundedError


def _literal(code: int, ignore_case: bool) -> set[str]:
    char = chr(code)
    if not ignore_case:
        return {char}
    chars = {char, char.lower(), char.upper()}
    for known in tuple(chars):  # the engine's own extra equivalences (ſ ~ s, K ~ k …)
        chars.update(chr(extra) for extra in _EXTRA_CASES.get(ord(known), ()))
    return chars


def _charset(items: list[Any], ignore_case: bool) -> set[str]:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars |= _literal(arg, ignore_case)
        elif op is sre.RANGE and arg[1] - arg[0] <= MAX_RANGE:
            for code in range(arg[0], arg[1] + 1):
                chars |= _literal(code, ignore_case)
        else:  # NEGATE, CATEGORY (\d, \w …), a huge range
            raise _UnboundedError
    return chars
