"""One pipeline for every front end: ``answer(text) -> Reply``.

normalise → parse (Lark LALR) → resolve (contract table, chat defaults) → calculate (core)
→ format. Term questions (什么是X, X是什么意思, X和Y的区别, X怎么算, X?, a bare term) go to
the knowledge base (``bot.terms``); text the grammars read as no calculation (啥叫X, X vs Y,
"what does X mean") falls back to ``bot.terms.route_question``, which refuses text with digits,
so a calculation is never taken for a term question. A message of thanks only gets a short
friendly answer. Bad input never raises: it becomes a friendly error reply.

Only what a well-formed calculation needs is imported up front (``pingcang ask`` is a cold
start): the error reply, parse-error analysis, knowledge base and the core are imported where
they are first used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, DecimalException
from functools import partial
from typing import NamedTuple

from lark.exceptions import UnexpectedInput

from bot.defaults import ChatDefaults
from bot.errors import UserFacingError
from bot.parse.normalize import EXAMPLE, normalize_text, split_command
from bot.parse.parser import CommandParser, ParserKind, build_parser, get_parser
from bot.parse.spec import MessageSpec, TermQuery
from bot.pipeline.chatter import chatter_kind
from bot.pipeline.registry import run_plan
from bot.reply import Block, Reply
from bot.resolve.resolver import Plan, resolve

_DEFAULTS = ChatDefaults()
TERM_COMMANDS = frozenset({"explain", "term", "define"})
COMING_SOON = "术语解释功能即将上线"


class TermRoute(NamedTuple):
    """A term question for the knowledge base."""

    query: TermQuery
    values: Mapping[str, Decimal]


class CalcRoute(NamedTuple):
    """A calculation: the resolved plan (a named tuple: cheaper to build than a frozen
    dataclass, one per message)."""

    spec: MessageSpec
    plan: Plan


@dataclass(frozen=True, slots=True)
class ChatRoute:
    """Nothing to compute, only chatter (谢谢 / 好的 / 收到 / 哈哈 / 👍): a reply of kind
    ``chatter`` (groups stay silent on it; a private chat gets one short line)."""

    thanks: bool = True


Route = TermRoute | CalcRoute | ChatRoute
THANKS_MARKS = ("谢", "感谢", "thank", "thx", "辛苦")
YOU_ARE_WELCOME = "不客气！需要时直接发来，例如："
NOTED = "好的。需要计算时直接发来，例如："


def answer(text: str, defaults: ChatDefaults | None = None) -> Reply:
    """Answer one message. Never raises for bad input: returns ``Reply(ok=False, ...)``."""
    return answer_with(get_parser(), text, defaults)


def make_answer(parser: ParserKind = "lalr") -> Callable[[str, ChatDefaults | None], Reply]:
    """An ``answer`` on a parser of the given kind (the benchmark compares lalr and earley)."""
    instance = get_parser() if parser == "lalr" else build_parser(parser)
    return partial(answer_with, instance)


def answer_with(parser: CommandParser, text: str, defaults: ChatDefaults | None = None) -> Reply:
    try:
        route = understand(parser, text, defaults or _DEFAULTS)
        if isinstance(route, TermRoute):
            return explain(route)
        if isinstance(route, ChatRoute):
            return chat_reply(route)
        return run_plan(route.plan)
    except UserFacingError as exc:
        return _error_reply(exc)
    except DecimalException:
        return _error_reply(UserFacingError("数字太大或太小，超出了计算范围", example=EXAMPLE))


def _error_reply(error: UserFacingError) -> Reply:
    from bot.format.errors import format_error

    return format_error(error)


def _parse_error(exc: UnexpectedInput, text: str, parser: CommandParser) -> UserFacingError:
    """What went wrong where, for text the grammar could not read (imported on first use)."""
    from bot.parse.errors import parse_error

    return parse_error(exc, text, parser.lark.parse)


def understand(parser: CommandParser, text: str, defaults: ChatDefaults) -> Route:
    """Text → a term route or a resolved calculation (raises ``UserFacingError``)."""
    normalized = normalize_text(text)
    command, body = split_command(normalized)
    if not body:
        raise UserFacingError("请输入要计算的内容或想了解的名词", example=EXAMPLE)
    chatter = chatter_kind(body)
    if chatter is not None:
        return ChatRoute(thanks=chatter == "thanks")
    if command in TERM_COMMANDS:
        return _term_route(parser, _term_query(parser, body), body)
    spec = parser.try_parse_command(body)
    if spec is None:  # not a command the grammar reads: a term question, or a mistake
        return _not_a_command(parser, body, defaults)
    if spec.numbers == 0 and not spec.legs and spec.is_empty:  # 谢谢 / 麻烦了 / 帮我算下
        lowered = body.lower()
        if any(mark in lowered for mark in THANKS_MARKS):
            return ChatRoute()
        raise UserFacingError("请输入要计算的内容或想了解的名词", example=EXAMPLE)
    if spec.is_bare and (not spec.legs or _a_bare_word(spec)):  # 平今 / 建仓: the term
        query = _term_query(parser, body)
        if query is not None:
            if spec.how and query.mode == "what":
                query = TermQuery(query.terms, "how", True, query.rest)
            return _prefer_known(_term_route(parser, query, body), body, defaults)
    if not spec.legs and spec.numbers == 0 and not _names_a_contract(spec):
        # "逐仓 vs 全仓", "how is 风险度 calculated": words the grammar read as symbols
        routed = _routed_question(body)
        if routed is not None:
            return routed
    return CalcRoute(spec, resolve(spec, defaults))


def _not_a_command(parser: CommandParser, body: str, defaults: ChatDefaults) -> Route:
    """Text the command grammar cannot read: a term question (什么是平仓, 穿仓 权益6000 亏损8000),
    or a command with a mistake, reported where the grammar stopped (raises)."""
    query = _term_query(parser, body)
    if query is not None and (query.explicit or _known_terms(query.terms)):
        try:
            route = _term_route(parser, query, body)
        except UserFacingError:
            # 锁仓有什么用: a term and a question about it (no number: never a calculation)
            routed = _routed_question(body)
            if routed is not None and _known_terms(routed.query.terms):
                return routed
            # "胜率60% 盈亏比1.5 期望" is a command with a mistake, not the term 胜率
            # followed by numbers: report the mistake in the whole text
            raise _command_error(parser, body) from None
        # a bare term followed by words but no number ("权益 多") is a command gone wrong
        if query.explicit or not query.rest or route.values:
            traded = None if query.explicit else _trade_after_term(parser, query.rest)
            if traded is not None:  # 锁仓 开多5手 3500 开空5手 3450: their trade, computed
                return CalcRoute(traded, resolve(traded, defaults))
            return _prefer_known(route, body, defaults)
    routed = _routed_question(body)
    if routed is not None:
        return routed
    raise _command_error(parser, body)


def _command_error(parser: CommandParser, body: str) -> UserFacingError:
    """What went wrong where in a command: the full parse, run again for Lark's error."""
    try:
        parser.parse_command(body)
    except UnexpectedInput as exc:
        return _parse_error(exc, body, parser)
    raise AssertionError("a text the driver refused parsed")  # pragma: no cover


