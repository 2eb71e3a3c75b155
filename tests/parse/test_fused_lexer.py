"""The parser's speed-ups change nothing Lark would do.

- ``FusedContextualLexer`` reads every message exactly as Lark's own contextual lexer followed
  by ``KeywordPostLexer`` does: same spec, or the same error (type, message, token, position).
  It matches KEYWORD by a dictionary lookup instead of Lark's regex and folds the post-lexer
  into its loop; compared with the reference pipeline on the corpora and on random keyword
  soups and mutations, including multi-line and bad input.
- ``FastLoadingLALRParser`` writes the parse table to the cache in a compact form and reads
  back the same table Lark's own format gives (entries, rules, key order).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Lark
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.parsers.lalr_analysis import Reduce

from bot.errors import UserFacingError
from bot.parse.normalize import normalize_text
from bot.parse.parser import (
    FastLoadingLALRParser,
    FusedContextualLexer,
    KeywordPostLexer,
    cached_command_grammar,
    command_grammar,
    get_parser,
    parser_cache_dir,
)
from bot.parse.transformer import CommandTransformer
from tests.understanding.corpus import CASES

BENCH_CORPUS = Path(__file__).resolve().parents[2] / "bench" / "corpus.txt"
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_GRAMMAR, _KEYWORDS = command_grammar()
_REFERENCE = Lark(
    _GRAMMAR,
    parser="lalr",
    lexer="contextual",
    postlex=KeywordPostLexer(_KEYWORDS),
    transformer=CommandTransformer(),
    maybe_placeholders=False,
    keep_all_tokens=True,
)
_WORDS = [*sorted(_KEYWORDS.by_literal), *sorted(_KEYWORDS.by_english)]
_PIECES = [*_WORDS, "2", "1000", "1,020", "3.5", "10万", "两", "x100", "20x", "rb2505", "BTC"]
_PIECES += [" ", "  ", "\n", "，", "%", ":", "@", "→", "?", "你好", "😀", "xyz", "-5", "1e5"]


def _outcome(parse: Callable[[str], Any], text: str) -> tuple[Any, ...]:
    """What parsing ``text`` gives: the value, or the error's kind, message and position."""
    try:
        return ("spec", parse(text))
    except UnexpectedInput as error:
        token = getattr(error, "token", None)
        # (parser state numbers and the order of the expected list are not compared: they
        # differ between two analyses of the same grammar)
        return (
            type(error).__name__,
            str(error).split("\n", 1)[0],
            getattr(token, "type", None),
            getattr(token, "start_pos", None),
            getattr(error, "pos_in_stream", None),
            sorted(getattr(error, "expected", None) or getattr(error, "allowed", None) or ()),
        )
    except UserFacingError as error:
        return ("user", str(error))


def _same(text: str) -> None:
    assert _outcome(get_parser().lark.parse, text) == _outcome(_REFERENCE.parse, text), text


def test_the_pipeline_parser_uses_the_fused_lexer() -> None:
    lexer = get_parser().lark.parser.lexer.lexer  # type: ignore[attr-defined]
    assert isinstance(lexer, FusedContextualLexer)


def test_corpora_read_the_same() -> None:
    texts = [case.text for case in CASES]
    texts += [line for line in BENCH_CORPUS.read_text(encoding="utf-8").splitlines() if line]
    for text in texts:
        _same(normalize_text(text))


def test_errors_read_the_same() -> None:
    for text in (
        "你好",
        "开多 你好",
        "权益",
        "开多2手 @",
        "盈亏比3:",
        "手 2",
        "开多\n2手 ??",
        "😀",
    ):
        _same(text)
    assert isinstance(_REFERENCE_ERROR("你好"), UnexpectedCharacters | UnexpectedToken)


def _REFERENCE_ERROR(text: str) -> Exception:  # noqa: N802 - reads as a constant lookup
    try:
        _REFERENCE.parse(text)
    except UnexpectedInput as error:
        return error
    raise AssertionError(f"{text!r} parsed")


@FUZZ
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_keyword_soups_read_the_same(pieces: list[str]) -> None:
    _same("".join(pieces))


@FUZZ
@given(st.sampled_from([case.text for case in CASES]), st.data())
def test_mutated_corpus_reads_the_same(text: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(text)))
    insert = data.draw(st.sampled_from(_PIECES))
    _same(normalize_text(text[:cut] + insert + text[cut:]))


def test_grammar_cache_returns_what_it_stored() -> None:
    assert parser_cache_dir() is not None
    assert cached_command_grammar() == (_GRAMMAR, _KEYWORDS)
    assert cached_command_grammar() == (_GRAMMAR, _KEYWORDS)  # second call: from the file


def _table(parser: Lark) -> dict[Any, dict[str, tuple[Any, ...]]]:
    table = parser.parser.parser.parser.parse_table  # type: ignore[attr-defined]
    rows = {
        state: {
            token: (
                (action is Reduce, arg.origin.name, tuple(s.name for s in arg.expansion), arg.alias)
                if action is Reduce
                else (False, arg)
            )
            for token, (action, arg) in actions.items()
        }
        for state, actions in table.states.items()
    }
    return {"rows": rows, "start": table.start_states, "end": table.end_states}


def test_fast_table_loading_reads_back_the_analysed_table(tmp_path: Path) -> None:
    cache = str(tmp_path / "compact.pickle")
    options: dict[str, Any] = {
        "parser": "lalr",
        "postlex": KeywordPostLexer(_KEYWORDS),
        "_plugins": {"LALR_Parser": FastLoadingLALRParser},
    }
    analysed = Lark(_GRAMMAR, cache=cache, **options)  # analyses, writes the compact cache
    loaded = Lark(_GRAMMAR, cache=cache, **options)  # reads it back
    assert isinstance(loaded.parser.parser, FastLoadingLALRParser)  # type: ignore[attr-defined]
    assert _table(loaded) == _table(analysed)
    loaded_rows = loaded.parser.parser._parse_table.states  # type: ignore[attr-defined]
    analysed_rows = analysed.parser.parser._parse_table.states  # type: ignore[attr-defined]
    assert [list(row) for row in loaded_rows.values()] == [
        list(row) for row in analysed_rows.values()
    ]
    text = "开多2手 1000 平仓 1020 乘数100"
    assert loaded.parse(text) == analysed.parse(text)


def test_a_cache_in_larks_own_format_is_still_read(tmp_path: Path) -> None:
    cache = str(tmp_path / "lark.pickle")
    options: dict[str, Any] = {"parser": "lalr", "postlex": KeywordPostLexer(_KEYWORDS)}
    analysed = Lark(_GRAMMAR, cache=cache, **options)
    loaded = Lark(_GRAMMAR, cache=cache, _plugins={"LALR_Parser": FastLoadingLALRParser}, **options)
    assert _table(loaded) == _table(analysed)
