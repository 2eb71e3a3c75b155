"""Build the Lark parsers for ``grammar/command.lark`` and ``grammar/terms.lark`` — once.

The keyword block of ``command.lark`` (one terminal per meaning: ``OPEN_LONG: "开多" | …``) is
turned into ``%declare``'d category terminals plus one longest-match ``KEYWORD`` terminal that
also holds the Chinese product names of the contract table (category ``CN_NAME``, listed in
the generated ``grammar/product_names.lark``).  A post-lexer (``KeywordPostLexer``) gives every
KEYWORD token the category of its literal, turns English words that arrived as ``SYMBOL`` into
their category, and drops filler words.  The LALR table therefore has a few dozen terminals
instead of hundreds of literals.

Everything here is stock Lark: ``build_parser("lalr")`` is what the pipeline uses (LALR,
contextual lexer, transformer applied inline while parsing), with Lark's own ``cache=`` in a
private folder (``parser_cache_dir()``), so a new process loads the analysed tables instead of
analysing the grammar; the term grammar is loaded only when a term question comes.
``build_parser("earley")`` builds the same grammar with Lark's Earley parser (basic lexer,
tree then transform) — only for the benchmark's comparison.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal, TypeVar

import lark
from lark import Lark, Token, Transformer, Tree
from lark.exceptions import UnexpectedInput, VisitError
from lark.lark import PostLex

from bot.parse.spec import MessageSpec, TermQuery
from bot.paths import grammar_dir, knowledge_dir

ParserKind = Literal["lalr", "earley"]
CACHE_ENV = "PINGCANG_CACHE_DIR"
"""Where Lark caches the analysed parser tables (default: ``$XDG_CACHE_HOME/pingcang`` or
``~/.cache/pingcang``, else a private folder in the temp dir; no cache if none is writable)."""
LARK_OPTIONS = {"maybe_placeholders": False, "keep_all_tokens": True}
"""Options of every parser built here (the transformer relies on both)."""

COMMAND_GRAMMAR = "command.lark"
PRODUCT_NAMES_GRAMMAR = "product_names.lark"
"""Generated from the contract table by ``scripts/build_grammar.py`` (a test checks it is
current): reading the TOML on every cold start would cost more than the rest of the grammar."""
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


def _read_definitions(block: str) -> dict[str, list[str]]:
    """``NAME: "lit" | "lit"`` definitions (continuation lines start with ``|``)."""
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
    return definitions


def read_keywords(block: str, extra_names: tuple[str, ...] = ()) -> Keywords:
    """Read the keyword block; ``extra_names`` are product names (category ``CN_NAME``)."""
    definitions = _read_definitions(block)
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
    """Chinese names and aliases of the contract table (ASCII ones arrive as SYMBOL), read
    from ``knowledge/contracts.toml`` (``name_cn`` and ``aliases`` of every ``[[contract]]``).

    Only the generator of ``grammar/product_names.lark`` and its freshness test read the TOML.
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


PRODUCT_NAMES_HEADER = """\
// Generated by scripts/build_grammar.py from knowledge/contracts.toml: do not edit.
// The Chinese names and aliases of the contract table; bot/parse/parser.py adds them to the
// KEYWORD terminal of command.lark (category CN_NAME). tests/parse/test_stock_lark.py checks
// that this file is current.
"""


def product_names_grammar(names: Collection[str]) -> str:
    """The text of ``grammar/product_names.lark`` for ``names`` (one literal per line)."""
    literals = [_lark_string(name) for name in sorted(names)]
    if not literals:
        return PRODUCT_NAMES_HEADER
    lines = [f"{CN_NAME}: {literals[0]}", *(f"       | {literal}" for literal in literals[1:])]
    return PRODUCT_NAMES_HEADER + "\n".join(lines) + "\n"


def read_product_names() -> tuple[str, ...]:
    """The product names of the generated ``grammar/product_names.lark``."""
    text = (grammar_dir() / PRODUCT_NAMES_GRAMMAR).read_text(encoding="utf-8")
    return tuple(_read_definitions(text).get(CN_NAME, ()))


