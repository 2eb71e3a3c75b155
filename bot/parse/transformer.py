"""Transformers for ``grammar/command.lark`` and ``grammar/terms.lark``.

``CommandTransformer`` turns each clause into a small item tuple and, at ``start``, assembles
the items into a ``MessageSpec``: a direction word starts a leg; quantities and prices that
follow attach to it (``做多1 60000`` = 1 lot at 60000); ``1020出`` / ``平仓价1020`` / ``→1020``
add a close leg; attributes, contract, questions are collected. The LALR parser applies it
inline while parsing (no tree is built); the Earley variant transforms the tree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from lark import Token, Transformer

from bot.core.numbers import plain
from bot.errors import UserFacingError
from bot.parse.assemble import assemble
from bot.parse.clauses import (
    Attribute,
    Clause,
    ContractName,
    Direction,
    Half,
    How,
    Market,
    Modifier,
    Price,
    Quantity,
    Question,
    Ratio,
)
from bot.parse.normalize import arabic_number, chinese_number
from bot.parse.spec import FeeSpec, MessageSpec, RateSpec, TermQuery

Child = Token | Decimal | RateSpec | FeeSpec
"""What a clause callback receives: tokens and the values of the rules inside it."""
HUNDRED = Decimal(100)
THOUSAND = Decimal(1000)
TEN_THOUSAND = Decimal(10000)

STATEMENT_FIGURES = {
    **dict.fromkeys(
        (
            *("上日结存", "昨日结存", "上日权益", "昨日权益", "昨天权益", "期初权益", "上日余额"),
            *("期初结存", "期初余额", "上日客户权益", "昨日客户权益"),
        ),
        "prev_balance",
    ),
    "昨日余额": "prev_balance",
    "结存": "prev_balance",
    **dict.fromkeys(("入金", "存入", "转入"), "cash_in"),
    **dict.fromkeys(("出金", "取出", "转出"), "cash_out"),
    **dict.fromkeys(("当日盈亏", "今日盈亏", "当天盈亏"), "daily_pnl"),
    **dict.fromkeys(("当日盯市盈亏", "当日总盈亏"), "daily_pnl"),
    **dict.fromkeys(("平仓盈亏", "盯市平仓盈亏", "平仓盯市盈亏"), "close_pnl"),
    **dict.fromkeys(("持仓盈亏", "盯市盈亏", "持仓盯市盈亏", "盯市持仓盈亏"), "hold_pnl"),
}
"""The word of a statement's figure → the spec attribute it sets."""

_CARRIED_SIDES = {"CARRIED_LONG": "open_long", "CARRIED_SHORT": "open_short"}

_QUESTIONS = {
    "Q_PNL": "pnl",
    "Q_LIQUIDATION": "liquidation",
    "Q_RISK": "risk",
    "Q_BREAKEVEN": "breakeven",
    "Q_TARGET": "target",
    "Q_STOP": "stop",
    "Q_MARGIN": "margin",
    "Q_RETURN": "return",
    "Q_SIZE": "size",
    "Q_REDUCE": "reduce",
    "Q_DEPOSIT": "deposit",
    "Q_WIN_RATE": "win_rate",
    "Q_CONTRACT": "contract",
    "Q_TICK_VALUE": "tick_value",
    "Q_EXPECTANCY": "expectancy",
    "Q_FUNDING": "funding",
    "Q_POINT_VALUE": "point_value",
    "Q_EQUITY": "equity",
    "Q_FEE": "fee",
    "RR_ASK": "pnl",
    "Q_LEVERAGE": "leverage",
    "Q_AVERAGE": "average",
    "Q_FORCED_YN": "forced_yn",
    "Q_CALL_YN": "call_yn",
    "Q_AVAILABLE": "available",
    "Q_ALL_IN": "all_in",
    "Q_WIPEOUT": "wipeout",
    "Q_LOSS_TO_FORCED": "loss_to_forced",
    "EQUITY_ASK": "equity",
    "USED_ASK": "margin",
}
_EXCHANGES = {
    "币安": "binance",
    "binance": "binance",
    "bybit": "bybit",
    "okx": "okx",
    "欧易": "okx",
}
_WARNING_LINE_WORDS = ("预警", "警戒", "追保")
_SPOKEN_DIGITS = {"俩": "两", "仨": "三"}
_USDT_UNITS = frozenset({"u", "usdt"})
_KEYED_RATES = (
    (("风险度到", "风险度达到"), "risk_at"),
    (("风险度",), "risk_cap"),
    (("亏",), "stop_return"),
    (("权益", "本金", "账户"), "equity_return"),
    (("roe", "收益", "回报", "赚", "盈利"), "target_return"),
)
"""The words of a RATE_KEY → the spec attribute it sets, first match (跌到多少风险度到80% →
risk_at, 风险度不超过80% →
risk_cap, 亏损不超过保证金的50% → stop_return, 赚权益的5% → equity_return, ROE 50% →
target_return)."""
_LOSS_MARKS = ("亏", "输", "止损", "loss")
"""An AVERAGE_KEY with one of these is the average loss (平均亏1500), else the average win."""
_LADDER_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
"""The numbers of a ladder token (涨跌1% 2% 5% → 1, 2, 5)."""


