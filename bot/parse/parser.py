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

Speed (see ``bench/``): the LALR parser runs with ``FusedContextualLexer``, a Lark
``ContextualLexer`` plugin that does the post-lexer's work in the same loop and matches the
KEYWORD terminal by a longest-prefix dictionary lookup instead of a 3,000-character regex
alternation (same tokens, same errors; the big regex is never compiled on the hot path),
and tries at each position only the terminals that can start with the character there.
Successful parses run through ``bot.parse.runtime.TableDriver`` (Lark's table and this
lexer, in one loop); errors are always Lark's own. The analysed tables of both grammars and
the keyword tables are cached in one file per grammar version (``parser_cache_dir()``), so a
new process neither reads the contract table's TOML nor analyses the grammar; the term
grammar is loaded only when a term question comes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar, cast

import lark
from lark import Lark, Token
from lark.common import LexerConf
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken, VisitError
from lark.lark import PostLex
from lark.lexer import BasicLexer, ContextualLexer, LexerState, PatternStr
from lark.parsers.lalr_analysis import IntParseTable, Reduce, Shift
from lark.parsers.lalr_parser import LALR_Parser, _Parser

from bot.parse.firstchars import first_chars
from bot.parse.runtime import NOT_PARSED, NoTokenError, TableDriver
from bot.parse.spec import MessageSpec, TermQuery
from bot.paths import grammar_dir, knowledge_dir

ParserKind = Literal["lalr", "earley"]
CACHE_ENV = "PINGCANG_CACHE_DIR"
"""Where the analysed parser tables are cached (default: ``$XDG_CACHE_HOME/pingcang`` or
``~/.cache/pingcang``, else a private folder in the temp dir; no cache if none is writable)."""
CACHE_FORMAT = 1
"""Bump when what the cache file holds changes shape."""
_LARK_OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    "lexer": "contextual",
    "maybe_placeholders": False,
    "keep_all_tokens": True,
}

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


def _may_match_newline(regexp: str) -> bool:
    """Lark's own test (``lark.lexer._regexp_has_newline``) for terminals that can span lines."""
    return (
        "\n" in regexp
        or "\\n" in regexp
        or "\\s" in regexp
        or "[^" in regexp
        or ("(?s" in regexp and "." in regexp)
    )


PatternsByChar = dict[str, "re.Pattern[str]"]
"""First character at a position → the pattern of the terminals that can start with it."""
NOTHING = re.compile("(?!)")
"""The pattern for a character no terminal of the group can start with: never matches."""


@dataclass(slots=True)
class _StateScanner:
    """One parser state's terminals, split around KEYWORD (in Lark's priority order)."""

    keyword: bool
    """Whether KEYWORD is acceptable here at all."""
    before: tuple[Any, ...]
    """Terminals Lark tries before KEYWORD (higher priority: the *_KEY lookaheads, x100)."""
    after: tuple[Any, ...]
    """Terminals tried after it (NUMBER, SYMBOL, CN_NUMBER, the ignored separators)."""
    lexer: BasicLexer
    """Lark's own lexer for the state: it raises the errors, exactly as Lark would."""
    before_by_char: PatternsByChar
    """Shared by every state with the same ``before`` terminals; filled as characters come."""
    after_by_char: PatternsByChar
    lark_only: bool = False
    """String terminals need Lark's "unless" callbacks: every token via Lark's lexer."""