@cache
def command_grammar() -> tuple[str, Keywords]:
    """The command grammar text Lark compiles, and the keyword tables of the post-lexer."""
    text = (grammar_dir() / COMMAND_GRAMMAR).read_text(encoding="utf-8")
    rules, block = _split_keyword_block(text)
    keywords = read_keywords(block, read_product_names())
    # Longest first: the regex alternation Lark makes of them then finds the longest literal
    # at a position (买入平仓 before 买入). A trie-shaped regex would match a little faster
    # but takes longer for ``re`` to compile, once per state of the contextual lexer.
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
    tokens (converted by the transformer), drop filler words.

    ``always_accept`` keeps these three terminals in the compiled grammar (no rule names them)
    and in every state of the contextual lexer, as ``lark.indenter.Indenter`` does for its
    newline terminal.
    """

    always_accept = ("KEYWORD", "SYMBOL", "CN_NUMBER")

    def __init__(self, keywords: Keywords) -> None:
        self.by_literal = keywords.by_literal
        self.by_english = keywords.by_english

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        by_literal = self.by_literal
        by_english = self.by_english
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


# ---------------------------------------------------------------------- Lark's cache file


def parser_cache_dir() -> Path | None:
    """A writable folder for Lark's cache files, or None (then every process analyses)."""
    configured = os.environ.get(CACHE_ENV)
    candidates: list[Path] = []
    if configured:
        candidates.append(Path(configured))
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        with contextlib.suppress(RuntimeError):  # no home directory
            candidates.append(Path(xdg) if xdg else Path.home() / ".cache")
        candidates = [base / "pingcang" for base in candidates]
        uid = os.getuid() if hasattr(os, "getuid") else 0
        candidates.append(Path(tempfile.gettempdir()) / f"pingcang-{uid}")
    for folder in candidates:
        with contextlib.suppress(OSError):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if _is_private(folder) and os.access(folder, os.W_OK | os.X_OK):
                return folder
    return None


def _is_private(folder: Path) -> bool:
    """A folder only we can write to: Lark's cache is a pickle, never loaded from elsewhere."""
    if not hasattr(os, "getuid"):  # pragma: no cover - not POSIX
        return True
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


CACHE_FILES_KEPT = 8
"""Cache files kept per grammar: other versions' files (several checkouts or virtual
environments may share the folder) stay until this many newer ones exist."""


def lark_cache(name: str, grammar: str) -> str | bool:
    """The ``cache=`` option for ``grammar``: ``<cache dir>/<name>-<hash>.lark``, or False.

    The hash covers the whole grammar text (keywords and product names included), Lark's and
    Python's versions, so each version has its own file; when the file does not exist yet
    (Lark is about to write it), the oldest files of the same name beyond
    ``CACHE_FILES_KEPT`` are removed. Lark itself checks the grammar's hash stored in the
    file before loading it.
    """
    folder = parser_cache_dir()
    if folder is None:
        return False
    key = f"{lark.__version__}|{sys.version_info[:2]}|{grammar}"
    path = folder / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:32]}.lark"
    if not path.exists():
        others = sorted(folder.glob(f"{name}-*.lark"), key=_modified, reverse=True)
        for stale in others[CACHE_FILES_KEPT - 1 :]:
            with contextlib.suppress(OSError):
                stale.unlink()
    return str(path)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile
        return 0.0


# ---------------------------------------------------------------------- the parsers


