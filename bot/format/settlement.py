"""Format a ``SettlementResult``: 逐日盯市 and 逐笔对冲 side by side, like a statement."""

from __future__ import annotations

from decimal import Decimal

from bot.core.settlement import SettlementResult
from bot.core.trades import SIDE_CN
from bot.format.numbers import fmt_lots, fmt_money, fmt_signed_money, note_block, table_block
from bot.reply import Block

YUAN = " 元"
NO_SETTLE = "缺今结算价"
NO_OPEN = "缺昨仓开仓价"


def _amount(value: Decimal | None, missing: str = NO_SETTLE) -> str:
    return missing if value is None else fmt_signed_money(value) + YUAN


def format_settlement_result(result: SettlementResult) -> tuple[Block, ...]:
    mtm: list[tuple[str, str]] = [("平仓盈亏", _amount(result.close_pnl_mtm))]
    if result.close_hist_mtm and result.close_today_mtm:
        mtm.append(("  平昨", _amount(result.close_hist_mtm)))
        mtm.append(("  平今", _amount(result.close_today_mtm)))
    mtm.append(("持仓盈亏", _amount(result.hold_pnl_mtm)))
    mtm.append(("当日盈亏", _amount(result.daily_pnl)))
    if result.fees_total is not None:
        mtm.append(("手续费", fmt_money(result.fees_total) + YUAN))
        mtm.append(("扣费后", _amount(result.daily_pnl_net)))
    open_known = all(p.open_price is not None for p in result.positions)
    float_missing = NO_SETTLE if result.settle is None and open_known else NO_OPEN
    trade = [
        ("平仓盈亏", _amount(result.close_pnl_trade, NO_OPEN)),
        ("浮动盈亏", _amount(result.float_pnl_trade, float_missing)),
    ]
    held = "、".join(
        f"{'昨' if p.historical else '今'}{SIDE_CN[p.side]}{fmt_lots(p.lots)}手"
        for p in result.positions
    )
    blocks = [
        Block(lines=("逐日盯市（结算单口径）",)),
        table_block(mtm),
        Block(lines=("逐笔对冲（按开仓价）",)),
        table_block(trade),
        Block(lines=(f"收盘持仓：{held or '无'}",)),
        note_block((*result.formula[2:3], *result.assumptions)),
    ]
    return tuple(blocks)