def to_decimal(token: Token) -> Decimal:
    """A NUMBER token (Arabic or Chinese numerals) as a bounded Decimal."""
    text = token.value
    first = text[0]
    if first.isascii():
        return arabic_number(text)
    if first in _SPOKEN_DIGITS:  # 俩手 / 仨手: 两 and 三 as spoken
        text = _SPOKEN_DIGITS[first] + text[1:]
    return chinese_number(text)


def _decimal(children: Sequence[Child]) -> Decimal:
    for child in children:
        if isinstance(child, Token):
            if child.type == "NUMBER":
                return to_decimal(child)
        elif isinstance(child, Decimal):
            return child
    raise AssertionError("rule without a number")  # pragma: no cover - grammar guarantees one


def _decimals(children: Sequence[Child]) -> list[Decimal]:
    return [
        to_decimal(child) if isinstance(child, Token) else child
        for child in children
        if isinstance(child, Decimal) or (isinstance(child, Token) and child.type == "NUMBER")
    ]


def _word(children: Sequence[Child]) -> str:
    """The text of the clause's first token (its keyword)."""
    first = children[0]
    assert isinstance(first, Token)
    return str(first)  # a Token is the str of its text


def _rate(children: Sequence[Child]) -> RateSpec:
    for child in children:
        if isinstance(child, RateSpec):
            return child
    raise AssertionError("rule without a rate")  # pragma: no cover


def _fee(children: Sequence[Child]) -> FeeSpec:
    for child in children:
        if isinstance(child, FeeSpec):
            return child
    raise AssertionError("rule without a fee")  # pragma: no cover