class FusedContextualLexer(ContextualLexer):
    """Lark's contextual lexer with ``KeywordPostLexer`` folded in (a Lark ``_plugins`` entry).

    Per parser state it yields the same tokens, with the same types, positions and errors, as
    ``ContextualLexer`` followed by ``KeywordPostLexer`` — but:

    - KEYWORD (every keyword literal and product name, ~3,000 characters of regex) is matched
      by a longest-prefix lookup in the keyword table, so it is never compiled per state (the
      first parse of a new process used to compile three such regexes, ~35 ms) and a keyword
      costs a few dictionary lookups instead of a scan of hundreds of alternatives;
    - the other terminals are tried only if they can start with the character at the
      position (``first_chars``): one small alternation per (terminal group, character),
      compiled when that character first comes (Lark compiles them all up front);
    - categories are assigned and fillers dropped in the same loop (no generator per stage).

    Errors are left to Lark: when nothing matches, the state's own ``BasicLexer`` and then the
    root lexer run exactly as in ``ContextualLexer.lex``.
    """

    keywords: ClassVar[Keywords]

    def __init__(
        self,
        conf: LexerConf,
        states: dict[int, Collection[str]],
        always_accept: Collection[str] = (),
    ) -> None:
        super().__init__(conf, states, always_accept=KeywordPostLexer.always_accept)
        keywords = self.keywords
        self._by_literal = keywords.by_literal
        self._by_english = keywords.by_english
        by_first: dict[str, list[str]] = {}
        for literal in keywords.by_literal:
            by_first.setdefault(literal[0], []).append(literal)
        self._literals_by_char = by_first
        self._keyword_at: dict[str, re.Pattern[str]] = {}
        """First character → the keyword literals starting with it, longest first, as one
        alternation (compiled when the character first comes): the first alternative that
        matches is the longest literal at the position, what Lark's KEYWORD regex finds."""
        self._ignore = frozenset(conf.ignore)
        self._newline_types = frozenset(
            t.name for t in conf.terminals if _may_match_newline(t.pattern.to_regexp())
        )
        self._flags = conf.g_regex_flags
        self._scanners: dict[Any, _StateScanner] = {}
        self._by_char: dict[tuple[str, ...], PatternsByChar] = {}
        self._patterns: dict[tuple[str, ...], re.Pattern[str]] = {}
        self._starts: dict[str, frozenset[str] | None] | None = None
        self._skips: dict[str, re.Pattern[str]] | None = None

    @classmethod
    def bound_to(cls, keywords: Keywords) -> type[FusedContextualLexer]:
        """A subclass that reads ``keywords`` (Lark instantiates plugins without arguments)."""
        return cast(type[FusedContextualLexer], type(cls.__name__, (cls,), {"keywords": keywords}))

    def _compile(self, terminals: tuple[Any, ...]) -> re.Pattern[str] | None:
        if not terminals:
            return None
        pattern = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals)
        return re.compile(pattern, self._flags)

    def _split(self, terminals: list[Any]) -> tuple[bool, tuple[Any, ...], tuple[Any, ...]]:
        """(KEYWORD among them, the terminals before it, those after it) in Lark's order."""
        names = [t.name for t in terminals]
        if "KEYWORD" not in names:  # pragma: no cover - KEYWORD is always accepted
            return False, (), tuple(terminals)
        cut = names.index("KEYWORD")
        return True, tuple(terminals[:cut]), tuple(terminals[cut + 1 :])

    def _first_chars(self, terminal: Any) -> frozenset[str] | None:
        """What ``terminal`` can start with (None: anything)."""
        if self._starts is None:
            terminals = self.root_lexer.terminals  # type: ignore[attr-defined]
            self._starts = cached_first_chars(terminals, self._flags)
        return self._starts[terminal.name]

    def _keyword_pattern(self, char: str) -> re.Pattern[str]:
        literals = sorted(self._literals_by_char[char], key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, literals)))
        self._keyword_at[char] = pattern
        return pattern

    def _separator_skips(self) -> dict[str, re.Pattern[str]]:
        """Character → the ignored-separator pattern, for the characters (space, ，, ；…) that
        no other terminal and no keyword can start with.

        At such a character every state's lexer can only match that separator (ignored
        terminals are accepted in every state), so the loop consumes the run with the
        separator's own pattern — the same match Lark's alternation makes — without the
        per-token bookkeeping.
        """
        terminals = self.root_lexer.terminals  # type: ignore[attr-defined]
        starts = {t.name: self._first_chars(t) for t in terminals}
        if any(chars is None for name, chars in starts.items() if name not in self._ignore):
            return {}
        skips: dict[str, re.Pattern[str]] = {}
        for terminal in terminals:
            chars = starts[terminal.name]
            if terminal.name not in self._ignore or chars is None:
                continue
            pattern = re.compile(terminal.pattern.to_regexp(), self._flags)
            for char in chars:
                others = (c for name, c in starts.items() if name != terminal.name)
                if not any(c is None or char in c for c in others):
                    skips[char] = pattern
        return skips

    def _for_char(
        self, terminals: tuple[Any, ...], by_char: PatternsByChar, char: str
    ) -> re.Pattern[str]:
        """The alternation of those of ``terminals`` that can start with ``char``, in order.

        The others cannot match at a position holding ``char``, so trying only these finds
        the same terminal Lark's full alternation finds — without the regex engine entering
        twenty branches that fail on their first character, and without compiling patterns
        for characters no message has used yet (the first answer of a new process).
        """
        subset = tuple(
            t for t in terminals if (starts := self._first_chars(t)) is None or char in starts
        )
        pattern = NOTHING
        if subset:
            names = tuple(t.name for t in subset)
            pattern = self._patterns.get(names) or self._patterns.setdefault(
                names, cast(re.Pattern[str], self._compile(subset))
            )
        by_char[char] = pattern
        return pattern

    def _scanner(self, state: Any) -> _StateScanner:
        lexer = self.lexers[state]
        assert isinstance(lexer, BasicLexer)
        terminals = list(lexer.terminals)  # sorted by Lark: priority, width, length, name
        keyword, before, after = self._split(terminals)
        scanner = _StateScanner(
            keyword=keyword,
            before=before,
            after=after,
            lexer=lexer,
            before_by_char=self._by_char.setdefault(tuple(t.name for t in before), {}),
            after_by_char=self._by_char.setdefault(("", *(t.name for t in after)), {}),
            lark_only=any(isinstance(t.pattern, PatternStr) for t in terminals),
        )
        self._scanners[state] = scanner
        return scanner

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        text_slice = lexer_state.text
        text, end = text_slice.text, text_slice.end
        line_ctr = lexer_state.line_ctr
        stack = parser_state.state_stack
        scanners, by_literal = self._scanners, self._by_literal
        literals_by_char, keyword_at = self._literals_by_char, self._keyword_at
        ignore, newline_types = self._ignore, self._newline_types
        for_char = self._for_char
        skips = self._skips
        if skips is None:
            skips = self._skips = self._separator_skips()
        while line_ctr.char_pos < end:
            pos = line_ctr.char_pos
            skip = skips.get(text[pos])
            if skip is not None:  # a run of separators: ignored in every state
                value = cast(re.Match[str], skip.match(text, pos, end)).group()
                if "\n" in value:
                    line_ctr.feed(value)
                else:
                    line_ctr.char_pos = new_pos = pos + len(value)
                    line_ctr.column = new_pos - line_ctr.line_start_pos + 1
                continue
            scanner = scanners.get(stack[-1]) or self._scanner(stack[-1])
            kind = ""
            if not scanner.lark_only:
                char = text[pos]
                pattern = scanner.before_by_char.get(char) or for_char(
                    scanner.before, scanner.before_by_char, char
                )
                # most characters start no higher-priority terminal: skip the empty pattern
                match = None if pattern is NOTHING else pattern.match(text, pos, end)
                if match is not None:
                    kind, value = match.lastgroup or "", match.group()
                elif scanner.keyword and char in literals_by_char:
                    keyword = keyword_at.get(char) or self._keyword_pattern(char)
                    match = keyword.match(text, pos, end)
                    if match is not None:
                        kind, value = "KEYWORD", match.group()
                if not kind:
                    pattern = scanner.after_by_char.get(char) or for_char(
                        scanner.after, scanner.after_by_char, char
                    )
                    match = pattern.match(text, pos, end)
                    if match is not None:
                        kind, value = match.lastgroup or "", match.group()
            if not kind:  # nothing matched here: Lark's lexers raise (or, never, match)
                if getattr(parser_state, "quick", False):
                    raise NoTokenError
                token = self._lark_step(lexer_state, parser_state, scanner.lexer)
                lexer_state.last_token = token
                if self._postlex(token):
                    yield token
                continue
            line, column = line_ctr.line, line_ctr.column
            if kind in newline_types and "\n" in value:
                line_ctr.feed(value)
            else:  # what ``feed`` does when the value holds no line break
                line_ctr.char_pos = new_pos = pos + len(value)
                line_ctr.column = new_pos - line_ctr.line_start_pos + 1
            if kind in ignore:
                continue
            # Token(kind, value, pos, line, column, end_line, end_column, end_pos), built
            # inline: Token.__new__ is two Python calls, a third of the cost of a token.
            token = str.__new__(Token, value)
            token.type, token.value, token.start_pos = kind, value, pos
            token.line, token.column = line, column
            token.end_line, token.end_column = line_ctr.line, line_ctr.column
            token.end_pos = line_ctr.char_pos
            lexer_state.last_token = token
            if kind == "KEYWORD":
                category = by_literal[value]
                if category == FILLER:
                    continue
                token.type = category
            elif kind == "SYMBOL":
                category = self._by_english.get(value.lower(), kind)
                if category == FILLER:
                    continue
                token.type = category
            elif kind == "CN_NUMBER":
                token.type = "NUMBER"
            yield token

    def _postlex(self, token: Token) -> bool:
        """``KeywordPostLexer`` for one token: set its category; False for a filler word."""
        kind = token.type
        if kind == "KEYWORD":
            category = self._by_literal[token.value]
        elif kind == "SYMBOL":
            category = self._by_english.get(token.value.lower(), kind)
        elif kind == "CN_NUMBER":
            category = "NUMBER"
        else:
            return True
        if category == FILLER:
            return False
        token.type = category
        return True

    def _lark_step(self, lexer_state: LexerState, parser_state: Any, lexer: BasicLexer) -> Token:
        """One token the way ``ContextualLexer.lex`` reads it (it raises where nothing fits)."""
        try:
            return lexer.next_token(lexer_state, parser_state)
        except UnexpectedCharacters as error:
            last_token = lexer_state.last_token
            try:
                token = self.root_lexer.next_token(lexer_state, parser_state)
            except UnexpectedCharacters:
                raise error from None
            raise UnexpectedToken(  # type: ignore[no-untyped-call]
                token,
                error.allowed,
                state=parser_state,
                token_history=[last_token],
                terminals_by_name=self.root_lexer.terminals_by_name,
            ) from None


