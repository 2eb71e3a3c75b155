"""Position P&L vs price: a futures position (``TradeResult``) or a break-even / target / stop
answer (``BreakevenResult``). Net P&L is a straight line in the exit price P:

    net(P) = fixed + slope × P

with slope = side × multiplier × lots (less the closing fee rate) and ``fixed`` holding the entry,
the fees and what was already realised. Both are worked out from the result model's own figures.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from bot.chart.grid import curve, money_text, price_grid, signed_text
from bot.chart.model import Chart, Mark, MarkRole, Panel, Series
from bot.core.breakeven import BreakevenResult, PriceLevel
from bot.core.numbers import ZERO
from bot.core.results import side_sign
from bot.core.trades import SIDE_CN, UNIT_WORDS, QuantityKind, TradeResult

CURRENCY: dict[QuantityKind, str] = {"lots": "元", "coins": "USDT"}
OPENING_LABELS = frozenset({"买开", "卖开"})


class Line(NamedTuple):
    """net(P) = fixed + slope × P, exact."""

    fixed: Decimal
    slope: Decimal

    def at(self, price: Decimal) -> Decimal:
        return self.fixed + self.slope * price

    def zero(self) -> Decimal | None:
        """The price where net P&L is 0 (None for a flat line or a price ≤ 0)."""
        if self.slope == ZERO:
            return None
        price = -self.fixed / self.slope
        return price if price > ZERO else None


def position_title(side_cn: str, lots: Decimal, multiplier: Decimal, kind: QuantityKind) -> str:
    """多头 2手 × 乘数10; coins have no multiplier worth naming: 多头 0.5个."""
    size = f"{side_cn}头 {money_text(lots, 8)}{UNIT_WORDS[kind][0]}"
    return size if kind == "coins" else f"{size} × 乘数{money_text(multiplier, 8)}"


# --- TradeResult ---------------------------------------------------------------------------


def closing_fee_estimate(result: TradeResult) -> Decimal:
    """The fee of closing what is still open, at the opening fee per lot (the result model
    keeps the fees charged, not the schedule): exact for per-lot fees."""
    if not result.fees_counted or result.lots_opened == ZERO:
        return ZERO
    opening = sum((item.amount for item in result.fee_items if item.label in OPENING_LABELS), ZERO)
    open_lots = sum((p.lots for p in result.positions), ZERO)
    return opening / result.lots_opened * open_lots


def trade_line(result: TradeResult) -> Line:
    """Net P&L if every open lot were closed at P: realised net + floating(P) − closing fees."""
    fixed = result.realized_net - closing_fee_estimate(result)
    slope = ZERO
    for pos in result.positions:
        size = side_sign(pos.side) * result.multiplier * pos.lots
        fixed -= size * pos.avg_price
        slope += size
    return Line(fixed, slope)


def trade_chart(result: TradeResult) -> Chart | None:
    """One side open (not locked): its net P&L across the prices that matter."""
    if len(result.positions) != 1:
        return None
    pos = result.positions[0]
    currency = CURRENCY[result.counted_in]
    line = trade_line(result)
    marks = [Mark(pos.avg_price, f"开仓均价 {money_text(pos.avg_price)}", "entry")]
    breakeven = line.zero()
    if breakeven is not None and breakeven != pos.avg_price:
        marks.append(Mark(breakeven, f"保本价 {money_text(breakeven)}", "breakeven"))
    if result.mark_price is not None:
        at_mark = line.at(result.mark_price)
        marks.append(
            Mark(
                result.mark_price,
                f"现价 {money_text(result.mark_price)}（{signed_text(at_mark)} {currency}）",
                "current",
            )
        )
    xs = price_grid(m.x for m in marks)
    fees = "扣手续费" if result.fees_counted else "未计手续费"
    panel = Panel(
        xs=xs,
        series=(Series(f"净盈亏（{fees}）", curve(xs, line.at)),),
        x_label="平仓价格",
        y_label=f"盈亏（{currency}）",
        marks=tuple(marks),
        shade=True,
    )
    title = position_title(SIDE_CN[pos.side], pos.lots, result.multiplier, result.counted_in)
    note = "平仓手续费按开仓手续费估算" if result.fees_counted else "未计手续费"
    if result.realized_net != ZERO and result.lots_closed > ZERO:
        note += f"；含已平仓净盈亏 {signed_text(result.realized_net)} {currency}"
    return Chart("pnl", f"{title}：盈亏 vs 价格", (panel,), note)


# --- BreakevenResult ---------------------------------------------------------------------


def _known_points(result: BreakevenResult) -> dict[Decimal, Decimal]:
    """(price, net P&L) pairs the core solved or evaluated exactly."""
    points: dict[Decimal, Decimal] = {}
    for level in (result.breakeven, result.target, result.stop):
        if level is None:
            continue
        if level.exact is not None:
            points[level.exact] = level.net_pnl
        if level.price is not None and level.net_at_price is not None:
            points[level.price] = level.net_at_price
    return points


def breakeven_line(result: BreakevenResult) -> Line:
    """Through two exact points of the result when it has them (break-even, its tick-rounded
    price, target, stop); else through break-even and the entry, where closing costs the same
    as opening (net = −2 × opening fee); without fees the gross slope is exact."""
    points = _known_points(result)
    if len(points) < 2 and result.open_fee > ZERO:
        points.setdefault(result.entry_price, -2 * result.open_fee)
    if len(points) >= 2:
        (x1, y1), (x2, y2) = sorted(points.items())[0], sorted(points.items())[-1]
        slope = (y2 - y1) / (x2 - x1)
        return Line(y1 - slope * x1, slope)
    slope = side_sign(result.side) * result.multiplier * result.lots
    return Line(-slope * result.entry_price - result.open_fee, slope)


def _level_mark(level: PriceLevel | None, name: str, role: MarkRole, currency: str) -> Mark | None:
    if level is None or level.price is None:
        return None
    net = level.net_at_price if level.net_at_price is not None else level.net_pnl
    label = f"{name} {money_text(level.price, 4)}"
    if role != "breakeven":
        label += f"（{signed_text(net)} {currency}）"
    return Mark(level.price, label, role)


def breakeven_chart(result: BreakevenResult) -> Chart:
    currency = CURRENCY[result.counted_in]
    line = breakeven_line(result)
    marks = [Mark(result.entry_price, f"开仓价 {money_text(result.entry_price)}", "entry")]
    levels: tuple[tuple[PriceLevel | None, str, MarkRole], ...] = (
        (result.breakeven, "保本价", "breakeven"),
        (result.target, "目标价", "target"),
        (result.stop, "止损价", "stop"),
    )
    for level, name, role in levels:
        mark = _level_mark(level, name, role, currency)
        if mark is not None:
            marks.append(mark)
    xs = price_grid(m.x for m in marks)
    fees = "扣往返手续费" if result.round_trip_fee > ZERO else "未计手续费"
    panel = Panel(
        xs=xs,
        series=(Series(f"净盈亏（{fees}）", curve(xs, line.at)),),
        x_label="平仓价格",
        y_label=f"盈亏（{currency}）",
        marks=tuple(marks),
        shade=True,
    )
    title = position_title(SIDE_CN[result.side], result.lots, result.multiplier, result.counted_in)
    note = f"往返手续费 {money_text(result.round_trip_fee)} {currency}（保本价处）"
    return Chart("pnl", f"{title}：盈亏 vs 价格", (panel,), note)