class CommandParser:
    """Text → ``MessageSpec`` (commands) and text → ``TermQuery`` (term questions)."""

    def __init__(self, kind: ParserKind) -> None:
        from bot.parse.transformer import CommandTransformer, TermTransformer

        self.kind: ParserKind = kind
        self._command_transformer = CommandTransformer()
        self._term_transformer = TermTransformer()
        grammar, keywords = command_grammar()
        self.keywords = keywords
        if kind == "lalr":
            self.lark = Lark(
                grammar,
                parser="lalr",
                lexer="contextual",
                postlex=KeywordPostLexer(keywords),
                transformer=self._command_transformer,
                cache=lark_cache("command", grammar),
                **LARK_OPTIONS,
            )
        else:
            self.lark = Lark(
                grammar,
                parser="earley",
                lexer="basic",
                postlex=KeywordPostLexer(keywords),
                **LARK_OPTIONS,
            )

    @cached_property
    def terms_lark(self) -> Lark:
        """The term-question grammar, built when first needed (a calculation never is)."""
        text = (grammar_dir() / TERMS_GRAMMAR).read_text(encoding="utf-8")
        if self.kind == "lalr":
            return Lark(
                text,
                parser="lalr",
                lexer="contextual",
                transformer=self._term_transformer,
                cache=lark_cache("terms", text),
                **LARK_OPTIONS,
            )
        return Lark(text, parser="earley", lexer="dynamic", maybe_placeholders=False)

    @cached_property
    def _english_phrases(self) -> re.Pattern[str]:
        """The keywords of several English words (buy back, liquidation price), any case."""
        phrases = [lit for lit in self.keywords.by_literal if lit.isascii() and " " in lit]
        phrases.sort(key=len, reverse=True)
        return re.compile("|".join(map(re.escape, phrases)) or "(?!)", re.IGNORECASE)

    def fold_english_phrases(self, text: str) -> str:
        """``Buy Back 3850`` → ``buy back 3850``: keywords of several English words in lower
        case, as the grammar lists them (single English words are read in any case already).
        Keeps the length, so error positions still point into the text as typed."""
        if _CAPITAL.search(text) is None:
            return text
        return self._english_phrases.sub(_lower_match, text)

    def parse_command(self, text: str) -> MessageSpec:
        """Parse a command; raises lark ``UnexpectedInput`` or ``UserFacingError``."""
        text = self.fold_english_phrases(text)
        result = _parse(self.lark, self._command_transformer, self.kind, text)
        assert isinstance(result, MessageSpec)
        return result

    def try_parse_command(self, text: str) -> MessageSpec | None:
        """``parse_command``, or None when the grammar cannot read the text;
        ``UserFacingError`` still raises."""
        return _or_none(self.parse_command, text)

    def try_parse_term(self, text: str) -> TermQuery | None:
        """``parse_term``, or None when the text is not a term question."""
        return _or_none(self.parse_term, text)

    def parse_term(self, text: str) -> TermQuery:
        """Parse a term question; raises lark ``UnexpectedInput``."""
        result = _parse(self.terms_lark, self._term_transformer, self.kind, text)
        assert isinstance(result, TermQuery)
        return result


_Parsed = TypeVar("_Parsed")


def _or_none(parse: Callable[[str], _Parsed], text: str) -> _Parsed | None:
    try:
        return parse(text)
    except UnexpectedInput:
        return None


def _parse(
    parser: Lark,
    transformer: Transformer[Token, MessageSpec] | Transformer[Token, TermQuery],
    kind: ParserKind,
    text: str,
) -> object:
    """What the start rule becomes: LALR applies the transformer while parsing (its callback
    errors propagate as raised); Earley builds a tree, transformed here."""
    result: object = parser.parse(text)
    if kind == "lalr":
        return result
    assert isinstance(result, Tree)
    try:
        return transformer.transform(result)
    except VisitError as exc:  # Transformer wraps callback errors; surface the original
        raise exc.orig_exc from None


_CAPITAL = re.compile("[A-Z]")


def _lower_match(match: re.Match[str]) -> str:
    return match.group().lower()


def build_parser(parser: ParserKind = "lalr") -> CommandParser:
    """A new parser of the given kind (the benchmark compares ``lalr`` and ``earley``)."""
    return CommandParser(parser)


@cache
def get_parser() -> CommandParser:
    """The process-wide LALR parser, compiled on first use."""
    return CommandParser("lalr")