class FastLoadingLALRParser(LALR_Parser):
    """Lark's LALR parser with a compact cache format (a Lark ``_plugins`` entry).

    Lark stores the parse table as one ``{"@": rule_id}`` dict per action (~17,000 for the
    command grammar) and reads each back through ``Rule.deserialize``: ~35 ms of pickle and
    Python on every cold start. Here a state's row is stored as (the tuple of its lookahead
    names, shared between states, and one small int per entry naming a distinct action), and
    rebuilt with ``dict(zip(...))``: the same table — same rule objects from Lark's memo, same
    Shift/Reduce actions, same key order — in about a millisecond. Parsing is Lark's.
    """

    COMPACT = "pingcang-compact-1"
    compact: tuple[list[tuple[str, ...]], list[tuple[Any, Any]], dict[int, Any]] | None = None
    """When loaded from the compact cache: (rows, distinct actions, (row, action ids) per
    state), so ``TableDriver`` builds its own table from them without a Python-level pass
    over every entry."""

    def serialize(self, memo: Any = None) -> dict[str, Any]:
        table: Any = self._parse_table
        actions: dict[tuple[int, Any], int] = {}
        rows: dict[tuple[str, ...], int] = {}
        states: dict[Any, tuple[int, tuple[int, ...]]] = {}
        for state, row in table.states.items():
            ids = []
            for action, arg in row.values():
                if action is Reduce:
                    ref = arg.serialize(memo)
                    if not isinstance(ref, dict) or "@" not in ref:
                        return super().serialize(memo)
                    key = (1, ref["@"])
                else:
                    key = (0, arg)
                ids.append(actions.setdefault(key, len(actions)))
            states[state] = (rows.setdefault(tuple(row), len(rows)), tuple(ids))
        return {
            "format": self.COMPACT,
            "rows": list(rows),
            "actions": list(actions),
            "states": states,
            "start_states": table.start_states,
            "end_states": table.end_states,
        }

    @classmethod
    def deserialize(  # type: ignore[override]  # Lark's own override of Serialize.deserialize
        cls, data: dict[str, Any], memo: dict[int, Any], callbacks: Any, debug: bool = False
    ) -> Any:
        if data.get("format") != cls.COMPACT:  # Lark's format: Lark's own reading
            return super().deserialize(data, memo, callbacks, debug)  # type: ignore[no-untyped-call]
        actions = [
            (Reduce, memo[arg]) if kind == 1 else (Shift, arg) for kind, arg in data["actions"]
        ]
        rows = data["rows"]
        pick = actions.__getitem__
        states = {
            state: dict(zip(rows[row], map(pick, ids), strict=True))
            for state, (row, ids) in data["states"].items()
        }
        table: Any = IntParseTable(states, data["start_states"], data["end_states"])  # type: ignore[no-untyped-call]
        inst = cls.__new__(cls)
        inst._parse_table = table
        inst.compact = (rows, actions, data["states"])
        inst.parser = _Parser(table, callbacks, debug)
        return inst


