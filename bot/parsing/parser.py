"""Build the Lark parsers for ``grammar/command.lark`` and ``grammar/terms.lark`` — once.

The keyword block of ``command.lark`` (one terminal per meaning: ``OPEN_LONG: "开多" | …``) is
turned into ``%declare``'d category terminals plus one longest-match ``KEYWORD`` terminal that
also holds the Chinese product names of the contract table (category ``CN_NAME``).  A
post-lexer (``KeywordPostLexer``) gives every KEYWORD token the category of its literal, turns
English words that arrived as ``SYMBOL`` into their category, and drops filler words.  The
LALR table therefore has a few dozen terminals instead of hundreds of literals: it loads fast
and parses fast.

``build_parser("lalr")`` is what the pipeline uses (contextual lexer, transformer applied
inline while parsing).  ``build_parser("earley")`` builds the same grammar with Lark's Earley
parser (basic lexer, tree then transform) — only for the benchmark's comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from lark import Lark, Token
from lark.exceptions import VisitError
from lark.lark import PostLex

from bot.parsing.spec import MessageSpec, TermQuery
from bot.paths import grammar_dir, knowledge_dir

ParserKind = Literal["lalr", "earley"]
LARK_CACHE = True
"""Lark pickles the analysed LALR tables to the temp dir, keyed by a hash of the grammar text
(which includes the product names), so later processes skip the analysis (~200 ms → ~10 ms)."""

COMMAND_GRAMMAR = "command.lark"
CONTRACTS_FILE = "contracts.toml"
"""Same file as ``bot.contract_table.CONTRACTS_FILE`` (not imported: that loads the core)."""
TERMS_GRAMMAR = "terms.lark"
KEYWORDS_BEGIN = "// ------------------------------------------------------------------ keywords"
KEYWORDS_END = (
    "// ------------------------------------------------------------------ end of keywords"
)
FILLER = "FILLER"
CN_NAME = "CN_NAME"

_TERMINAL_DEF = re.compile(r"^([A-Z][A-Z_0-9]*)\s*:(.*)$")
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ENGLISH = re.compile(r"^[a-z]+$")


@dataclass(frozen=True)
class Keywords:
    """The keyword block: literal → category, for CJK/symbol literals and for English words."""

    by_literal: Mapping[str, str]
    by_english: Mapping[str, str]
    categories: tuple[str, ...]


def _split_keyword_block(text: str) -> tuple[str, str]:
    start = text.index(KEYWORDS_BEGIN)
    end = text.index(KEYWORDS_END)
    return text[:start] + text[end + len(KEYWORDS_END) :], text[start + len(KEYWORDS_BEGIN) : end]


def read_keywords(block: str, extra_names: tuple[str, ...] = ()) -> Keywords:
    """Read ``NAME: "lit" | "lit"`` definitions (continuation lines start with ``|``)."""
    definitions: dict[str, list[str]] = {}
    current: str | None = None
    for raw in block.splitlines():
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        match = _TERMINAL_DEF.match(line)
        if match:
            current, body = match.group(1), match.group(2)
            definitions[current] = []
        elif line.startswith("|") and current is not None:
            body = line
        else:
            raise ValueError(f"unexpected line in keyword block: {line!r}")
        literals = _LITERAL.findall(body)
        leftover = _LITERAL.sub("", body).replace("|", "").strip()
        if leftover or not literals:
            raise ValueError(f"keyword block accepts string literals only: {line!r}")
        definitions[current].extend(literal.replace('\\"', '"') for literal in literals)
    by_literal: dict[str, str] = {}
    by_english: dict[str, str] = {}
    for category, literals in definitions.items():
        for literal in literals:
            table = by_english if _ENGLISH.match(literal) else by_literal
            owner = table.get(literal)
            if owner is not None and owner != category:
                raise ValueError(f"keyword {literal!r} is in both {owner} and {category}")
            table[literal] = category
    for name in extra_names:
        # A product name that is also a keyword stays a keyword (e.g. none today).
        by_literal.setdefault(name, CN_NAME)
    categories = tuple(sorted({*definitions, CN_NAME} - {FILLER}))
    return Keywords(by_literal, by_english, categories)


def _lark_string(literal: str) -> str:
    return '"' + literal.replace("\\", "\\\\").replace('"', '\\"') + '"'


def product_names() -> tuple[str, ...]:
    """Chinese names and aliases of the contract table (ASCII ones arrive as SYMBOL).

    Read straight from ``knowledge/contracts.toml`` (``name_cn`` and ``aliases`` of every
    ``[[contract]]``) rather than through ``get_contract_table()``: the parser must not pay for
    validating the whole table when the message names no contract (the CLI's cold start).
    """
    import tomllib

    with (knowledge_dir() / CONTRACTS_FILE).open("rb") as handle:
        rows = tomllib.load(handle).get("contract", [])
    names = {
        str(name)
        for row in rows
        for name in (row.get("name_cn", ""), *row.get("aliases", ()))
        if name and not str(name).isascii()
    }
    return tuple(sorted(names))


@cache
def command_grammar() -> tuple[str, Keywords]:
    """The command grammar text Lark compiles, and the keyword tables of the post-lexer."""
    text = (grammar_dir() / COMMAND_GRAMMAR).read_text(encoding="utf-8")
    rules, block = _split_keyword_block(text)
    keywords = read_keywords(block, product_names())
    literals = sorted(keywords.by_literal, key=lambda s: (-len(s), s))
    grammar = (
        rules
        + "\n%declare "
        + " ".join(keywords.categories)
        + "\nKEYWORD.1: "
        + " | ".join(_lark_string(literal) for literal in literals)
        + "\n"
    )
    return grammar, keywords


class KeywordPostLexer(PostLex):
    """Give KEYWORD and English SYMBOL tokens their category, make Chinese numerals NUMBER
    tokens (converted by the transformer), drop filler words."""

    always_accept = ("KEYWORD", "SYMBOL", "CN_NUMBER")

    def __init__(self, keywords: Keywords) -> None:
        self._by_literal = keywords.by_literal
        self._by_english = keywords.by_english

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        by_literal = self._by_literal
        by_english = self._by_english
        for token in stream:
            kind = token.type
            if kind == "KEYWORD":
                category = by_literal[token.value]
            elif kind == "SYMBOL":
                category = by_english.get(token.value.lower(), kind)
            elif kind == "CN_NUMBER":
                category = "NUMBER"
            else:
                yield token
                continue
            if category == FILLER:
                continue
            token.type = category
            yield token


class CommandParser:
    """Text → ``MessageSpec`` (commands) and text → ``TermQuery`` (term questions)."""

    def __init__(self, kind: ParserKind) -> None:
        from bot.parsing.transformer import CommandTransformer, TermTransformer

        self.kind: ParserKind = kind
        grammar, keywords = command_grammar()
        self.keywords = keywords
        self._command_transformer = CommandTransformer()
        self._term_transformer = TermTransformer()
        terms_text = (grammar_dir() / TERMS_GRAMMAR).read_text(encoding="utf-8")
        if kind == "lalr":
            self.lark = Lark(
                grammar,
                parser="lalr",
                lexer="contextual",
                postlex=KeywordPostLexer(keywords),
                transformer=self._command_transformer,
                maybe_placeholders=False,
                keep_all_tokens=True,
                cache=LARK_CACHE,
            )
            self.terms_lark = Lark(
                terms_text,
                parser="lalr",
                lexer="contextual",
                transformer=self._term_transformer,
                maybe_placeholders=False,
                keep_all_tokens=True,
                cache=LARK_CACHE,
            )
        else:
            self.lark = Lark(
                grammar,
                parser="earley",
                lexer="basic",
                postlex=KeywordPostLexer(keywords),
                maybe_placeholders=False,
                keep_all_tokens=True,
            )
            self.terms_lark = Lark(
                terms_text, parser="earley", lexer="dynamic", maybe_placeholders=False
            )

    def parse_command(self, text: str) -> MessageSpec:
        """Parse a command; raises lark ``UnexpectedInput`` or ``UserFacingError``."""
        if self.kind == "lalr":
            result: Any = self.lark.parse(text)
        else:
            result = _transform(self._command_transformer, self.lark.parse(text))
        assert isinstance(result, MessageSpec)
        return result

    def parse_term(self, text: str) -> TermQuery:
        """Parse a term question; raises lark ``UnexpectedInput``."""
        if self.kind == "lalr":
            result: Any = self.terms_lark.parse(text)
        else:
            result = _transform(self._term_transformer, self.terms_lark.parse(text))
        assert isinstance(result, TermQuery)
        return result


def _transform(transformer: Any, tree: Any) -> Any:
    try:
        return transformer.transform(tree)
    except VisitError as exc:  # Transformer wraps callback errors; surface the original
        raise exc.orig_exc from None


def build_parser(parser: ParserKind = "lalr") -> CommandParser:
    """A new parser of the given kind (the benchmark compares ``lalr`` and ``earley``)."""
    return CommandParser(parser)


@cache
def get_parser() -> CommandParser:
    """The process-wide LALR parser, compiled on first use."""
    return CommandParser("lalr")
