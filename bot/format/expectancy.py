"""Format an ``ExpectancyReport``: 期望值 per trade first, then the break-even win rate."""

from __future__ import annotations

from bot.core.expectancy import ExpectancyReport
from bot.format.numbers import (
    fmt_pct,
    fmt_price,
    note_block,
    table_block,
)
from bot.format.width import fmt_table_money
from bot.reply import Block


def format_expectancy_report(result: ExpectancyReport) -> tuple[Block, ...]:
    """``期望值 +300.00 元/笔``, a warning when it is negative, then the figures."""
    unit = result.currency
    blocks = [Block(lines=(f"期望值 {fmt_table_money(result.expectancy, signed=True)} {unit}/笔",))]
    if result.expectancy < 0:
        blocks.append(Block(lines=("注意：期望值为负，长期交易会亏钱",)))
    rows = [
        ("胜率", fmt_pct(result.win_rate)),
        ("平均盈利", f"{fmt_table_money(result.avg_win)} {unit}"),
        ("平均亏损", f"{fmt_table_money(result.avg_loss)} {unit}"),
        ("盈亏比", f"{fmt_price(result.reward_risk, 2)}:1"),
        ("保本胜率", fmt_pct(result.breakeven_win_rate)),
        ("折合", f"{fmt_price(result.expectancy_r, 4)} 倍平均亏损"),
    ]
    blocks.append(table_block(rows))
    blocks.append(note_block((*result.formula, *result.steps, *result.assumptions)))
    return tuple(blocks)