# ---------------------------------------------------------------------- the parser cache


def parser_cache_dir() -> Path | None:
    """A writable folder for the parser cache, or None (then every process analyses)."""
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
    """A folder only we can write to: a pickle from anywhere else is never loaded."""
    if not hasattr(os, "getuid"):  # pragma: no cover - not POSIX
        return True
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


@cache
def _cache_key() -> str:
    """Hash of everything the cached tables depend on (grammar files, contract names, this
    module, Lark and Python versions): any change makes a new file."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{lark.__version__}|{sys.version_info[:2]}".encode())
    for path in (
        grammar_dir() / COMMAND_GRAMMAR,
        grammar_dir() / TERMS_GRAMMAR,
        knowledge_dir() / CONTRACTS_FILE,
        Path(__file__),
    ):
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _cached_file(name: str) -> Path | None:
    """``<cache dir>/<name>-<key>.pickle``; when it does not exist yet, the files of older
    versions (other keys) of the same name are removed, so the folder does not grow."""
    folder = parser_cache_dir()
    if folder is None:
        return None
    path = folder / f"{name}-{_cache_key()}.pickle"
    if not path.exists():
        for stale in folder.glob(f"{name}-*.pickle"):
            with contextlib.suppress(OSError):
                stale.unlink()
    return path


def _read_cache(path: Path | None) -> Any:
    """What ``_write_cache`` stored at ``path``; None when absent or unreadable."""
    if path is None:
        return None
    with (
        contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError),
        path.open("rb") as handle,
    ):
        return pickle.load(handle)
    return None


def _write_cache(path: Path | None, value: Any) -> None:
    if path is not None:
        with contextlib.suppress(OSError, pickle.PicklingError):
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
            os.replace(partial, path)  # atomic: a concurrent reader sees all or nothing


def cached_command_grammar() -> tuple[str, Keywords]:
    """``command_grammar()`` through the cache: a new process reads the grammar text and the
    keyword tables from one small pickle instead of parsing the contract table's TOML."""
    path = _cached_file("grammar")
    stored = _read_cache(path)
    if isinstance(stored, tuple) and len(stored) == 2:
        grammar, keywords = stored
        if isinstance(grammar, str) and isinstance(keywords, Keywords):
            return grammar, keywords
    grammar, keywords = command_grammar()
    _write_cache(path, (grammar, keywords))
    return grammar, keywords


