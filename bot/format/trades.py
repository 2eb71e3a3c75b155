"""Format a ``TradeResult``: P&L, fees, what is left open, margin — phone-sized."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.trades import SIDE_CN, UNIT_WORDS, TradeResult
from bot.format.numbers import (
    CURRENCY,
    fmt_lots,
    fmt_money,
    fmt_pct,
    fmt_price,
    fmt_signed_money,
    note_block,
    table_block,
)
from bot.reply import Block

if TYPE_CHECKING:  # a plain P&L does not load the price-move core (nor the risk core under it)
    from bot.core.price_move import PriceMoveResult


def format_trade_result(result: TradeResult) -> tuple[Block, ...]:
    """Figures first (table), then FIFO details when there are several, then formula/assumptions."""
    money_unit = CURRENCY[result.counted_in]
    unit = UNIT_WORDS[result.counted_in][0]
    rows: list[tuple[str, str]] = []
    if result.matches:
        rows.append(("平仓盈亏", fmt_signed_money(result.realized_gross) + money_unit))
        if result.fees_counted:
            rows.append(("手续费", fmt_money(result.fees_total) + money_unit))
            rows.append(("净盈亏", fmt_signed_money(result.realized_net) + money_unit))
    elif result.fees_counted:
        rows.append(("手续费", fmt_money(result.fees_total) + money_unit))
    for pos in result.positions:
        rows.append(
            (
                f"{SIDE_CN[pos.side]}头持仓",
                f"{fmt_lots(pos.lots)}{unit} 均价{fmt_price(pos.avg_price, 2)}",
            )
        )
    if result.floating_pnl is not None and result.positions:
        rows.append(("浮动盈亏", fmt_signed_money(result.floating_pnl) + money_unit))
    if result.total_pnl is not None and result.positions and result.matches:
        rows.append(("合计盈亏", fmt_signed_money(result.total_pnl) + money_unit))
    if result.margin is not None and result.positions:
        rows.append(("保证金占用", fmt_money(result.margin) + money_unit))
    if result.return_on_margin is not None:
        rows.append(("收益率", fmt_pct(result.return_on_margin)))
    if not result.positions and result.matches:
        rows.append(("持仓", "已全部平仓"))
    blocks = [table_block(rows)]
    if result.locked:
        long_pos, short_pos = result.positions
        blocks.append(
            Block(
                lines=(
                    f"锁仓：多{fmt_lots(long_pos.lots)}{unit} + 空{fmt_lots(short_pos.lots)}{unit}"
                    "（反向开仓不会平掉原仓）",
                )
            )
        )
    if result.aged:  # 平今 / 平昨 / 昨仓 were said: which lots each close took
        carried = tuple(
            f"{SIDE_CN[pos.side]}头持仓含昨仓 {fmt_lots(pos.carried_lots)}{unit}"
            for pos in result.positions
            if pos.carried_lots > 0
        )
        blocks.append(Block(lines=(*result.matching, *carried)))
    if len(result.matches) > 1:
        detail = tuple(
            f"{SIDE_CN[m.side]}{fmt_lots(m.lots)}{unit} {fmt_price(m.open_price)}→"
            f"{fmt_price(m.close_price)}  {fmt_signed_money(m.gross_pnl)}"
            for m in result.matches
        )
        title = "配对明细：" if result.aged else "先开先平明细："
        blocks.append(Block(lines=(title, *detail)))
    blocks.append(note_block((*result.formula[:1], *result.assumptions)))
    return tuple(blocks)


def format_price_move_result(result: PriceMoveResult) -> tuple[Block, ...]:
    """Signed P&L per side (or the loss at the stop), then the per-lot figure."""
    rows: list[tuple[str, str]] = []
    if result.direction == "against":
        rows.append(("止损亏损", f"{fmt_signed_money(-result.total)} 元"))
    for item in result.by_side:
        rows.append((f"{SIDE_CN[item.side]}头", f"{fmt_signed_money(item.pnl)} 元"))
    if result.lots != 1:
        rows.append(("每手变动", f"{fmt_money(result.per_lot)} 元"))
    return (table_block(rows), note_block((*result.formula, *result.steps, *result.assumptions)))
