"""Format an ``ExitPlanResult``: the reward/risk (or the P&L at the one exit) first."""

from __future__ import annotations

from bot.core.exits import ExitPlanResult
from bot.core.numbers import ZERO
from bot.format.numbers import (
    CURRENCY,
    fmt_pct,
    fmt_price,
    fmt_signed_money,
    note_block,
    table_block,
)
from bot.format.width import fmt_table_money
from bot.reply import Block


def format_exit_plan_result(result: ExitPlanResult) -> tuple[Block, ...]:
    """``盈亏比 2:1`` (or ``止损亏损 -1,000.00 元``), then the P&L at each exit."""
    money = CURRENCY[result.counted_in]
    if result.reward_risk is not None:
        first = f"盈亏比 {fmt_price(result.reward_risk, 2)}:1"
    elif result.loss_at_stop is not None:
        first = f"止损亏损 {fmt_table_money(result.loss_at_stop, signed=True)}{money}"
    else:
        first = f"止盈盈利 {fmt_signed_money(result.gain_at_target or ZERO)}{money}"
    rows: list[tuple[str, str]] = []
    if result.stop_price is not None and result.loss_at_stop is not None:
        rows.append(
            (
                f"止损 {fmt_price(result.stop_price)}",
                fmt_table_money(result.loss_at_stop, signed=True) + money,
            )
        )
    if result.take_profit is not None and result.gain_at_target is not None:
        rows.append(
            (
                f"止盈 {fmt_price(result.take_profit)}",
                fmt_table_money(result.gain_at_target, signed=True) + money,
            )
        )
    if result.breakeven_win_rate is not None:
        rows.append(("保本胜率", fmt_pct(result.breakeven_win_rate)))
    return (
        Block(lines=(first,)),
        table_block(rows),
        note_block((*result.formula, *result.steps, *result.assumptions)),
    )
