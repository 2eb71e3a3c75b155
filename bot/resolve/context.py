"""What every resolver step shares: the plan it produces, the context it reads, the contract
and the money helpers (multiplier, rates, fees) that fill in what the user did not type.

Ambiguities become questions (``ask``) rather than guesses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from bot.core.numbers import num, pct
from bot.defaults import ChatDefaults
from bot.errors import UserFacingError
from bot.parse.spec import FeeSpec, MessageSpec, RateSpec

if TYPE_CHECKING:
    from bot.core.contracts import Contract
    from bot.core.fees import FeeSchedule
    from bot.core.scenarios import ExitScenarioRequest
    from bot.core.trades import TradeRequest

Side = Literal["long", "short"]
PlanKind = Literal[
    "trades",
    "settlement",
    "breakeven",
    "risk",
    "maintenance",
    "perp",
    "option",
    "stock",
    "stock_costs",
    "size",
    "win_rate",
    "system",
    "contract",
    "contract_value",
    "liq_move",
    "margin_cap",
    "price_move",
    "leverage",
    "equity",
    "averaging",
    "ladder",
    "target",
    "expectancy",
    "verdict",
    "margin_budget",
    "account_lines",
]


EX_TRADE = "开多2手 1000 平仓 1020 乘数100"

SIDE_OF_OPEN: dict[str, Side] = {
    "open_long": "long",
    "open_short": "short",
    "buy": "long",
    "sell": "short",
}
"""The position side a direction word opens (开多 / 买入 → long), for one-leg questions."""


EX_SYMBOL_TRADE = "开多2手 rb 3500 平仓 3550"


EX_RISK = "权益10万 保证金占用8万 风险度"


EX_LIQ = "权益10万 开多10手 rb 3500 保证金10% 强平价"


EX_MAINT = "开多1手 5000 乘数10 保证金12% 维持保证金8% 权益6000 强平价"


EX_PERP = "BTC 开多1个 60000 20倍 维持保证金率0.5% 强平价"


EX_BREAKEVEN = "开多2手 rb 3500 手续费3元/手 保本价"


EX_SIZE = "权益10万 风险2% 开多 rb 3500 止损3450 开几手"


EX_OPTION = "期权 买入开仓2手 权利金50 平仓80 乘数10"


EX_STOCK = "股票 买入1000股 10.5 卖出 11.2"


EX_SETTLE = "昨结1500 今结1515 昨持多10手 买开8手 1505 卖平5手 1510 乘数300"


EX_WIN_RATE = "盈亏比3:1 保本胜率"


EX_FEE = "手续费3元/手 或 手续费万分之0.23"


SIDES: tuple[Side, Side] = ("long", "short")


DEFAULT_LOTS = Decimal(1)


ONE = Decimal(1)


ZERO = Decimal(0)


HUNDRED = Decimal(100)


MIN_PER_LOT_FEE = Decimal("0.01")


CRYPTO_QUOTES = ("USDT", "USDC", "BUSD")


CLOSE_WORDS = frozenset(
    {"close_any", "close_long", "close_short", "close_today", "close_yesterday"}
)


QUESTION_WORDS = {
    "breakeven": "保本价",
    "target": "目标价",
    "stop": "止损价",
    "liquidation": "强平价",
    "risk": "风险度",
    "reduce": "要平几手",
    "deposit": "追加多少",
    "pnl": "盈亏",
    "return": "收益率",
}


@cache
def fee_model() -> type[FeeSchedule]:
    """``FeeSchedule``, imported the first time a plan needs it (a cold start loads only the core
    its question uses); an ``import`` inside a per-message function costs ~1 µs on every call."""
    from bot.core.fees import FeeSchedule

    return FeeSchedule


@cache
def trade_request_model() -> type[TradeRequest]:
    """``bot.core.trades.TradeRequest``, imported on first use (as ``fee_model``)."""
    from bot.core.trades import TradeRequest

    return TradeRequest


def ask(message: str, example: str) -> UserFacingError:
    """An ambiguity or a missing value: a question back to the user with the right form."""
    return UserFacingError(message, example=example)


@dataclass(frozen=True, slots=True)
class ContractInfo:
    """The contract the user named, and what the table knows about it."""

    text: str
    contract: Contract | None
    month: str | None

    @property
    def label(self) -> str:
        if self.contract is None:
            return self.text
        month = self.month or ""
        return f"{self.contract.symbol}{month} {self.contract.name_cn}"


class Followups(NamedTuple):
    """Further questions answered under the main figures (computed by the pipeline)."""

    scenarios: ExitScenarioRequest | None = None
    """止损/止盈 typed beside an open position: P&L of closing there, and 盈亏比."""
    leverage_of: Decimal | None = None
    """The margin rate whose leverage was asked (开多2手 rb 3500 保证金10% 杠杆多少)."""


class Plan(NamedTuple):
    """What to compute (a core request) and how to present it.

    A named tuple rather than a frozen dataclass: built for every message, and a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__`` (~4× the cost).
    """

    kind: PlanKind
    request: object
    """The core request (its type is checked against the registry row before computing)."""
    understood: tuple[str, ...]
    """Parts of the 我理解为 line."""
    notes: tuple[str, ...] = ()
    """What the resolver assumed (defaults, contract table values) — shown last."""
    mirror: str | None = None
    """The same question with long and short swapped (the 反向 button)."""
    month: str | None = None
    followups: Followups | None = None
    """Calculations shown under the figures: exit scenarios, the leverage of the margin."""
    asked: str | None = None
    """The question word the trader used (``liquidation``, ``risk``, ``deposit`` …): which
    figure the answer leads with. None: the figure the calculation is for."""
    warnings: tuple[str, ...] = ()
    """Plausibility warnings (a price ten times another, off the tick): the answer is computed
    as typed, and these lines go first."""


@dataclass(slots=True)
class Context:
    """What a plan reads (the spec, the chat defaults, the contract) and the notes it adds."""

    spec: MessageSpec
    defaults: ChatDefaults
    info: ContractInfo | None
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=1024)
def lookup_contract(text: str) -> ContractInfo:
    """What the (immutable) contract table knows about a typed symbol or name; cached."""
    from bot.contract_table import get_contract_table

    match = get_contract_table().find(text)
    if match is None:
        return ContractInfo(text, None, None)
    return ContractInfo(text, match.contract, match.month)


def contract_info(spec: MessageSpec) -> ContractInfo | None:
    if not spec.contracts:
        return None
    infos = [lookup_contract(text) for text in spec.contracts]
    keys = {info.contract.symbol if info.contract else info.text.lower() for info in infos}
    if len(keys) > 1:
        names = "、".join(dict.fromkeys(info.text for info in infos))
        raise ask(f"一条消息里有多个合约（{names}），请一次只算一个", EX_SYMBOL_TRADE)
    return infos[0]


def resolve_multiplier(ctx: Context, example: str = EX_SYMBOL_TRADE) -> Decimal:
    spec, info = ctx.spec, ctx.info
    if spec.multiplier is not None:
        if spec.multiplier <= 0:
            raise UserFacingError(f"乘数必须大于0（收到 {num(spec.multiplier)}）", example=EX_TRADE)
        if info is not None and info.contract is None:
            ctx.notes.append(f"合约表里没有“{info.text}”，按你给的乘数计算")
        if info is not None and info.contract is not None:
            table_value = info.contract.multiplier
            if table_value != spec.multiplier:
                ctx.notes.append(
                    f"按你给的乘数 {num(spec.multiplier)} 计算（合约表 {info.contract.symbol}"
                    f" 为 {num(table_value)}）"
                )
        return spec.multiplier
    if info is not None and info.contract is not None:
        contract = info.contract
        if not contract.verified:
            ctx.notes.append(
                f"{contract.symbol} 的合约数据标记为待核实（{contract.check}），请以交易所为准"
            )
        return contract.multiplier
    if info is not None:
        raise ask(
            f"合约表里没有“{info.text}”，不知道它的乘数：请写出乘数（每点多少元）",
            f"{info.text} 开多2手 3500 平仓 3550 乘数10",
        )
    raise ask(
        "没写合约代码，也没写乘数，不知道每点多少钱：请加上合约（如 rb）或乘数（如 乘数10）",
        f"{EX_SYMBOL_TRADE} 或 {EX_TRADE}",
    )


def contract_part(ctx: Context, multiplier: Decimal) -> str:
    if ctx.info is None:
        return f"乘数 {num(multiplier)}"
    return f"{ctx.info.label}，乘数 {num(multiplier)}"


def parse_rate(value: RateSpec, label: str, example: str) -> Decimal:
    """A rate as a fraction: 10% / 万分之0.23 as typed; a bare 0.1 or 10 read as 10 %."""
    if value.kind == "fraction":
        return value.value
    number = value.value
    if ZERO < number < ONE:
        return number
    if ONE <= number < HUNDRED:
        return number / HUNDRED
    raise ask(f"{label}“{value.text}”看不出是多少，请写成百分比（如 {label}10%）", example)


def margin_amount(spec: MessageSpec) -> Decimal | None:
    """``保证金8万`` / ``保证金35000``: a bare margin of 100 or more is an amount (保证金占用)."""
    margin = spec.margin
    if margin is not None and margin.kind == "bare" and margin.value >= HUNDRED:
        return margin.value
    return None


def rate_text(rate: Decimal) -> str:
    """A fraction as a percentage, ≈ four decimals when it does not end (1/3 → ≈33.3333%)."""
    shown = round(rate * HUNDRED, 4)
    return ("" if shown == rate * HUNDRED else "≈") + num(shown) + "%"


def check_leverage_margin(spec: MessageSpec, example: str) -> Decimal | None:
    """The margin rate typed, checked against a leverage typed beside it (20倍 = 5 %): two
    values that disagree are asked, not one of them dropped. None when no rate was typed."""
    if spec.margin is None or margin_amount(spec) is not None:
        return None
    rate = parse_rate(spec.margin, "保证金", example)
    leverage = spec.leverage
    if leverage is not None and leverage > 0 and rate * leverage != ONE:
        raise ask(
            f"杠杆 {num(leverage)} 倍相当于保证金率 {rate_text(ONE / leverage)}，"
            f"和你写的保证金 {spec.margin.text or pct(rate)} 不一致：以哪个为准？请只写其中一个",
            example,
        )
    return rate


def margin_rate_of(ctx: Context, *, required: bool, example: str) -> Decimal | None:
    spec = ctx.spec
    rate = check_leverage_margin(spec, example)
    if rate is not None:
        return rate
    if required and spec.leverage is not None and spec.leverage >= ONE:
        rate = ONE / spec.leverage
        shown = num(spec.leverage)
        ctx.notes.append(f"保证金率按杠杆 {shown} 倍折算：1 / {shown} = {rate_text(rate)}")
        return rate
    if ctx.defaults.margin_rate is not None:
        ctx.notes.append(f"保证金率按本群默认 {pct(ctx.defaults.margin_rate)}")
        return ctx.defaults.margin_rate
    if required:
        raise ask("需要保证金率才能算，请加上“保证金10%”这样的写法", example)
    return None


def fee_parts(fee: FeeSpec, label: str) -> tuple[Decimal | None, Decimal | None]:
    if fee.bare is not None:
        if fee.bare >= MIN_PER_LOT_FEE or fee.bare == 0:
            return fee.bare, None
        raise ask(
            f"{label}“{fee.text}”是每手多少元，还是按成交额的比例？请写“{label}3元/手”或“{label}万分之0.23”",
            EX_FEE,
        )
    return fee.per_lot, fee.rate


def fee_schedule(ctx: Context) -> FeeSchedule | None:
    spec = ctx.spec
    per_lot = rate = today_per_lot = today_rate = None
    fee, label = spec.fee, "手续费"
    if spec.commission is not None:  # 佣金3元/手: what a futures account calls its fee
        if fee is not None:
            raise ask("手续费和佣金写一个就够了", EX_FEE)
        fee, label = spec.commission, "佣金"
    if fee is not None:
        per_lot, rate = fee_parts(fee, label)
    if spec.fee_today is not None:
        today_per_lot, today_rate = fee_parts(spec.fee_today, "平今手续费")
    if fee is None and spec.fee_today is None:
        defaults = ctx.defaults
        if defaults.fee_per_lot is None and defaults.fee_rate is None:
            return None
        per_lot, rate = defaults.fee_per_lot, defaults.fee_rate
        ctx.notes.append("手续费按本群默认设置")
    return fee_model()(
        per_lot=per_lot, rate=rate, close_today_per_lot=today_per_lot, close_today_rate=today_rate
    )


def fee_text(fees: FeeSchedule | None) -> str:
    if fees is None:
        return ""
    parts = []
    if fees.per_lot is not None:
        parts.append(f"{num(fees.per_lot)}元/手")
    if fees.rate is not None:
        parts.append(f"万分之{num(fees.rate * 10000)}")
    text = "手续费 " + "+".join(parts) if parts else ""
    today = []
    if fees.close_today_per_lot is not None:
        today.append(f"{num(fees.close_today_per_lot)}元/手")
    if fees.close_today_rate is not None:
        today.append(f"万分之{num(fees.close_today_rate * 10000)}")
    if today:
        text = (text + "，" if text else "") + "平今手续费 " + "+".join(today)
    return text


def fee_command(fees: FeeSchedule | None) -> str:
    """The fee part of a command the parser reads back (mirror text)."""
    if fees is None:
        return ""
    parts = []
    if fees.per_lot is not None:
        parts.append(f"手续费{num(fees.per_lot)}元/手")
    elif fees.rate is not None:
        parts.append(f"手续费万分之{num(fees.rate * 10000)}")
    if fees.close_today_per_lot is not None:
        parts.append(f"平今手续费{num(fees.close_today_per_lot)}元/手")
    elif fees.close_today_rate is not None:
        parts.append(f"平今手续费万分之{num(fees.close_today_rate * 10000)}")
    return " ".join(parts)


def symbol_prefix(ctx: Context) -> str:
    return f"{ctx.info.text} " if ctx.info is not None else ""
