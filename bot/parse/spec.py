"""What the user typed, possibly incomplete: the spec models between parser and resolver.

A spec keeps the user's words (``卖平``, ``万分之0.23``) as categories and raw numbers; nothing
here is looked up or defaulted. ``bot.resolve.resolver`` turns a spec into core requests using
the contract table and the chat defaults, and asks when something is ambiguous.

Specs are frozen dataclasses rather than pydantic models: one is built for every message on
the hot path (a 45-field pydantic ``model_construct`` alone costs ~19 µs) and the grammar
already guarantees their types; every value is validated later by the core's pydantic request
models. ``MessageSpec`` (60-odd fields) is built by ``MessageSpec.of``, which fills the
instance dict in two C-level updates (~0.5 µs) instead of the generated frozen ``__init__``'s
one ``object.__setattr__`` call per field (~7 µs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields
from decimal import Decimal
from typing import Literal, NamedTuple

LegWord = Literal[
    "open_long",
    "open_short",
    "open_any",
    "close_any",
    "close_long",
    "close_short",
    "close_today",
    "close_yesterday",
    "buy",
    "sell",
    "add",
]
"""The direction word that starts a leg (开多 → open_long, 卖平 → close_long, 买入 → buy …)."""

QuantityUnit = Literal["lots", "coins", "shares"]

Question = Literal[
    "pnl",
    "liquidation",
    "risk",
    "breakeven",
    "target",
    "stop",
    "margin",
    "return",
    "size",
    "reduce",
    "deposit",
    "win_rate",
    "contract",
    "tick_value",
    "point_value",
    "expectancy",
    "funding",
    "fee",
    "leverage",
    "equity",
    "average",
    "forced_yn",
    "call_yn",
    "available",
    "all_in",
]

MarketWord = Literal[
    "option", "stock", "futures", "crypto", "cross", "isolated", "buyer", "seller", "call", "put"
]

ExchangeName = Literal["binance", "bybit", "okx"]

RateKind = Literal["fraction", "bare"]
"""``fraction``: the user marked the unit (10%, 万分之0.23) and the value is converted;
``bare``: a plain number whose meaning the resolver decides (保证金10 → 10 %?)."""


@dataclass(frozen=True, slots=True)
class RateSpec:
    """A rate or percentage as typed (保证金10%, 万分之0.23, a bare 10)."""

    value: Decimal
    kind: RateKind = "fraction"
    text: str = ""
    """How the user wrote it (for messages): ``10%`` / ``万分之0.23`` / ``10``."""


@dataclass(frozen=True, slots=True)
class FeeSpec:
    """A fee as typed: 元 per lot, a rate on turnover, or a bare number (resolver decides)."""

    per_lot: Decimal | None = None
    rate: Decimal | None = None
    bare: Decimal | None = None
    text: str = ""


class LegSpec(NamedTuple):
    """One leg as typed: a direction word with its quantity and price, if given.

    A named tuple: every message builds one or more, and a frozen dataclass's ``__init__``
    sets each of the nine fields through ``object.__setattr__`` (twice the cost).
    """

    word: LegWord
    text: str
    """The direction word as typed: 开多 / 卖平 / buy …"""
    lots: Decimal | None = None
    unit: QuantityUnit | None = None
    lots_from_bare: bool = False
    """The quantity came from a unit-less number (做多1 60000)."""
    price: Decimal | None = None
    carried: bool = False
    """昨持 / 持有 / 持仓: a position held from before (settlement: 上日持仓)."""
    today_open: bool = False
    """今开: opened today (settlement)."""
    half: bool = False
    """平一半: close half of what that side holds (lots decided when the legs are resolved)."""


@dataclass(frozen=True)
class MessageSpec:
    """Everything one message said, clause order already resolved into legs.

    Not slotted (unlike the small specs): ``of`` builds it through its ``__dict__``.
    """

    legs: tuple[LegSpec, ...] = ()
    contracts: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    markets: tuple[MarketWord, ...] = ()
    exchange: ExchangeName | None = None
    how: bool = False
    """怎么算 / 公式: show the working (term questions: mode "how")."""
    numbers: int = 0
    """How many numbers the message held (0 → a bare word: maybe a term question)."""
    loose_prices: tuple[Decimal, ...] = ()
    """Numbers that belong to no leg (e.g. a price before any direction word)."""
    loose_lots: Decimal | None = None
    """A quantity with no direction word at all (``rb 3500 10手 保证金``)."""
    loose_unit: QuantityUnit | None = None
    now_price: Decimal | None = None
    """``现在3480`` left over after the legs: the current price, unless it is ambiguous."""

    multiplier: Decimal | None = None
    x_factor: Decimal | None = None
    """``x100`` / ``×20``: a futures multiplier or a crypto leverage (the resolver decides)."""
    risk_now: RateSpec | None = None
    """``风险度90%``: the account's current risk ratio (with equity: the margin in use)."""
    remaining: Decimal | None = None
    """``剩下2手``: what the user says is still open after the legs (checked, not computed)."""
    remaining_after: int | None = None
    """How many legs came before 剩下N手 (the legs after it close what was left)."""
    fee: FeeSpec | None = None
    fee_today: FeeSpec | None = None
    commission: FeeSpec | None = None
    margin: RateSpec | None = None
    margin_used: Decimal | None = None
    margin_per_lot: Decimal | None = None
    """每手保证金2750: the margin of one lot (the resolver turns it into the margin in use)."""
    maintenance: RateSpec | None = None
    maint_amount: Decimal | None = None
    equity: Decimal | None = None
    wallet: Decimal | None = None
    funding_rate: RateSpec | None = None
    funding_periods: Decimal | None = None
    funding_days: Decimal | None = None
    """持仓3天: days a perpetual is held (resolve counts 3 funding periods a day)."""
    taker_fee: RateSpec | None = None
    maker_fee: RateSpec | None = None
    """A crypto maker (挂单) fee rate; ``taker_fee`` is the taker (吃单) one."""
    forced_line: RateSpec | None = None
    warning_line: RateSpec | None = None
    target_ratio: RateSpec | None = None
    risk_fraction: RateSpec | None = None
    win_rate: RateSpec | None = None
    reward: Decimal | None = None
    risk: Decimal | None = None
    target_profit: Decimal | None = None
    max_loss: Decimal | None = None
    loss: Decimal | None = None
    profit: Decimal | None = None
    premium: Decimal | None = None
    min_commission: Decimal | None = None
    stamp_duty: RateSpec | None = None
    transfer_fee: RateSpec | None = None
    other_maint: Decimal | None = None
    other_upnl: Decimal | None = None
    tick: Decimal | None = None
    strike: Decimal | None = None
    leverage: Decimal | None = None
    entry_price: Decimal | None = None
    """入场 / 开仓价 typed as a key (also copied onto the leg it belongs to)."""
    exit_price: Decimal | None = None
    mark_price: Decimal | None = None
    prev_settle: Decimal | None = None
    settle: Decimal | None = None
    stop_price: Decimal | None = None
    stop_distance: Decimal | None = None
    """止损50点: the stop as a distance from the entry, in price points."""
    price_move: Decimal | None = None
    """涨50点 (+50) / 跌10块 (−10): a price move with no prices typed."""
    stop_ticks: Decimal | None = None
    """止损30跳: the stop distance in minimum price steps (resolve turns it into points)."""
    move_ticks: Decimal | None = None
    """涨5跳 (+5) / 跌3跳 (−3): a move in minimum price steps (resolve turns it into points)."""
    expiry_price: Decimal | None = None
    """到期3600: the underlying's price when an option expires."""
    loose_rate: RateSpec | None = None
    """12% typed with no name before it: the margin rate of a margin question, else asked."""
    typed: frozenset[str] = frozenset()
    """The names of the attributes the message typed (a plan checks it for values it cannot
    use with one set operation instead of a look at each field)."""
    target_price: Decimal | None = None
    prev_balance: Decimal | None = None
    """上日结存 (the statement's opening balance)."""
    cash_in: Decimal | None = None
    cash_out: Decimal | None = None
    daily_pnl: Decimal | None = None
    close_pnl: Decimal | None = None
    hold_pnl: Decimal | None = None
    avg_win: Decimal | None = None
    """平均赚3000: the average profit of a winning trade (expectancy)."""
    avg_loss: Decimal | None = None
    """平均亏1500: the average loss of a losing trade, as a positive amount."""
    target_return: RateSpec | None = None
    """ROE 50% / 收益率50%: the return on margin wanted (a target price)."""
    stop_return: RateSpec | None = None
    """亏损不超过保证金的50%: the loss on margin allowed (a stop price)."""
    equity_return: RateSpec | None = None
    """赚权益的5%: the return on equity wanted (a target price)."""
    risk_at: RateSpec | None = None
    """跌到多少风险度到80%: the risk degree whose price is asked (shown as a line)."""
    risk_cap: RateSpec | None = None
    """风险度控制在80%以内: a cap on the risk degree (lots or margin under it)."""
    ladder_pcts: tuple[Decimal, ...] | None = None
    """涨跌1% 2% 5%: moves as fractions, each taken up and down (a what-if ladder)."""
    ladder_points: tuple[Decimal, ...] | None = None
    """涨跌50点 100点: moves in price points, each taken up and down."""
    leg_contracts: tuple[str | None, ...] = ()
    """With several products named (rb 多2手 3500 i 空1手 800): each leg's product, in the
    order of ``legs`` (None: none named for it). Empty when one product or none was named."""
    in_zhang: bool = False
    """A quantity was typed in 张 (a crypto exchange's contract is a fraction of a coin)."""

    @property
    def is_bare(self) -> bool:
        """No number and no contract: a word or two (风险度 / 保证金?) — a term question."""
        return self.numbers == 0 and not self.contracts

    def has_unit(self, unit: QuantityUnit) -> bool:
        """Some leg counts in ``unit`` (股 → a stock trade, 个 → coins)."""
        return unit in [leg.unit for leg in self.legs]  # no generator: a leg or two

    @property
    def is_empty(self) -> bool:
        """Nothing was read at all (谢谢 / 帮我算下): every field at its default. Compares the
        instance dict: the generated ``__eq__`` builds two 60-field tuples (~20 µs)."""
        return self.__dict__ == _SPEC_DEFAULTS

    def updated(self, **changes: object) -> MessageSpec:
        """A copy with ``changes``, as ``dataclasses.replace`` (which runs the generated 60-field
        ``__init__``, ~30 µs) but through ``of``."""
        return MessageSpec.of({**self.__dict__, **changes})

    @classmethod
    def of(cls, values: Mapping[str, object]) -> MessageSpec:
        """``MessageSpec(**values)``, fast: every field not in ``values`` takes its default."""
        if not values.keys() <= _SPEC_FIELDS:
            raise TypeError(f"unknown MessageSpec fields: {sorted(values.keys() - _SPEC_FIELDS)}")
        spec = object.__new__(cls)
        state = spec.__dict__  # frozen: written here once, as the generated __init__ would
        state.update(_SPEC_DEFAULTS)
        state.update(values)
        return spec


def _defaults(cls: type) -> dict[str, object]:
    defaults = {field.name: field.default for field in fields(cls)}
    missing = [name for name, value in defaults.items() if value is MISSING]
    if missing:  # pragma: no cover - a field without a plain default needs __init__
        raise TypeError(f"MessageSpec.of needs a plain default for {missing}")
    return defaults


_SPEC_DEFAULTS = _defaults(MessageSpec)
_SPEC_FIELDS = frozenset(_SPEC_DEFAULTS)


@dataclass(frozen=True, slots=True)
class TermQuery:
    """A term question: 什么是X / X是什么意思 / X和Y的区别 / X怎么算 / X? / a bare term."""

    terms: tuple[str, ...]
    mode: Literal["what", "diff", "how"] = "what"
    explicit: bool = False
    """True when a marker (什么是, 是什么意思, 区别, 怎么算, ?) says it is a term question."""
    rest: str = ""
    """Text after the term (``穿仓 权益6000 亏损8000`` → ``权益6000 亏损8000``)."""
