"""Format an ``AveragingResult``: the new average entry first, then break-even and P&L."""

from __future__ import annotations

from bot.core.averaging import AveragingResult
from bot.core.trades import SIDE_CN, UNIT_WORDS
from bot.format.numbers import (
    CURRENCY,
    fmt_lots,
    fmt_money,
    fmt_price,
    note_block,
    table_block,
)
from bot.format.width import fmt_table_money
from bot.reply import Block


def format_averaging_result(result: AveragingResult) -> tuple[Block, ...]:
    """``新均价 3,450.00``, then the position, break-even and P&L at the price asked."""
    unit = UNIT_WORDS[result.counted_in][0]
    money = CURRENCY[result.counted_in]
    blocks = [Block(lines=(f"新均价 {fmt_money(result.avg_price)}",))]
    rows = [
        ("持仓", f"{SIDE_CN[result.side]}{fmt_lots(result.lots)}{unit}"),
        ("原开仓价", fmt_price(result.first_price, 2)),
    ]
    be = result.breakeven.price
    label = "保本价(含费)" if result.fees_counted else "保本价"
    rows.append((label, "无法达到" if be is None else fmt_price(be, 2)))
    if result.fees_counted:
        rows.append(("开仓手续费", fmt_table_money(result.open_fees) + money))
    if result.price is not None and result.pnl_gross is not None:
        rows.append(
            (
                f"价格{fmt_price(result.price, 2)}",
                fmt_table_money(result.pnl_gross, signed=True) + money,
            )
        )
        if result.pnl_net is not None:
            rows.append(("扣费后", fmt_table_money(result.pnl_net, signed=True) + money))
    blocks.append(table_block(rows))
    blocks.append(note_block((result.formula[0], *result.steps, *result.assumptions)))
    return tuple(blocks)
