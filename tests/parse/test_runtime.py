"""``TableDriver`` parses exactly as ``Lark.parse`` does, only in fewer steps.

Every corpus phrasing, random keyword soups and mutated phrasings give the same spec or the
same error (type, message, token, position) through the pipeline's parser (the driver, with
its own rule callbacks) as through a plain Lark parser with the fused lexer's reference setup.
The term grammar is checked the same way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lark import Lark, Tree

from bot.parse.normalize import normalize_text
from bot.parse.parser import (
    CACHE_ENV,
    CommandParser,
    FastLoadingLALRParser,
    FusedContextualLexer,
    _PassThroughPostLex,
    cached_command_grammar,
    get_parser,
)
from bot.parse.runtime import TableDriver
from bot.parse.transformer import CommandTransformer, TermTransformer
from bot.paths import grammar_dir
from tests.parse.test_fused_lexer import _PIECES, _REFERENCE, BENCH_CORPUS, FUZZ, _outcome
from tests.understanding.corpus import CASES

_TERMS_REFERENCE = Lark(
    (grammar_dir() / "terms.lark").read_text(encoding="utf-8"),
    parser="lalr",
    lexer="contextual",
    transformer=TermTransformer(),
    maybe_placeholders=False,
    keep_all_tokens=True,
)
_TERM_TEXTS = ["什么是平仓", "平仓是什么意思", "对冲平仓和强制平仓的区别", "风险度怎么算", "穿仓？"]
_TERM_TEXTS += ["请问什么叫逐日盯市", "margin call是什么", "平仓 权益6000", "你好", "", "?"]


def _same(text: str) -> None:
    parser = get_parser()
    ours = _outcome(parser.parse_command, text)
    assert ours == _outcome(_REFERENCE.parse, parser.fold_english_phrases(text)), text
    # the quick attempt (no error built) parses exactly the texts the full parse parses, and
    # raises the same errors of our own
    quick = _outcome(parser.try_parse_command, text)
    if ours[0] in ("spec", "user"):
        assert quick == ours, text
    else:
        assert quick == ("spec", None), text


def test_the_pipeline_parses_with_the_driver() -> None:
    parser = get_parser()
    assert isinstance(parser._command_driver, TableDriver)
    spec = parser.parse_command("开多2手 1000 平仓 1020 乘数100")
    assert spec.multiplier == 100
    assert [(leg.word, leg.lots, leg.price) for leg in spec.legs] == [
        ("open_long", 2, 1000),
        ("close_any", None, 1020),
    ]


def test_corpora_parse_the_same() -> None:
    texts = [case.text for case in CASES]
    texts += [line for line in BENCH_CORPUS.read_text(encoding="utf-8").splitlines() if line]
    for text in texts:
        _same(normalize_text(text))


def test_errors_are_larks_own() -> None:
    for text in ("你好", "开多 你好", "权益", "开多2手 @", "盈亏比3:", "手 2", "开多\n2手 ??", ""):
        _same(text)
    _same("每手10元")  # a callback's own error (UserFacingError) passes through unchanged


def test_a_table_analysed_in_this_process_drives_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a parser read back from the compact cache, and a driver over a fresh analysis (no cache)
    # that builds its table entry by entry: both parse every corpus phrasing alike. The cache
    # is a folder of this test's own, so the outcome does not depend on which process wrote
    # the shared cache first.
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    CommandParser("lalr")  # analyses the grammar and writes the cache
    loaded = CommandParser("lalr")  # reads the compact table back
    grammar, keywords = cached_command_grammar()
    fresh = Lark(
        grammar,
        postlex=_PassThroughPostLex(keywords),
        transformer=CommandTransformer(),
        _plugins={
            "ContextualLexer": FusedContextualLexer.bound_to(keywords),
            "LALR_Parser": FastLoadingLALRParser,
        },
        parser="lalr",
        lexer="contextual",
        maybe_placeholders=False,
        keep_all_tokens=True,
    )
    assert getattr(fresh.parser.parser, "compact", None) is None  # type: ignore[attr-defined]
    assert loaded.lark.parser.parser.compact is not None  # type: ignore[attr-defined]
    driver = TableDriver(fresh)
    for case in CASES:
        text = loaded.fold_english_phrases(normalize_text(case.text))
        assert _outcome(driver.parse, text) == _outcome(loaded.parse_command, text), text


def test_term_questions_parse_the_same() -> None:
    parser = get_parser()
    for text in _TERM_TEXTS:
        assert _outcome(parser.parse_term, text) == _outcome(_TERMS_REFERENCE.parse, text), text


def test_no_tree_leaks_out_of_the_driver() -> None:
    # inlined rules return plain lists spliced by their parent: none may reach a method
    text = normalize_text("乘数:10 手续费：3元/手 开多2手 @1000 平仓1020")
    spec = get_parser().parse_command(text)
    assert not any(isinstance(value, Tree) for value in vars(spec).values())


@FUZZ
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_keyword_soups_parse_the_same(pieces: list[str]) -> None:
    _same("".join(pieces))


@FUZZ
@given(st.sampled_from([case.text for case in CASES]), st.data())
def test_mutated_corpus_parses_the_same(text: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(text)))
    insert = data.draw(st.sampled_from(_PIECES))
    _same(normalize_text(text[:cut] + insert + text[cut:]))
