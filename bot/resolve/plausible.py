"""Plausibility warnings: numbers that are allowed but look mistyped. The answer is still
computed as typed; one warning line goes before it (``Plan.warnings``).

- a price ten times another price in the same message (3500 … 35000: a 0 too many or too few);
- a price that is not a multiple of the contract's tick (rb 3500.3: rb moves in steps of 1).

The contract table (knowledge/contracts.toml) holds multipliers and ticks but no usual price
range, so a price far from the market cannot be checked here.
"""

from __future__ import annotations

from decimal import Decimal

from bot.core.numbers import num
from bot.parse.spec import MessageSpec
from bot.resolve.context import lookup_contract

TEN = Decimal(10)
PRICE_FIELDS = (
    "entry_price",
    "exit_price",
    "mark_price",
    "prev_settle",
    "settle",
    "stop_price",
    "target_price",
    "now_price",
)
"""The spec's fields that hold prices of the contract (not premiums, amounts or moves)."""
PRICED_KINDS = frozenset(
    {"trades", "settlement", "breakeven", "risk", "maintenance", "perp", "size", "margin_cap"}
    | {"contract_value", "price_move", "liq_move"}
)
"""Plan kinds whose prices are all prices of one contract (an option's premium and its
underlying's price differ by design, so options are left out; so are stocks)."""


def typed_prices(spec: MessageSpec) -> list[Decimal]:
    """Every price the message typed, in order, without repeats."""
    prices = [leg.price for leg in spec.legs if leg.price is not None]
    prices += spec.loose_prices
    for name in PRICE_FIELDS:
        value = getattr(spec, name)
        if value is not None:
            prices.append(value)
    return list(dict.fromkeys(price for price in prices if price > 0))


def price_warnings(kind: str, spec: MessageSpec) -> tuple[str, ...]:
    """The warning lines for ``spec`` answered as a ``kind`` plan (usually none)."""
    if kind not in PRICED_KINDS:
        return ()
    prices = typed_prices(spec)
    if not prices:
        return ()
    warnings: list[str] = []
    low, high = min(prices), max(prices)
    if high >= low * TEN:
        warnings.append(
            f"注意：价格 {num(low)} 和 {num(high)} 相差十倍以上，是不是多打或少打了一个 0？"
            "（下面按所写计算）"
        )
    off_tick = _off_tick(spec, prices)
    if off_tick:
        warnings.append(off_tick)
    return tuple(warnings)


def _off_tick(spec: MessageSpec, prices: list[Decimal]) -> str:
    if not spec.contracts:
        return ""
    contract = lookup_contract(spec.contracts[0]).contract
    if contract is None:
        return ""
    tick = spec.tick if spec.tick is not None and spec.tick > 0 else contract.tick
    off = [price for price in prices if price % tick != 0]
    if not off:
        return ""
    listed = "、".join(num(price) for price in off)
    return (
        f"注意：价格 {listed} 不是 {contract.symbol} 最小变动价位 {num(tick)} 的整数倍，"
        "请核对（下面按所写计算）"
    )
