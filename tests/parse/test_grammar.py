"""The grammar itself: conflict-free, keyword table sane, LALR and Earley read it the same."""

from __future__ import annotations

import logging
import re

import pytest
from lark import Lark, logger

from bot.parse.parser import (
    CN_NAME,
    KeywordPostLexer,
    build_parser,
    command_grammar,
    get_parser,
    product_names,
    read_keywords,
)
from bot.parse.spec import LegSpec, MessageSpec
from tests.understanding.corpus import CASES


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _conflicts(grammar: str) -> list[str]:
    """Lark reports LALR conflicts (resolved as shift) as log lines in debug mode."""
    _, keywords = command_grammar()
    handler = _Collect()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        Lark(grammar, parser="lalr", debug=True, postlex=KeywordPostLexer(keywords))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return [m for m in handler.messages if "conflict" in m.lower()]


def test_grammar_has_no_lalr_conflicts() -> None:
    grammar, _ = command_grammar()
    assert _conflicts(grammar) == []


def test_conflict_check_detects_a_conflict() -> None:
    grammar, _ = command_grammar()
    bad = grammar.replace(
        "?price: NUMBER ", "?price: NUMBER ENTRY_WORD -> bad_one\n      | NUMBER ", 1
    )
    assert bad != grammar
    assert _conflicts(bad) != []


def test_parse_table_stays_small() -> None:
    # Keyword categories (not one terminal per literal) keep the table small and fast to load:
    # ~450 states today (each question terminal adds one); a terminal per literal would mean
    # thousands.
    table = get_parser().lark.parser.parser.parser.parse_table  # type: ignore[attr-defined]
    assert len(table.states) < 500


def test_every_keyword_category_is_used_by_a_rule() -> None:
    grammar, keywords = command_grammar()
    rules = grammar.rsplit("\n%declare", 1)[0]
    unused = [c for c in keywords.categories if c != CN_NAME and not re.search(rf"\b{c}\b", rules)]
    assert unused == []


def test_product_names_match_the_validated_table() -> None:
    from bot.contract_table import CONTRACTS_FILE, get_contract_table
    from bot.parse.parser import CONTRACTS_FILE as PARSER_FILE

    assert PARSER_FILE == CONTRACTS_FILE
    table = get_contract_table()
    expected = {
        name
        for contract in table.contracts
        for name in (contract.name_cn, *contract.aliases)
        if not name.isascii()
    }
    assert set(product_names()) == expected


def test_product_names_are_keywords_of_category_cn_name() -> None:
    _, keywords = command_grammar()
    names = product_names()
    assert "螺纹钢" in names and "螺纹" in names and "比特币" in names
    assert keywords.by_literal["螺纹钢"] == CN_NAME
    assert keywords.by_literal["多晶硅"] == CN_NAME  # longest match beats the keyword 多


def test_keyword_block_rejects_non_literals_and_duplicates() -> None:
    with pytest.raises(ValueError, match="string literals only"):
        read_keywords('A: "x" | /y/')
    with pytest.raises(ValueError, match="both A and B"):
        read_keywords('A: "开多"\nB: "开多"')
    keywords = read_keywords('A: "开多" | "long"\n     | "做多"')
    assert keywords.by_literal == {"开多": "A", "做多": "A"}
    assert keywords.by_english == {"long": "A"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("买入平仓2手 3500", ["close_short"]),
        ("买入2手 3500", ["buy"]),
        ("开多少手", []),
        ("开多2手 3500", ["open_long"]),
        ("平今 3500", ["close_today"]),
        ("卖出开仓1手 3500", ["open_short"]),
    ],
)
def test_longest_keyword_wins(text: str, words: list[str]) -> None:
    spec = get_parser().parse_command(text)
    assert [leg.word for leg in spec.legs] == words


def test_spec_of_the_seed_example() -> None:
    spec = get_parser().parse_command("开多2手 1000 平仓 1020 乘数100")
    assert spec == MessageSpec(
        legs=(
            LegSpec(
                word="open_long",
                text="开多",
                lots=spec.legs[0].lots,
                unit="lots",
                price=spec.legs[0].price,
            ),
            LegSpec(word="close_any", text="平仓", price=spec.legs[1].price),
        ),
        numbers=4,
        multiplier=spec.multiplier,
        typed=frozenset({"multiplier"}),
    )
    assert (spec.legs[0].lots, spec.legs[0].price, spec.legs[1].price, spec.multiplier) == (
        2,
        1000,
        1020,
        100,
    )


def test_clause_order_does_not_matter() -> None:
    parser = get_parser()
    a = parser.parse_command("rb 开多2手 3500 手续费3元/手 保证金10% 现价3550")
    b = parser.parse_command("保证金10% 现价3550 手续费3元/手 开多2手 3500 rb")
    assert a == b


def test_earley_reads_the_corpus_like_lalr() -> None:
    lalr, earley = get_parser(), build_parser("earley")
    compared = 0
    for case in CASES[:120]:
        try:
            expected = lalr.parse_command(case.text.strip())
        except Exception:
            continue
        assert earley.parse_command(case.text.strip()) == expected, case.text
        compared += 1
    assert compared > 100


def test_every_statement_word_names_a_figure() -> None:
    # each word the grammar reads as a statement's figure is mapped to its attribute
    from bot.parse.transformer import STATEMENT_FIGURES

    grammar, keywords = command_grammar()
    words = [word for word, category in keywords.by_literal.items() if category == "STATEMENT_WORD"]
    pnl_rule = re.search(r"STATEMENT_PNL_KEY\.2: \(([^)]*)\)", grammar)
    assert pnl_rule is not None
    words += re.findall(r'"([^"]+)"', pnl_rule.group(1))
    assert sorted(words) == sorted(STATEMENT_FIGURES)
    for word in words:
        spec = get_parser().parse_command(f"{word}1000")
        assert getattr(spec, STATEMENT_FIGURES[word]) == 1000, word
