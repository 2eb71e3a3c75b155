"""USDT perpetual: P&L and margin ratio vs price, with the liquidation price (``PerpResult``).

P&L(P) = side × (P − entry) × quantity, less the fees and funding when the answer has them
(the fee rate is the result's opening fee ÷ notional). Margin ratio = maintenance margin ÷
margin balance, margin balance = wallet + P&L(P). The exchanges define liquidation as the
ratio reaching 100 %: maintenance margin is taken linear in P (its rate μ) and fixed by the
result's two figures, maintenance at the entry and ratio 100 % at the liquidation price — μ is
the maintenance rate itself for Binance's isolated formula and 0 for Bybit's.
"""

from __future__ import annotations

from decimal import Decimal

from bot.chart.grid import curve, money_text, price_grid, signed_text
from bot.chart.model import Band, Chart, Mark, Panel, Series
from bot.core.crypto import PerpResult
from bot.core.numbers import ONE, ZERO
from bot.core.results import side_sign
from bot.core.trades import SIDE_CN

SPREAD_WITHOUT_LIQUIDATION = Decimal("0.5")
"""No liquidation price (no leverage): show ±50 % around the entry."""
RATIO_TOP = Decimal("1.5")


def fee_rate(result: PerpResult) -> Decimal:
    return result.open_fee / result.notional if result.open_fee is not None else ZERO


def net_pnl_at(result: PerpResult, price: Decimal) -> Decimal:
    """P&L at ``price`` less the opening and closing fees and the funding paid (if known)."""
    gross = side_sign(result.side) * (price - result.entry_price) * result.quantity
    fees = (result.open_fee or ZERO) + result.quantity * price * fee_rate(result)
    return gross - fees - (result.funding_fee or ZERO)


def maintenance_rate(result: PerpResult) -> Decimal:
    """μ with maintenance(P) = maintenance at entry + μ × quantity × (P − entry), so that the
    margin ratio is exactly 100 % at the liquidation price."""
    liq = result.liquidation_price
    if liq is None or liq == result.entry_price:
        return ZERO
    move = (liq - result.entry_price) * result.quantity
    balance = result.wallet_balance + side_sign(result.side) * move
    return (balance - result.maintenance_margin) / move


def margin_ratio_at(result: PerpResult, price: Decimal, mu: Decimal) -> Decimal | None:
    """Maintenance margin ÷ margin balance at ``price``; None once the balance is gone."""
    move = (price - result.entry_price) * result.quantity
    balance = result.wallet_balance + side_sign(result.side) * move
    if balance <= ZERO:
        return None
    return (result.maintenance_margin + mu * move) / balance


def breakeven_price(result: PerpResult) -> Decimal | None:
    """Where the net P&L is 0 (only when fees or funding make it differ from the entry)."""
    costs = (result.open_fee or ZERO) + (result.funding_fee or ZERO)
    rate = fee_rate(result)
    if costs == ZERO and rate == ZERO:
        return None
    sign = side_sign(result.side)
    q = result.quantity
    return (costs + sign * result.entry_price * q) / (q * (sign - rate))


def _marks(result: PerpResult) -> list[Mark]:
    marks = [Mark(result.entry_price, f"开仓价 {money_text(result.entry_price)}", "entry")]
    if result.liquidation_price is not None:
        marks.append(
            Mark(
                result.liquidation_price,
                f"强平价 {money_text(result.liquidation_price)}",
                "liquidation",
            )
        )
    breakeven = breakeven_price(result)
    if breakeven is not None:
        marks.append(Mark(breakeven, f"保本价 {money_text(breakeven)}", "breakeven"))
    if result.pnl_price is not None:
        net = net_pnl_at(result, result.pnl_price)
        marks.append(
            Mark(
                result.pnl_price,
                f"平仓/标记价 {money_text(result.pnl_price)}（{signed_text(net)} USDT）",
                "current",
            )
        )
    return marks


def perp_chart(result: PerpResult) -> Chart:
    marks = _marks(result)
    prices = [m.x for m in marks]
    if result.liquidation_price is None:
        prices.append(result.entry_price * (ONE + SPREAD_WITHOUT_LIQUIDATION))
        prices.append(result.entry_price * (ONE - SPREAD_WITHOUT_LIQUIDATION))
    xs = price_grid(prices)
    costs = result.open_fee is not None or result.funding_fee is not None
    pnl = Panel(
        xs=xs,
        series=(
            Series(
                "净盈亏（扣手续费/资金费）" if costs else "盈亏（未计手续费）",
                curve(xs, lambda p: net_pnl_at(result, p)),
            ),
        ),
        x_label="价格",
        y_label="盈亏（USDT）",
        marks=tuple(marks),
        shade=True,
    )
    mu = maintenance_rate(result)
    ratio = Panel(
        xs=xs,
        series=(
            Series(
                "保证金率 = 维持保证金 / 保证金余额",
                curve(xs, lambda p: margin_ratio_at(result, p, mu)),
            ),
        ),
        x_label="价格",
        y_label="保证金率",
        y_unit="percent",
        marks=tuple(m for m in marks if m.role in ("entry", "liquidation")),
        bands=(Band(ONE, RATIO_TOP, "≥100% 强平", "forced"),),
        y_limits=(ZERO, RATIO_TOP),
    )
    mode = "逐仓" if result.mode == "isolated" else "全仓"
    leverage = f" {money_text(result.leverage)}倍" if result.leverage is not None else ""
    size = f"{money_text(result.quantity, 8)}个 @{money_text(result.entry_price)}"
    title = f"{SIDE_CN[result.side]}头 {size}{leverage} {mode}"
    note = (
        f"{result.formula_name}；保证金 {money_text(result.wallet_balance)} USDT，"
        f"维持保证金 {money_text(result.maintenance_margin)} USDT（开仓价处）"
    )
    return Chart("perp", f"{title}：盈亏与保证金率 vs 价格", (pnl, ratio), note)
