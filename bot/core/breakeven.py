"""Break-even, target and stop prices of one position, round-trip fees included.

Net P&L at exit price P (long; a short flips the price difference):
    (P − 开仓价) × 乘数 × 手数 − 开仓手续费 − 平仓手续费(P)
with 平仓手续费(P) = 每手 × 手数 + 费率 × P × 乘数 × 手数. Setting it equal to a wanted net amount
N (0 for break-even, the target profit, or −最大亏损 for the stop) and solving for P gives the
exact price; on a price grid it is rounded to the tick in the SAFE direction: up for a long
(the rounded price earns at least N), down for a short.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from pydantic import model_validator

from bot.core.fees import FeeSchedule, fmt_rate
from bot.core.numbers import ONE, ZERO, plain
from bot.core.results import CalcResult, CoreModel, Side
from bot.core.trades import NO_FEES_HINT, SIDE_CN, UNIT_WORDS, Leg, QuantityKind, check_positive
from bot.errors import DomainError

BREAKEVEN_EXAMPLE = "开多2手 rb 3500 手续费3元/手 保本价"


class BreakevenRequest(CoreModel):
    side: Side
    lots: Decimal
    entry_price: Decimal
    multiplier: Decimal
    fees: FeeSchedule | None = None
    tick: Decimal | None = None
    target_profit: Decimal | None = None
    """Wanted NET profit in 元 (after both fees)."""
    max_loss: Decimal | None = None
    """Largest acceptable NET loss in 元, a positive amount (fees included)."""
    close_today: bool = False
    """Exit the same day (平今 fees, when the schedule has them)."""
    counted_in: QuantityKind = "lots"
    """``coins``: a crypto position counted in coins and settled in USDT (the words only)."""

    @model_validator(mode="after")
    def _check(self) -> BreakevenRequest:
        check_positive(self.lots, "手数", BREAKEVEN_EXAMPLE)
        if self.counted_in == "lots" and self.lots != self.lots.to_integral_value():
            raise DomainError(
                f"期货手数必须是整数（收到 {plain(self.lots)}手）", example=BREAKEVEN_EXAMPLE
            )
        check_positive(self.entry_price, "开仓价", BREAKEVEN_EXAMPLE)
        check_positive(self.multiplier, "合约乘数", BREAKEVEN_EXAMPLE)
        if self.tick is not None:
            check_positive(self.tick, "最小变动价位", BREAKEVEN_EXAMPLE)
        if self.target_profit is not None:
            check_positive(self.target_profit, "目标盈利", "开多2手 rb 3500 目标盈利2000")
        if self.max_loss is not None:
            check_positive(self.max_loss, "最大亏损", "开多2手 rb 3500 最多亏1000")
        return self


class PriceLevel(CoreModel):
    """A computed exit price: exact, and on the tick grid (safe direction)."""

    net_pnl: Decimal
    """The net P&L the level is solved for (0, target, −max loss)."""
    exact: Decimal | None
    """None when no positive price gives that result (e.g. a stop below zero)."""
    price: Decimal | None
    """``exact`` rounded to the tick in the safe direction (``exact`` when no tick)."""
    move: Decimal | None
    """price − entry (negative for a price below the entry)."""
    ticks: Decimal | None
    """|move| / tick when a tick is known."""
    net_at_price: Decimal | None
    """Net P&L actually obtained at ``price`` (≥ wanted, thanks to the safe rounding)."""


class BreakevenResult(CalcResult):
    side: Side
    lots: Decimal
    entry_price: Decimal
    multiplier: Decimal
    tick: Decimal | None
    open_fee: Decimal
    breakeven: PriceLevel
    target: PriceLevel | None = None
    stop: PriceLevel | None = None
    round_trip_fee: Decimal
    """Open + close fee at the break-even price."""
    counted_in: QuantityKind = "lots"


def compute_breakeven(req: BreakevenRequest) -> BreakevenResult:
    """Break-even price incl. round-trip fees; target price for a net profit; stop price."""
    fees = req.fees or FeeSchedule()
    open_fee = fees.fee(req.lots, req.entry_price, req.multiplier)
    breakeven = _level(req, fees, open_fee, ZERO)
    target = None if req.target_profit is None else _level(req, fees, open_fee, req.target_profit)
    stop = None if req.max_loss is None else _level(req, fees, open_fee, -req.max_loss)
    be_price = breakeven.exact if breakeven.exact is not None else req.entry_price
    close_fee = fees.fee(req.lots, be_price, req.multiplier, close_today=req.close_today)
    result = BreakevenResult(
        side=req.side,
        lots=req.lots,
        entry_price=req.entry_price,
        multiplier=req.multiplier,
        tick=req.tick,
        open_fee=open_fee,
        breakeven=breakeven,
        target=target,
        stop=stop,
        round_trip_fee=open_fee + close_fee,
        counted_in=req.counted_in,
    )
    formula, steps, assumptions = _explain(req, fees, result)
    return result.model_copy(
        update={"formula": formula, "steps": steps, "assumptions": assumptions}
    )


def net_pnl_at(req: BreakevenRequest, price: Decimal) -> Decimal:
    """Net P&L of closing the whole position at ``price``, both fees deducted."""
    fees = req.fees or FeeSchedule()
    sign = 1 if req.side == "long" else -1
    gross = sign * (price - req.entry_price) * req.multiplier * req.lots
    open_fee = fees.fee(req.lots, req.entry_price, req.multiplier)
    close_fee = fees.fee(req.lots, price, req.multiplier, close_today=req.close_today)
    return gross - open_fee - close_fee


def _close_parts(req: BreakevenRequest, fees: FeeSchedule) -> tuple[Decimal, Decimal]:
    """(per-lot part, rate) of the closing fee."""
    if req.close_today and fees.has_close_today:
        return fees.close_today_per_lot or ZERO, fees.close_today_rate or ZERO
    return fees.per_lot or ZERO, fees.rate or ZERO


def _level(
    req: BreakevenRequest, fees: FeeSchedule, open_fee: Decimal, wanted: Decimal
) -> PriceLevel:
    """Solve net P&L(P) = wanted for P, then round to the tick in the safe direction."""
    close_per_lot, close_rate = _close_parts(req, fees)
    size = req.multiplier * req.lots
    fixed = open_fee + close_per_lot * req.lots
    if req.side == "long":
        exact = (req.entry_price * size + fixed + wanted) / (size * (ONE - close_rate))
    else:
        exact = (req.entry_price * size - fixed - wanted) / (size * (ONE + close_rate))
    if exact <= 0:
        return PriceLevel(
            net_pnl=wanted, exact=None, price=None, move=None, ticks=None, net_at_price=None
        )
    price = exact
    if req.tick is not None:
        rounding = ROUND_CEILING if req.side == "long" else ROUND_FLOOR
        price = (exact / req.tick).to_integral_value(rounding=rounding) * req.tick
        if price <= 0:  # a short target below one tick: not reachable on the price grid
            return PriceLevel(
                net_pnl=wanted, exact=exact, price=None, move=None, ticks=None, net_at_price=None
            )
    move = price - req.entry_price
    ticks = abs(move) / req.tick if req.tick is not None else None
    return PriceLevel(
        net_pnl=wanted,
        exact=exact,
        price=price,
        move=move,
        ticks=ticks,
        net_at_price=net_pnl_at(req, price),
    )


def _explain(
    req: BreakevenRequest, fees: FeeSchedule, res: BreakevenResult
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    close_per_lot, close_rate = _close_parts(req, fees)
    size = req.multiplier * req.lots
    unit, qty = UNIT_WORDS[req.counted_in]
    if req.side == "long":
        formula = [
            f"多头：净盈亏 = (平仓价 − 开仓价)×乘数×{qty} − 开仓费 − 平仓费",
            f"目标价 = (开仓价×乘数×{qty} + 开仓费 + 每{unit}平仓费×{qty} + 目标净盈亏)"
            f" ÷ (乘数×{qty}×(1 − 平仓费率))",
        ]
    else:
        formula = [
            f"空头：净盈亏 = (开仓价 − 平仓价)×乘数×{qty} − 开仓费 − 平仓费",
            f"目标价 = (开仓价×乘数×{qty} − 开仓费 − 每{unit}平仓费×{qty} − 目标净盈亏)"
            f" ÷ (乘数×{qty}×(1 + 平仓费率))",
        ]
    formula.append("保本价：目标净盈亏 = 0；止损价：目标净盈亏 = −最大亏损")
    op = "+" if req.side == "long" else "−"
    rate_op = "−" if req.side == "long" else "+"
    denom = plain(size)
    if close_rate:
        denom = f"[{plain(size)} × (1 {rate_op} {fmt_rate(close_rate)})]"
    fixed = f"{plain(res.open_fee, 4)} {op} {plain(close_per_lot * req.lots, 4)}"
    opening = Leg(action="open", side=req.side, lots=req.lots, price=req.entry_price)
    steps = [f"开仓手续费：{fees.leg_working(opening, req.multiplier)}"]
    for name, level in (("保本价", res.breakeven), ("目标价", res.target), ("止损价", res.stop)):
        if level is None:
            continue
        if level.exact is None:
            steps.append(f"{name}：需要的价格不大于0，达不到（净盈亏 {plain(level.net_pnl, 2)}）")
            continue
        wanted = ""
        if level.net_pnl:
            positive = (level.net_pnl > 0) == (req.side == "long")
            wanted = f" {'+' if positive else '−'} {plain(abs(level.net_pnl), 2)}"
        steps.append(
            f"{name}：({plain(req.entry_price)} × {plain(size)} {op} {fixed}{wanted})"
            f" ÷ {denom} = {plain(level.exact, 4)}"
        )
        if level.price is None:
            steps.append(f"{name}：取整后价格不大于0，达不到")
        elif req.tick is not None:
            direction = "向上" if req.side == "long" else "向下"
            steps.append(
                f"{name}按最小变动价位{plain(req.tick)}{direction}取整：{plain(level.price)}"
                f"（净盈亏 {plain(level.net_at_price or ZERO, 2)}）"
            )
    assumptions = [
        f"{SIDE_CN[req.side]}头{plain(req.lots)}{unit}，开仓价{plain(req.entry_price)}，"
        f"乘数{plain(req.multiplier)}",
        fees.describe() if req.fees is not None else NO_FEES_HINT[req.counted_in],
    ]
    if req.tick is not None:
        assumptions.append(
            "价格按最小变动价位取整到安全一侧：多头向上、空头向下（保证至少达到目标）"
        )
    else:
        assumptions.append("未给最小变动价位，显示精确价格")
    if req.close_today and fees.has_close_today:
        assumptions.append("按当日平仓（平今）手续费计算")
    return tuple(formula), tuple(steps), tuple(assumptions)
