"""The parsers are stock Lark: the keyword post-lexer, the generated product-name list, the
cached tables reading exactly as freshly analysed ones, and no private Lark API in ``bot/``."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lark import Token
from lark.exceptions import UnexpectedInput

from bot.errors import UserFacingError
from bot.parse.normalize import normalize_text
from bot.parse.parser import (
    CACHE_ENV,
    PRODUCT_NAMES_GRAMMAR,
    CommandParser,
    KeywordPostLexer,
    command_grammar,
    get_parser,
    product_names,
    product_names_grammar,
    read_product_names,
)
from bot.paths import grammar_dir
from tests.understanding.corpus import CASES

ROOT = Path(__file__).resolve().parents[2]
BENCH_CORPUS = ROOT / "bench" / "corpus.txt"


def test_post_lexer_gives_keywords_their_category_and_drops_fillers() -> None:
    _, keywords = command_grammar()
    tokens = [
        Token("KEYWORD", "买入平仓"),
        Token("KEYWORD", "的"),
        Token("SYMBOL", "Buy"),
        Token("SYMBOL", "rb"),
        Token("CN_NUMBER", "两"),
        Token("NUMBER", "3"),
        Token("KEYWORD", "螺纹钢"),
    ]
    out = list(KeywordPostLexer(keywords).process(iter(tokens)))
    assert [(t.type, str(t)) for t in out] == [
        ("CLOSE_SHORT", "买入平仓"),
        ("BUY", "Buy"),
        ("SYMBOL", "rb"),
        ("NUMBER", "两"),
        ("NUMBER", "3"),
        ("CN_NAME", "螺纹钢"),
    ]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("买入平仓2手", ["CLOSE_SHORT", "NUMBER", "LOTS_UNIT"]),  # not 买入 + 平仓
        ("多晶硅 开多", ["CN_NAME", "OPEN_LONG"]),  # the product name, not 多
        ("平今仓的", ["CLOSE_TODAY"]),  # 的 is a filler
    ],
)
def test_keyword_terminal_takes_the_longest_literal(text: str, types: list[str]) -> None:
    assert [token.type for token in get_parser().lark.lex(text)] == types


def test_product_names_file_is_current() -> None:
    # regenerate with: .venv/bin/python scripts/build_grammar.py
    path = grammar_dir() / PRODUCT_NAMES_GRAMMAR
    assert path.read_text(encoding="utf-8") == product_names_grammar(product_names())
    assert set(read_product_names()) == set(product_names())
    assert "螺纹钢" in read_product_names()


Outcome = tuple[object, ...]


def _outcome(parse: Callable[[str], object], text: str) -> Outcome:
    """What parsing ``text`` gives: the value, or the error's kind and position."""
    try:
        return ("spec", parse(text))
    except UnexpectedInput as error:
        token = getattr(error, "token", None)
        expected = getattr(error, "expected", None) or getattr(error, "allowed", None) or ()
        return (
            type(error).__name__,
            getattr(token, "type", None),
            getattr(token, "start_pos", None),
            getattr(error, "pos_in_stream", None),
            sorted(expected),
        )
    except UserFacingError as error:
        return ("user", str(error))


def test_tables_loaded_from_the_cache_read_like_analysed_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    analysed = CommandParser("lalr")
    [cache_file] = tmp_path.glob("command-*.lark")
    loaded = CommandParser("lalr")  # from the file just written
    texts = [case.text for case in CASES]
    texts += [line for line in BENCH_CORPUS.read_text(encoding="utf-8").splitlines() if line]
    texts += ["你好", "开多 你好", "权益", "开多2手 @", "盈亏比3:", "手 2", "开多\n2手 ??"]
    for text in texts:
        normalized = normalize_text(text)
        expected = _outcome(analysed.parse_command, normalized)
        assert _outcome(loaded.parse_command, normalized) == expected, text
    assert cache_file.exists()


_PRIVATE = re.compile(
    r"lark\.parsers|lark\.lexer|lark\.common|lark\.parser_frontends|_plugins|_getframe"
)


def test_bot_uses_only_public_lark_apis() -> None:
    offending = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "bot").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _PRIVATE.search(line)
    ]
    assert offending == []
