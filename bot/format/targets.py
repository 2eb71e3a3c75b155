"""Format a ``TargetResult``: the target (or stop) price first, with or without fees said."""

from __future__ import annotations

from bot.core.targets import TargetResult
from bot.format.numbers import (
    CURRENCY,
    fmt_pct,
    fmt_quote,
    note_block,
    table_block,
)
from bot.format.width import fmt_table_money
from bot.reply import Block


def format_target_result(result: TargetResult) -> tuple[Block, ...]:
    """``目标价 61,500.00（未计手续费）``, then both prices, the money and the margin."""
    name = "止损价" if result.goal == "loss" else "目标价"
    money = CURRENCY[result.counted_in]
    if result.fees_counted:
        headline, basis = result.price_with_fees, "含开平手续费"
    else:
        headline, basis = result.price_before_fees, "未计手续费"
    if headline is None:
        first = f"{name} 无法达到（需要的价格不大于0）"
    else:
        first = f"{name} {fmt_quote(headline)}（{basis}）"
    blocks = [Block(lines=(first,))]
    rows: list[tuple[str, str]] = []
    if result.fees_counted and result.price_before_fees is not None:
        rows.append(("未计手续费", fmt_quote(result.price_before_fees)))
    if result.fees_counted and result.price_with_fees is not None:
        rows.append(("含开平手续费", fmt_quote(result.price_with_fees)))
    rows.append(("目标盈亏" if result.goal == "profit" else "最大亏损", _money(result, money)))
    if result.margin is not None:
        rows.append(("开仓保证金", fmt_table_money(result.margin) + money))
    if result.move_pct is not None:
        rows.append(("距开仓价", ("+" if result.move_pct > 0 else "") + fmt_pct(result.move_pct)))
    blocks.append(table_block(rows))
    blocks.append(note_block((*result.formula, *result.steps, *result.assumptions)))
    return tuple(blocks)


def _money(result: TargetResult, unit: str) -> str:
    return fmt_table_money(result.wanted, signed=True) + unit
