"""A lean driver for the LALR tables Lark built: the same parse, fewer steps per token.

``Lark.parse`` builds a lexer thread, a parser state and an ``$END`` token per message, and its
``feed_token`` checks an assertion (a Python-level ``Rule.__eq__``) and looks a terminal up in
the callback table on every shift. ``TableDriver`` runs the very same table — each row turned
into ``symbol → int`` (a state to shift to, or ``~rule`` to reduce by), each rule into
``(length, left-hand side, Lark's own callback)`` — with the very same lexer and callbacks, in
one loop.

Only successful parses are run here. Whenever the table has no action for a token, or the
lexer finds no token, the driver gives up and the text is parsed again by ``Lark.parse``, which
raises Lark's own exception with its full context (expected terminals, interactive parser),
so error messages are exactly Lark's. ``tests/parsing/test_runtime.py`` checks that both give
equal results on every corpus phrasing and on random text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from lark import Lark, Token
from lark.exceptions import UnexpectedInput
from lark.lexer import LexerState
from lark.parsers.lalr_analysis import Shift
from lark.utils import TextSlice

END = "$END"


class _ParserView:
    """What the contextual lexer reads of the parser: the state stack (top = current state).

    ``quick``: the caller only asks whether the text parses, so where no token fits the lexer
    may give up at once (``NoTokenError``) instead of building Lark's error with its context.
    """

    __slots__ = ("quick", "state_stack")

    def __init__(self, state_stack: list[int], quick: bool = False) -> None:
        self.state_stack = state_stack
        self.quick = quick

    @property
    def position(self) -> int:
        """The current state (what Lark's own ``ContextualLexer`` reads)."""
        return self.state_stack[-1]


class _NoActionError(Exception):
    """The table has no action for a token: let Lark parse the text and report the error."""


class NoTokenError(Exception):
    """No terminal fits at a position (raised by the lexer for a ``quick`` parse only)."""


NOT_PARSED: Any = object()
"""What ``TableDriver.try_parse`` returns for text that does not parse."""


Rule = tuple[int, str, Callable[[list[Any]], Any]]


class TableDriver:
    """Parse text with ``lark``'s LALR table, lexer and callbacks (start symbol ``start``)."""

    def __init__(self, lark: Lark, start: str = "start") -> None:
        frontend: Any = lark.parser
        lalr: Any = frontend.parser
        table = lalr._parse_table
        callbacks = lalr.parser.callbacks
        transformer = lark.options.transformer
        self._lark = lark
        self._lex: Callable[[LexerState, Any], Iterator[Token]] = frontend.lexer.lex
        self._start_state: int = table.start_states[start]
        self._end_state: int = table.end_states[start]
        self._rules: list[Rule] = []
        rule_index: dict[int, int] = {}

        def code(action: Any, arg: Any) -> int:
            """A Shift's target state, or ``~index`` of the rule a Reduce reduces by."""
            if action is Shift:
                return int(arg)
            index = rule_index.get(id(arg))
            if index is None:
                index = rule_index[id(arg)] = len(self._rules)
                callback = _callback(arg, transformer) or callbacks[arg]
                self._rules.append((len(arg.expansion), arg.origin.name, callback))
            return ~index

        compact = getattr(lalr, "compact", None)
        if compact is not None:  # loaded from the compact cache: a few hundred distinct actions
            rows, actions, ids_by_state = compact
            codes = [code(action, arg) for action, arg in actions]
            pick = codes.__getitem__
            self._states = {
                state: dict(zip(rows[row], map(pick, ids), strict=True))
                for state, (row, ids) in ids_by_state.items()
            }
        else:
            self._states = {
                state: {symbol: code(action, arg) for symbol, (action, arg) in row.items()}
                for state, row in table.states.items()
            }
        self._lark_only = any(isinstance(key, str) for key in callbacks)
        """Terminal callbacks (``lexer_callbacks``) are Lark's business: then only Lark parses."""

    def parse(self, text: str) -> Any:
        """The value of the start rule; Lark's exception when the text does not parse."""
        if self._lark_only:
            return self._lark.parse(text)
        try:
            return self._run(text)
        except (_NoActionError, UnexpectedInput):
            return self._lark.parse(text)  # raises Lark's own error with its context

    def try_parse(self, text: str) -> Any:
        """The value of the start rule, or ``NOT_PARSED``: for a caller that only needs to
        know whether the text parses (a term question is first tried as a command), without
        the cost of Lark's error (a second parse, with the expected terminals and context)."""
        if self._lark_only:
            try:
                return self._lark.parse(text)
            except UnexpectedInput:
                return NOT_PARSED
        try:
            return self._run(text, quick=True)
        except (_NoActionError, NoTokenError, UnexpectedInput):
            return NOT_PARSED

    def _run(self, text: str, quick: bool = False) -> Any:
        states, rules = self._states, self._rules
        state_stack = [self._start_state]
        value_stack: list[Any] = []
        lexer_state = LexerState(TextSlice(text, 0, len(text)))
        for token in self._lex(lexer_state, _ParserView(state_stack, quick)):
            kind = token.type
            while True:
                action = states[state_stack[-1]].get(kind)
                if action is None:
                    raise _NoActionError
                if action >= 0:
                    state_stack.append(action)
                    value_stack.append(token)
                    break
                size, origin, callback = rules[~action]
                if size:
                    children = value_stack[-size:]
                    del state_stack[-size:]
                    del value_stack[-size:]
                else:
                    children = []
                state_stack.append(states[state_stack[-1]][origin])
                value_stack.append(callback(children))
        end_state = self._end_state
        while True:
            action = states[state_stack[-1]].get(END)
            if action is None or action >= 0:
                raise _NoActionError
            size, origin, callback = rules[~action]
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value = callback(children)
            state = states[state_stack[-1]][origin]
            if state == end_state:
                return value
            state_stack.append(state)
            value_stack.append(value)


def _callback(rule: Any, transformer: Any) -> Callable[[list[Any]], Any] | None:
    """Lark's callback for ``rule``, built directly (None: keep Lark's own).

    Lark wraps a rule's transformer method in up to two layers: a child filter that splices
    the children of inlined ``_rule`` symbols into the list, then (for a ``?rule`` without an
    alias) the pass-through of a single child; a rule without a method becomes a ``Tree``. Here
    an inlined rule returns its (filtered) children list itself, and the parent splices it;
    the rest is Lark's behaviour in one closure instead of three calls and a ``Tree``.
    """
    if transformer is None or rule.options.keep_all_tokens is False:
        return None
    name = rule.alias or rule.options.template_source or rule.origin.name
    inlined = rule.origin.name.startswith("_")
    method = getattr(transformer, name, None) if not inlined else None
    if method is not None and getattr(method, "visit_wrapper", None) is not None:
        return None  # v_args: let Lark apply it
    splice = tuple(not sym.is_term and sym.name.startswith("_") for sym in rule.expansion)
    single = bool(rule.options.expand1) and not rule.alias
    default = transformer.__default__

    if inlined:
        if single:
            return None  # an inlined ?rule: not used by our grammars
        build: Callable[[list[Any]], Any] = _identity
    elif method is not None:
        build = method
    else:
        build = partial(_tree, default, name)
    if single:
        build = partial(_single_or, build)
    if splice == (True, False) and build is _identity:
        return _extended  # the list of a repetition (``x*``), one item longer
    if any(splice):
        build = partial(_spliced, splice, build)
    return build


def _identity(children: list[Any]) -> list[Any]:
    return children


def _extended(children: list[Any]) -> list[Any]:
    head: list[Any] = children[0]
    head.append(children[1])
    return head


def _tree(default: Callable[..., Any], name: str, children: list[Any]) -> Any:
    return default(name, children, None)


def _spliced(
    splice: tuple[bool, ...], build: Callable[[list[Any]], Any], children: list[Any]
) -> Any:
    filtered: list[Any] = []
    for child, inlined in zip(children, splice, strict=True):
        if inlined:
            if filtered:
                filtered += child
            else:  # left recursion: keep growing the same list
                filtered = child
        else:
            filtered.append(child)
    return build(filtered)


def _single_or(build: Callable[[list[Any]], Any], children: list[Any]) -> Any:
    return children[0] if len(children) == 1 else build(children)
