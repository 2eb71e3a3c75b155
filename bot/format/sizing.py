"""Format sizing and rule-of-thumb results (bot.core.sizing) as compact Chinese blocks."""

from __future__ import annotations

from bot.core.leverage import LeverageResult
from bot.core.margin_cap import MarginCapResult
from bot.core.sizing import ExpectancyResult, PositionSizeResult, SystemRatioResult, WinRateResult
from bot.core.trades import UNIT_WORDS
from bot.format.numbers import (
    CURRENCY,
    fmt_lots,
    fmt_money,
    fmt_pct,
    fmt_price,
    note_block,
    table_block,
)
from bot.reply import Block


def format_position_size_result(result: PositionSizeResult) -> tuple[Block, ...]:
    """Lots first, then budget, risk per lot and money at risk."""
    unit, quantity = UNIT_WORDS[result.counted_in]  # 手 / 手数, or 个 / 数量 for coins
    money = CURRENCY[result.counted_in]
    rows = [
        (f"可开{quantity}", f"{fmt_lots(result.lots)} {unit}"),
        (f"风险预算 {fmt_pct(result.risk_fraction)}", f"{fmt_money(result.budget)}{money}"),
        (f"每{unit}风险", f"{fmt_money(result.risk_per_lot)}{money}"),
        ("最大亏损", f"{fmt_money(result.money_at_risk)}{money}"),
    ]
    if result.lots_by_margin is not None and result.risk_ratio is not None:
        rows.append(("保证金上限", f"{fmt_lots(result.lots_by_margin)} {unit}"))
        rows.append(("开仓后风险度", fmt_pct(result.risk_ratio)))
    return (table_block(rows), note_block((*result.formula[1:3], *result.assumptions)))


def format_win_rate_result(result: WinRateResult) -> tuple[Block, ...]:
    """Break-even win rate of a reward:risk ratio."""
    ratio = f"{fmt_price(result.reward)}:{fmt_price(result.risk)}"
    rows = [("盈亏比", ratio), ("保本胜率", fmt_pct(result.breakeven_win_rate))]
    return (table_block(rows), note_block((*result.formula[:1], *result.steps)))


def format_system_ratio_result(result: SystemRatioResult) -> tuple[Block, ...]:
    """The system reward/risk ratio and the expectancy per trade in units of risk."""
    rows = [
        ("胜率", fmt_pct(result.win_rate)),
        ("盈亏比", f"{fmt_price(result.reward)}:{fmt_price(result.risk)}"),
        ("系统风报比", f"{fmt_price(result.ratio, 2)}:1"),
        ("每笔期望", f"{fmt_price(result.expectancy_r, 4)} 倍止损"),
    ]
    return (table_block(rows), note_block((*result.steps[:1], *result.assumptions)))


def format_expectancy_result(result: ExpectancyResult) -> tuple[Block, ...]:
    """Expected P&L per trade."""
    rows = [
        ("胜率", fmt_pct(result.win_rate)),
        ("每笔期望", f"{fmt_money(result.expectancy)} 元"),
        ("折合", f"{fmt_price(result.expectancy_r, 4)} 倍平均亏损"),
    ]
    return (table_block(rows), note_block((*result.steps, *result.assumptions)))


def format_margin_cap_result(result: MarginCapResult) -> tuple[Block, ...]:
    """Lots within the risk-degree cap first (what a trader should read), then all-in."""
    cap = fmt_pct(result.max_risk_ratio)
    rows = [
        (f"风险度 {cap} 以内", f"{fmt_lots(result.lots_within_cap)} 手"),
        ("保证金占用", f"{fmt_money(result.margin_within_cap)} 元"),
        ("满仓上限", f"{fmt_lots(result.lots_all_in)} 手"),
        ("每手保证金", f"{fmt_money(result.margin_per_lot)} 元"),
    ]
    return (table_block(rows), note_block((*result.steps, *result.assumptions)))


def format_leverage_result(result: LeverageResult) -> tuple[Block, ...]:
    rows = [
        ("保证金率", fmt_pct(result.margin_rate)),
        ("杠杆", f"{fmt_price(result.leverage, 2)} 倍"),
        ("价格变动 1%", f"保证金盈亏 {fmt_pct(result.move_on_margin)}"),
    ]
    return (table_block(rows), note_block((*result.steps, *result.assumptions)))
