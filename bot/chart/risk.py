"""风险度 vs price for an account with one position (``AccountRiskResult``).

With k = lots × multiplier, at price P: margin = k × rate × P and equity = equity now +
side × k × (P − latest), so 风险度(P) = k × rate × P / (equity now + side × k × (P − latest)).
The warning and forced lines are bands; the prices where the curve crosses them are the
result's own line prices.
"""

from __future__ import annotations

from decimal import Decimal

from bot.chart.grid import curve, money_text, pct_text, price_grid
from bot.chart.model import Band, BandRole, Chart, Mark, Panel, Point, Series
from bot.chart.pnl import position_title
from bot.core.numbers import ZERO
from bot.core.results import side_sign
from bot.core.risk import AccountRiskResult, PositionMargin
from bot.core.trades import SIDE_CN

HEADROOM = Decimal("1.3")
"""The y axis reaches 130 % of the forced line (or of the current 风险度, if higher)."""


def risk_at(result: AccountRiskResult, pos: PositionMargin, price: Decimal) -> Decimal | None:
    """风险度 at ``price``; None where equity is gone (≤ 0: 穿仓)."""
    size = pos.lots * pos.multiplier
    equity = result.equity + side_sign(pos.side) * size * (price - pos.price)
    if equity <= ZERO:
        return None
    return size * pos.margin_rate * price / equity


def _bands(result: AccountRiskResult, top: Decimal) -> tuple[Band, ...]:
    warnings = sorted(line.ratio for line in result.lines if line.kind == "warning")
    forced = next(line.ratio for line in result.lines if line.kind == "forced")
    bands: list[Band] = []
    for index, low in enumerate(warnings):
        high = warnings[index + 1] if index + 1 < len(warnings) else forced
        role: BandRole = "warning" if index == 0 else "danger"
        bands.append(Band(low, high, f"预警 {pct_text(low)}–{pct_text(high)}", role))
    bands.append(Band(forced, top, f"强平线 {pct_text(forced)} 以上", "forced"))
    return tuple(bands)


def risk_chart(result: AccountRiskResult) -> Chart | None:
    """Only for one position: with several, no single price moves the account."""
    if len(result.positions) != 1:
        return None
    pos = result.positions[0]
    marks = [
        Mark(pos.price, f"现价 {money_text(pos.price)}（{pct_text(result.risk_ratio)}）", "current")
    ]
    points: list[Point] = []
    for line in result.lines:
        if line.price is None:
            continue
        name = "强平价" if line.kind == "forced" else f"预警 {pct_text(line.ratio)}"
        marks.append(Mark(line.price, f"{name} {money_text(line.price)}", line.kind))
        points.append(Point(line.price, line.ratio, money_text(line.price)))
    xs = price_grid(m.x for m in marks)
    forced = max(line.ratio for line in result.lines)
    top = max(forced, result.risk_ratio) * HEADROOM
    panel = Panel(
        xs=xs,
        series=(
            Series("风险度 = 保证金占用 / 客户权益", curve(xs, lambda p: risk_at(result, pos, p))),
        ),
        x_label="价格",
        y_label="风险度",
        y_unit="percent",
        marks=tuple(marks),
        bands=_bands(result, top),
        points=tuple(points),
        y_limits=(ZERO, top),
    )
    title = position_title(SIDE_CN[pos.side], pos.lots, pos.multiplier, "lots")
    note = (
        f"客户权益 {money_text(result.equity)} 元，保证金率 {pct_text(pos.margin_rate)}；"
        "只有这一个持仓，权益随其盈亏变动"
    )
    return Chart("risk", f"{title}：风险度 vs 价格", (panel,), note)