class CommandTransformer(Transformer[Token, MessageSpec]):
    """Clause callbacks (one per grammar alias) and the leg assembler."""

    # ---------------------------------------------------------------- numbers
    def pct(self, children: list[Child]) -> RateSpec:
        value = _decimal(children)
        return RateSpec(value=value / HUNDRED, kind="fraction", text=f"{plain(value)}%")

    def loose_rate(self, children: list[Child]) -> Attribute:
        return Attribute("loose_rate", children[0])

    def pct_pre(self, children: list[Child]) -> RateSpec:
        return self.pct(children)

    def permille(self, children: list[Child]) -> RateSpec:
        value = _decimal(children)
        return RateSpec(value=value / THOUSAND, kind="fraction", text=f"千分之{plain(value)}")

    def permille_pre(self, children: list[Child]) -> RateSpec:
        return self.permille(children)

    def per_myriad(self, children: list[Child]) -> RateSpec:
        value = _decimal(children)
        return RateSpec(value=value / TEN_THOUSAND, kind="fraction", text=f"万分之{plain(value)}")

    def bare_rate(self, children: list[Child]) -> RateSpec:
        value = _decimal(children)
        return RateSpec(value=value, kind="bare", text=plain(value))

    def yuan(self, children: list[Child]) -> Decimal:
        return _decimal(children)

    def fee_per_lot(self, children: list[Child]) -> FeeSpec:
        value = _decimal(children)
        return FeeSpec(per_lot=value, rate=None, bare=None, text=f"{plain(value)}元/手")

    def fee_bare(self, children: list[Child]) -> FeeSpec:
        value = _decimal(children)
        return FeeSpec(per_lot=None, rate=None, bare=value, text=plain(value))

    def fee_rate(self, children: list[Child]) -> FeeSpec:
        rate = _rate(children)
        return FeeSpec(per_lot=None, rate=rate.value, bare=None, text=rate.text)

    # ---------------------------------------------------------------- clauses
    def direction(self, children: list[Token]) -> Direction:
        token = children[0]
        kind = token.type
        if kind in _CARRIED_SIDES:  # 昨多10手: an open long held from before (as 昨持 + 多)
            return Direction(_CARRIED_SIDES[kind], token.value, True)
        return Direction(kind.lower(), token.value)

    def modifier(self, children: list[Token]) -> Modifier:
        return Modifier(children[0].type)

    def qty_lots(self, children: list[Child]) -> Quantity:
        # 张 is kept apart: a crypto exchange's 张 is a fraction of a coin (OKX: BTC 0.01)
        return Quantity(_decimal(children), "lots", children[-1] == "张")

    def qty_coins(self, children: list[Child]) -> Quantity:
        return Quantity(_decimal(children), "coins")

    def qty_half(self, children: list[Child]) -> Half:
        return Half(_word(children))

    def qty_shares(self, children: list[Child]) -> Quantity:
        return Quantity(_decimal(children), "shares")

    def bare_price(self, children: list[Child]) -> Price:
        # where the number starts: 螺纹2505 is the contract's month when glued to its name
        first = children[0]
        start = first.start_pos if len(children) == 1 and isinstance(first, Token) else None
        unit = children[-1]
        money = len(children) > 1 and str(unit).lower() in _USDT_UNITS
        return Price("bare", _decimal(children), start, money)

    def at_price(self, children: list[Child]) -> Price:
        return Price("at", _decimal(children))

    def entry_mark(self, children: list[Child]) -> Price:
        return Price("entry", _decimal(children))

    def entry_price(self, children: list[Child]) -> Price:
        return Price("entry", _decimal(children))

    def exit_mark(self, children: list[Child]) -> Price:
        return Price("exit", _decimal(children))

    def done_price(self, children: list[Child]) -> Price:
        return Price("done", _decimal(children))

    def exit_arrow(self, children: list[Child]) -> Price:
        return Price("exit", _decimal(children))

    def exit_price(self, children: list[Child]) -> Price:
        return Price("exit", _decimal(children))

    def now_price(self, children: list[Child]) -> Price:
        return Price("now", _decimal(children))

    def mark_price(self, children: list[Child]) -> Attribute:
        return Attribute("mark_price", _decimal(children))

    def prev_settle(self, children: list[Child]) -> Attribute:
        return Attribute("prev_settle", _decimal(children))

    def settle_price(self, children: list[Child]) -> Attribute:
        return Attribute("settle", _decimal(children))

    def stop_price(self, children: list[Child]) -> Attribute:
        return Attribute("stop_price", _decimal(children))

    def stop_distance(self, children: list[Child]) -> Attribute:
        return Attribute("stop_distance", _decimal(children))

    def stop_ticks(self, children: list[Child]) -> Attribute:
        return Attribute("stop_ticks", _decimal(children))

    def move_up_ticks(self, children: list[Child]) -> Attribute:
        return Attribute("move_ticks", _decimal(children))

    def move_down_ticks(self, children: list[Child]) -> Attribute:
        return Attribute("move_ticks", -_decimal(children))

    def move_up(self, children: list[Child]) -> Attribute:
        return Attribute("price_move", _decimal(children))

    def move_down(self, children: list[Child]) -> Attribute:
        return Attribute("price_move", -_decimal(children))

    def expiry_price(self, children: list[Child]) -> Attribute:
        return Attribute("expiry_price", _decimal(children))

    def target_price(self, children: list[Child]) -> Attribute:
        return Attribute("target_price", _decimal(children))

    def contract(self, children: list[Token]) -> ContractName:
        return ContractName(children[0].value, children[0].end_pos)

    def question(self, children: list[Token]) -> Question:
        return Question(_QUESTIONS[children[0].type])

    def market(self, children: list[Token]) -> Market:
        return Market(children[0].type[2:].lower())

    def exchange(self, children: list[Token]) -> Attribute:
        return Attribute("exchange", _EXCHANGES[children[0].value.lower()])

    def how(self, children: list[Token]) -> How:
        return How()

    def ratio(self, children: list[Child]) -> Ratio:
        reward, risk = _decimals(children)
        return Ratio(reward, risk)

    def periods(self, children: list[Child]) -> Attribute:
        return Attribute("funding_periods", _decimal(children))

    def funding_days(self, children: list[Child]) -> Attribute:
        return Attribute("funding_days", _decimal(children))

    def leverage(self, children: list[Child]) -> Attribute:
        return Attribute("leverage", _decimal(children))

    def leverage_key(self, children: list[Child]) -> Attribute:
        return Attribute("leverage", _decimal(children))

    # ---------------------------------------------------------------- attributes
    def multiplier(self, children: list[Child]) -> Attribute:
        return Attribute("multiplier", _decimal(children))

    def x_multiplier(self, children: list[Child]) -> Attribute:
        # x100: the multiplier of a futures contract, the leverage of a crypto one (resolver)
        return Attribute("x_factor", _decimal(children))

    def per_lot_money(self, children: list[Child]) -> Clause:
        value = plain(_decimal(children))
        raise UserFacingError(
            f"“每手{value}元”是手续费还是合约乘数？手续费请写“手续费{value}元/手”，"
            "乘数请写“乘数10”或“每手10吨”",
            example=f"开多2手 rb 3500 平仓 3550 手续费{value}元/手",
        )

    def remaining(self, children: list[Child]) -> Attribute:
        return Attribute("remaining", _decimal(children))

    def risk_now(self, children: list[Child]) -> Attribute:
        return Attribute("risk_now", _rate(children))

    def fee(self, children: list[Child]) -> Attribute:
        return Attribute("fee", _fee(children))

    def fee_round_trip(self, children: list[Child]) -> Attribute:
        fee = _fee(children)
        return Attribute(
            "fee",
            FeeSpec(
                per_lot=None if fee.per_lot is None else fee.per_lot / 2,
                rate=None if fee.rate is None else fee.rate / 2,
                bare=None if fee.bare is None else fee.bare / 2,
                text=f"双边{fee.text}",
            ),
        )

    def fee_today(self, children: list[Child]) -> Attribute:
        return Attribute("fee_today", _fee(children))

    def commission(self, children: list[Child]) -> Attribute:
        return Attribute("commission", _fee(children))

    def margin(self, children: list[Child]) -> Attribute:
        return Attribute("margin", _rate(children))

    def margin_per_lot(self, children: list[Child]) -> Attribute:
        return Attribute("margin_per_lot", _decimal(children))

    def margin_used(self, children: list[Child]) -> Attribute:
        return Attribute("margin_used", _decimal(children))

    def maintenance(self, children: list[Child]) -> Attribute:
        return Attribute("maintenance", _rate(children))

    def maint_amount(self, children: list[Child]) -> Attribute:
        return Attribute("maint_amount", _decimal(children))

    def equity(self, children: list[Child]) -> Attribute:
        return Attribute("equity", _decimal(children))

    def statement_figure(self, children: list[Child]) -> Attribute:
        return Attribute(STATEMENT_FIGURES[_word(children)], _decimal(children))

    def wallet(self, children: list[Child]) -> Attribute:
        return Attribute("wallet", _decimal(children))

    def funding_rate(self, children: list[Child]) -> Attribute:
        return Attribute("funding_rate", _rate(children))

    def taker_fee(self, children: list[Child]) -> Attribute:
        return Attribute("taker_fee", _rate(children))

    def maker_fee(self, children: list[Child]) -> Attribute:
        return Attribute("maker_fee", _rate(children))

    def line(self, children: list[Child]) -> Attribute:
        word = _word(children)
        name = "warning_line" if any(w in word for w in _WARNING_LINE_WORDS) else "forced_line"
        return Attribute(name, _rate(children))

    def target_ratio(self, children: list[Child]) -> Attribute:
        return Attribute("target_ratio", _rate(children))

    def risk_fraction(self, children: list[Child]) -> Attribute:
        return Attribute("risk_fraction", _rate(children))

    def win_rate(self, children: list[Child]) -> Attribute:
        return Attribute("win_rate", _rate(children))

    def win_rate_ratio(self, children: list[Child]) -> Attribute:
        wins, losses = _decimals(children)
        total = wins + losses
        if total <= 0:
            raise UserFacingError(
                f"胜率“{plain(wins)}:{plain(losses)}”不成立", example="成功率7:3 盈亏比3:1"
            )
        text = f"{plain(wins)}:{plain(losses)}"
        return Attribute("win_rate", RateSpec(value=wins / total, kind="fraction", text=text))

    def reward_risk(self, children: list[Child]) -> Ratio:
        reward, risk = _decimals(children)
        return Ratio(reward, risk)

    def reward_risk_one(self, children: list[Child]) -> Ratio:
        return Ratio(_decimal(children), Decimal(1))

    def target_profit(self, children: list[Child]) -> Attribute:
        return Attribute("target_profit", _decimal(children))

    def max_loss(self, children: list[Child]) -> Attribute:
        return Attribute("max_loss", _decimal(children))

    def loss(self, children: list[Child]) -> Attribute:
        return Attribute("loss", _decimal(children))

    def profit(self, children: list[Child]) -> Attribute:
        return Attribute("profit", _decimal(children))

    def premium(self, children: list[Child]) -> Attribute:
        return Attribute("premium", _decimal(children))

    def min_commission(self, children: list[Child]) -> Attribute:
        return Attribute("min_commission", _decimal(children))

    def stamp_duty(self, children: list[Child]) -> Attribute:
        return Attribute("stamp_duty", _rate(children))

    def transfer_fee(self, children: list[Child]) -> Attribute:
        return Attribute("transfer_fee", _rate(children))

    def other_maint(self, children: list[Child]) -> Attribute:
        return Attribute("other_maint", _decimal(children))

    def other_upnl(self, children: list[Child]) -> Attribute:
        return Attribute("other_upnl", _decimal(children))

    def other_loss(self, children: list[Child]) -> Attribute:
        return Attribute("other_upnl", -abs(_decimal(children)))

    def average_amount(self, children: list[Child]) -> Attribute:
        # 平均赚3000 / 平均亏1500 (a loss as a positive amount, however it was signed)
        word = str(children[0]).lower()
        if any(mark in word for mark in _LOSS_MARKS):
            return Attribute("avg_loss", abs(_decimal(children)))
        return Attribute("avg_win", _decimal(children))

    def keyed_rate(self, children: list[Child]) -> Attribute:
        word = str(children[0]).lower()
        name = next(name for marks, name in _KEYED_RATES if any(m in word for m in marks))
        return Attribute(name, _rate(children))

    def ladder(self, children: list[Token]) -> Attribute:
        # 涨跌1% 2% 5% (fractions) / 涨跌50点 100点 (price points), in one token
        text = children[0].value
        values = [Decimal(v) for v in _LADDER_NUMBER.findall(text)]
        if "%" in text:
            return Attribute("ladder_pcts", tuple(v / HUNDRED for v in values))
        return Attribute("ladder_points", tuple(values))

    def keyed_price(self, children: list[Child]) -> Price:
        # 平仓价3550 is the close; 均价3500 / 成本3500 the open
        word = str(children[0])
        return Price("exit" if word.startswith("平仓") else "entry", _decimal(children))

    def tick(self, children: list[Child]) -> Attribute:
        return Attribute("tick", _decimal(children))

    def strike(self, children: list[Child]) -> Attribute:
        return Attribute("strike", _decimal(children))

    # ---------------------------------------------------------------- the message
    def start(self, children: list[Clause]) -> MessageSpec:
        return assemble(children)