def _a_bare_word(spec: MessageSpec) -> bool:
    """Direction words and no number (建仓, 平今, 买入平仓和卖出平仓): a term question, not a
    trade (``is_bare`` has already ruled out numbers and contracts)."""
    return not spec.questions and not spec.markets


def _routed_question(body: str) -> TermRoute | None:
    """The knowledge base's own recogniser (啥叫X, X vs Y, what does X mean, 怎么区分X和Y …),
    tried only when the grammars found no calculation. It refuses text with digits, so a
    calculation is never taken for a term question."""
    try:
        from bot.terms import route_question
    except ImportError:
        return None
    routed = route_question(body)
    if routed is None or not routed[0]:
        return None
    terms, mode = routed
    return TermRoute(TermQuery(tuple(terms), mode, True, ""), {})


def _prefer_known(route: TermRoute, body: str, defaults: ChatDefaults) -> Route:
    """A term question whose term the knowledge base does not know: the recogniser of
    ``bot.terms`` may read it better ("啥叫锁仓?" read as the term 啥叫锁仓), or the term is a
    contract ("rb是什么" → the contract lookup)."""
    if route.values or _known_terms(route.query.terms):
        return route
    routed = _routed_question(body)
    if routed is not None and _known_terms(routed.query.terms):
        return routed
    terms = route.query.terms
    if len(terms) == 1 and route.query.mode == "what":
        spec = MessageSpec(contracts=terms)
        if _names_a_contract(spec):
            return CalcRoute(spec, resolve(spec, defaults))
    return route