def cached_first_chars(terminals: Collection[Any], flags: int) -> dict[str, frozenset[str] | None]:
    """``first_chars`` of every terminal's pattern, through the cache (~10 ms to work out)."""
    path = _cached_file("starts")
    names = {t.name for t in terminals}
    stored = _read_cache(path)
    if isinstance(stored, dict) and set(stored) == names:
        return stored
    starts = {t.name: first_chars(t.pattern.to_regexp(), flags) for t in terminals}
    _write_cache(path, starts)
    return starts


def _lark_cache(name: str) -> str | bool:
    """Lark's own cache of the analysed tables (``cache=`` option), in our cache folder."""
    path = _cached_file(name)
    return str(path) if path is not None else False


class _PassThroughPostLex(KeywordPostLexer):
    """The post-lexer slot when ``FusedContextualLexer`` already did its work.

    Its ``always_accept`` keeps KEYWORD, SYMBOL and CN_NUMBER in the compiled grammar (Lark
    drops terminals no rule uses unless a post-lexer claims them) and in every state's lexer;
    ``process`` hands the lexer's stream on untouched (no extra generator per token).
    """

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        return stream


class CommandParser:
    """Text → ``MessageSpec`` (commands) and text → ``TermQuery`` (term questions)."""

    def __init__(self, kind: ParserKind) -> None:
        from bot.parse.transformer import CommandTransformer, TermTransformer

        self.kind: ParserKind = kind
        self._command_transformer = CommandTransformer()
        self._term_transformer = TermTransformer()
        if kind == "lalr":
            grammar, keywords = cached_command_grammar()
            self.keywords = keywords
            self.lark = Lark(
                grammar,
                postlex=_PassThroughPostLex(keywords),
                transformer=self._command_transformer,
                cache=_lark_cache("lark-command"),
                _plugins={
                    "ContextualLexer": FusedContextualLexer.bound_to(keywords),
                    "LALR_Parser": FastLoadingLALRParser,
                },
                **_LARK_OPTIONS,
            )
            self._command_driver = TableDriver(self.lark)
        else:
            grammar, keywords = command_grammar()
            self.keywords = keywords
            self.lark = Lark(
                grammar,
                parser="earley",
                lexer="basic",
                postlex=KeywordPostLexer(keywords),
                maybe_placeholders=False,
                keep_all_tokens=True,
            )

    @cached_property
    def terms_lark(self) -> Lark:
        """The term-question grammar, built when first needed (a calculation never is)."""
        text = (grammar_dir() / TERMS_GRAMMAR).read_text(encoding="utf-8")
        if self.kind == "lalr":
            return Lark(
                text,
                transformer=self._term_transformer,
                cache=_lark_cache("lark-terms"),
                _plugins={"LALR_Parser": FastLoadingLALRParser},
                **_LARK_OPTIONS,
            )
        return Lark(text, parser="earley", lexer="dynamic", maybe_placeholders=False)

    @cached_property
    def _term_driver(self) -> TableDriver:
        return TableDriver(self.terms_lark)

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
        if self.kind == "lalr":
            result: Any = self._command_driver.parse(text)
        else:
            result = _transform(self._command_transformer, self.lark.parse(text))
        assert isinstance(result, MessageSpec)
        return result

    def try_parse_command(self, text: str) -> MessageSpec | None:
        """``parse_command``, or None when the grammar cannot read the text (no error built:
        ``parse_command`` gives it when it is to be shown); ``UserFacingError`` still raises."""
        text = self.fold_english_phrases(text)
        if self.kind != "lalr":
            return _or_none(self.parse_command, text)
        return _parsed(self._command_driver.try_parse(text), MessageSpec)

    def try_parse_term(self, text: str) -> TermQuery | None:
        """``parse_term``, or None when the text is not a term question."""
        if self.kind != "lalr":
            return _or_none(self.parse_term, text)
        return _parsed(self._term_driver.try_parse(text), TermQuery)

    def parse_term(self, text: str) -> TermQuery:
        """Parse a term question; raises lark ``UnexpectedInput``."""
        if self.kind == "lalr":
            result: Any = self._term_driver.parse(text)
        else:
            result = _transform(self._term_transformer, self.terms_lark.parse(text))
        assert isinstance(result, TermQuery)
        return result


_Parsed = TypeVar("_Parsed")


def _or_none(parse: Callable[[str], _Parsed], text: str) -> _Parsed | None:
    try:
        return parse(text)
    except UnexpectedInput:
        return None


def _parsed(result: Any, kind: type[_Parsed]) -> _Parsed | None:
    """A driver's quick result as ``kind``, or None for ``NOT_PARSED``."""
    if result is NOT_PARSED:
        return None
    assert isinstance(result, kind)
    return result


_CAPITAL = re.compile("[A-Z]")


def _lower_match(match: re.Match[str]) -> str:
    return match.group().lower()


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
