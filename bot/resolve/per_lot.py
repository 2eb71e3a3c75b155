"""``每手保证金2750``: the margin of one lot, as a broker's app shows it.

With the account's equity (a risk question) it becomes the margin in use, per-lot margin ×
lots held; without, the margin rate of the open price (per-lot margin / (price × multiplier)),
so a margin question answers per-lot margin × lots exactly. A margin in use typed beside it
must agree.
"""

from __future__ import annotations

from decimal import Decimal

from bot.core.numbers import amount, num
from bot.parse.spec import MessageSpec, RateSpec
from bot.resolve.context import CLOSE_WORDS, ZERO, ask, lookup_contract, rate_text

EX_PER_LOT = "rb 多2手 3500 每手保证金3500 权益10万 风险度"


def held_lots(spec: MessageSpec) -> Decimal:
    """Lots still held after the legs (1 when none typed); a leg without lots counts 1."""
    if not spec.legs:
        return spec.loose_lots if spec.loose_lots is not None else Decimal(1)
    held = ZERO
    for leg in spec.legs:
        lots = leg.lots if leg.lots is not None else Decimal(1)
        held += -lots if leg.word in CLOSE_WORDS else lots
    return held


def apply_margin_per_lot(spec: MessageSpec, notes: list[str]) -> MessageSpec:
    per_lot = spec.margin_per_lot
    if per_lot is None:
        return spec
    if per_lot <= 0:
        raise ask(f"每手保证金必须大于0（收到 {num(per_lot)}）", EX_PER_LOT)
    if spec.margin is not None:
        raise ask("每手保证金和保证金率写一个就够了：以哪个为准？", EX_PER_LOT)
    lots = held_lots(spec)
    if lots <= 0:
        raise ask("平仓之后没有持仓，用不上每手保证金", EX_PER_LOT)
    used = per_lot * lots
    if spec.margin_used is not None and spec.margin_used != used:
        raise ask(
            f"每手保证金 {amount(per_lot)} × {num(lots)} 手 = {amount(used)}，"
            f"和你写的保证金占用 {amount(spec.margin_used)} 不一致：以哪个为准？",
            EX_PER_LOT,
        )
    if spec.equity is None:
        rate = _rate_of(spec, per_lot)
        if rate is not None:
            notes.append(f"保证金率 = 每手保证金 / (开仓价 × 乘数) = {rate.text}")
            return spec.updated(margin=rate, margin_per_lot=None)
    notes.append(
        f"保证金占用 = 每手保证金 × 手数 = {amount(per_lot)} × {num(lots)} = {amount(used)}"
    )
    return spec.updated(margin_used=used, margin_per_lot=None)


def _rate_of(spec: MessageSpec, per_lot: Decimal) -> RateSpec | None:
    """Per-lot margin / (open price × multiplier), when one open price and the size are known."""
    prices = {
        leg.price for leg in spec.legs if leg.price is not None and leg.word not in CLOSE_WORDS
    }
    multiplier = spec.multiplier
    if multiplier is None and spec.contracts:
        contract = lookup_contract(spec.contracts[0]).contract
        multiplier = contract.multiplier if contract is not None else None
    if len(prices) != 1 or multiplier is None:
        return None
    price = prices.pop()
    rate = per_lot / (price * multiplier)
    text = f"{amount(per_lot)} / ({num(price)} × {num(multiplier)}) = {rate_text(rate)}"
    return RateSpec(value=rate, kind="fraction", text=text)