def _trade_after_term(parser: CommandParser, rest: str) -> MessageSpec | None:
    """The trade typed after a bare term word (锁仓 开多5手 3500 开空5手 3450 rb), if any: the
    term's own worked example would answer with the document's numbers instead of theirs."""
    if not rest:
        return None
    spec = parser.try_parse_command(rest)
    return spec if spec is not None and spec.legs else None


def _names_a_contract(spec: MessageSpec) -> bool:
    from bot.resolve.context import lookup_contract

    return any(lookup_contract(text).contract is not None for text in spec.contracts)


def chat_reply(route: ChatRoute) -> Reply:
    """谢谢 / 好的 on its own: one short friendly line with an example (``ok``: understood;
    kind ``chatter``: the bot stays silent on it in groups)."""
    line = (YOU_ARE_WELCOME if route.thanks else NOTED) + EXAMPLE
    return Reply(ok=True, kind="chatter", blocks=(Block(lines=(line,)),))


def _term_query(parser: CommandParser, text: str) -> TermQuery | None:
    return parser.try_parse_term(text)


def _term_route(parser: CommandParser, query: TermQuery | None, body: str) -> TermRoute:
    if query is None:
        query = TermQuery((body,), "what", True, "")
    values: Mapping[str, Decimal] = {}
    if query.rest:
        try:
            values = term_values(parser.parse_command(query.rest))
        except UnexpectedInput as exc:
            raise _parse_error(exc, query.rest, parser) from None
    return TermRoute(query, values)


def _known_terms(terms: tuple[str, ...]) -> bool:
    """True when the knowledge base knows every term (a bare word that is a term)."""
    try:
        from bot.terms import lookup_term
    except ImportError:
        return False
    return bool(terms) and all(lookup_term(term) is not None for term in terms)


def term_values(spec: MessageSpec) -> dict[str, Decimal]:
    """The numbers typed beside a term question, under the keys ``explain_terms`` expects."""
    values: dict[str, Decimal] = {}

    def put(key: str, value: Decimal | None) -> None:
        if value is not None:
            values[key] = value

    put("equity", spec.equity)
    put("loss", spec.loss)
    put("profit", spec.profit)
    put("margin_used", spec.margin_used)
    if spec.margin is not None:
        margin = spec.margin.value
        if spec.margin.kind == "bare" and margin >= 100:
            values.setdefault("margin_used", margin)
        else:
            put(
                "margin_rate",
                margin / 100 if spec.margin.kind == "bare" and margin >= 1 else margin,
            )
    if spec.maintenance is not None:
        maint = spec.maintenance.value
        put(
            "maintenance_rate",
            maint / 100 if spec.maintenance.kind == "bare" and maint >= 1 else maint,
        )
    put("multiplier", spec.multiplier)
    put("leverage", spec.leverage)
    if spec.fee is not None:
        put("fee_per_lot", spec.fee.per_lot if spec.fee.per_lot is not None else spec.fee.bare)
    opens = [leg for leg in spec.legs if leg.word.startswith("open") or leg.word in ("buy", "add")]
    closes = [leg for leg in spec.legs if leg.word.startswith("close") or leg.word == "sell"]
    if spec.legs and spec.legs[0].lots is not None:
        values["lots"] = spec.legs[0].lots
    if opens and opens[0].price is not None:
        values["entry_price"] = opens[0].price
    if closes and closes[0].price is not None:
        values["exit_price"] = closes[0].price
    put("entry_price", spec.entry_price)
    put("price", spec.mark_price)
    return values


def explain(route: TermRoute) -> Reply:
    """Ask the knowledge base (``bot.terms``), imported on first use."""
    try:
        from bot.terms import explain_terms
    except ImportError:
        terms = "、".join(route.query.terms)
        return Reply(
            ok=True,
            kind="term",
            blocks=(Block(lines=(f"{COMING_SOON}：{terms}",)),),
        )
    return explain_terms(
        route.query.terms, route.query.mode, route.values or None, calculate=answer
    )
