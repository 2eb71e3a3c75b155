"""Reward/risk: expectancy per trade vs win rate for the given ratio, with the break-even win
rate (``WinRateResult``, ``SystemRatioResult``, ``ExpectancyResult``).

Expectancy(w) = w × reward − (1 − w) × risk: in units of the stop for a ratio, in 元 for an
average win / average loss. It is 0 at w = risk / (reward + risk).
"""

from __future__ import annotations

from decimal import Decimal

from bot.chart.grid import curve, money_text, pct_text, signed_text, unit_grid
from bot.chart.model import Chart, Mark, Panel, Point, Series
from bot.core.numbers import ONE
from bot.core.sizing import ExpectancyResult, SystemRatioResult, WinRateResult

RatioResult = WinRateResult | SystemRatioResult | ExpectancyResult


def expectancy_at(reward: Decimal, risk: Decimal, win_rate: Decimal) -> Decimal:
    return win_rate * reward - (ONE - win_rate) * risk


def _terms(result: RatioResult) -> tuple[Decimal, Decimal, str, str]:
    """(reward, risk, y label, title) of the result."""
    if isinstance(result, ExpectancyResult):
        return (
            result.avg_win,
            result.avg_loss,
            "每笔期望",
            f"平均盈利 {money_text(result.avg_win)} / 平均亏损 {money_text(result.avg_loss)}",
        )
    ratio = f"{money_text(result.reward, 4)}:{money_text(result.risk, 4)}"
    return result.reward, result.risk, "每笔期望（以止损为单位）", f"盈亏比 {ratio}"


def ratio_chart(result: RatioResult) -> Chart:
    reward, risk, y_label, title = _terms(result)
    breakeven = (
        result.breakeven_win_rate if isinstance(result, WinRateResult) else risk / (reward + risk)
    )
    marks = [Mark(breakeven, f"保本胜率 {pct_text(breakeven)}", "breakeven")]
    points: list[Point] = []
    if not isinstance(result, WinRateResult):
        value = result.expectancy if isinstance(result, ExpectancyResult) else result.expectancy_r
        marks.append(Mark(result.win_rate, f"胜率 {pct_text(result.win_rate)}", "current"))
        points.append(Point(result.win_rate, value, f"期望 {signed_text(value, 4)}"))
    xs = unit_grid(m.x for m in marks)
    panel = Panel(
        xs=xs,
        series=(Series("每笔期望", curve(xs, lambda w: expectancy_at(reward, risk, w))),),
        x_label="胜率",
        y_label=y_label,
        marks=tuple(marks),
        points=tuple(points),
        shade=True,
        x_percent=True,
    )
    return Chart("ratio", f"{title}：期望 vs 胜率", (panel,), "不计手续费和滑点")