class TermTransformer(Transformer[Token, TermQuery]):
    """``grammar/terms.lark`` → ``TermQuery``."""

    def start(self, children: list[TermChild]) -> TermQuery:
        terms: tuple[str, ...] = ()
        mode: Literal["what", "diff", "how"] = "what"
        explicit = False
        rest = ""
        for child in children:
            if isinstance(child, tuple):
                terms = child
            elif child in ("prefix_what", "suffix_what", "suffix_ask"):
                explicit = True
            elif child in ("prefix_how", "suffix_how"):
                explicit, mode = True, "how"
            elif child == "suffix_diff":
                explicit, mode = True, "diff"
            elif isinstance(child, Token) and child.type == "POLITE":
                continue
            elif isinstance(child, _Rest):
                rest = child.text
        return TermQuery(terms=terms, mode=mode, explicit=explicit, rest=rest)

    def subject(self, children: list[Token]) -> tuple[str, ...]:
        return tuple(child.value for child in children if child.type in ("TERM", "EN_TERM"))

    def prefix_what(self, children: list[Token]) -> str:
        return "prefix_what"

    def prefix_how(self, children: list[Token]) -> str:
        return "prefix_how"

    def suffix_what(self, children: list[Token]) -> str:
        return "suffix_what"

    def suffix_how(self, children: list[Token]) -> str:
        return "suffix_how"

    def suffix_diff(self, children: list[Token]) -> str:
        return "suffix_diff"

    def suffix_ask(self, children: list[Token]) -> str:
        return "suffix_ask"

    def rest(self, children: list[Token]) -> _Rest:
        return _Rest(children[0].value.strip())


class _Rest:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


TermChild = Token | tuple[str, ...] | str | _Rest
"""What ``TermTransformer.start`` receives: the subject's terms, the marks of the question
form (``prefix_what`` …), polite words and the rest of the text."""
