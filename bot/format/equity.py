"""Format an ``EquityResult``: the statement's lines down to 客户权益 (and 风险度)."""

from __future__ import annotations

from bot.core.equity import EquityResult
from bot.format.numbers import fmt_money, fmt_pct, fmt_signed_money, note_block, table_block
from bot.reply import Block


def format_equity_result(result: EquityResult) -> tuple[Block, ...]:
    rows = [("上日结存", f"{fmt_money(result.prev_balance)} 元")]
    if result.cash_in:
        rows.append(("入金", f"+{fmt_money(result.cash_in)} 元"))
    if result.cash_out:
        rows.append(("出金", f"-{fmt_money(result.cash_out)} 元"))
    closing, close_pnl, hold_pnl = result.closing_balance, result.close_pnl, result.hold_pnl
    if closing is not None and close_pnl is not None and hold_pnl is not None:
        # the statement's own order: 平仓盈亏 and fees make 当日结存, 持仓盈亏 then 客户权益
        rows.append(("平仓盈亏", f"{fmt_signed_money(close_pnl)} 元"))
        if result.fees:
            rows.append(("手续费", f"-{fmt_money(result.fees)} 元"))
        rows.append(("当日结存", f"{fmt_money(closing)} 元"))
        rows.append(("持仓盈亏", f"{fmt_signed_money(hold_pnl)} 元"))
    else:
        rows.append(("当日盈亏", f"{fmt_signed_money(result.daily_pnl)} 元"))
        if result.fees:
            rows.append(("手续费", f"-{fmt_money(result.fees)} 元"))
    rows.append(("客户权益", f"{fmt_money(result.equity)} 元"))
    if result.margin_used is not None and result.available is not None:
        rows.append(("保证金占用", f"{fmt_money(result.margin_used)} 元"))
        rows.append(("可用资金", f"{fmt_money(result.available)} 元"))
    if result.risk_ratio is not None:
        rows.append(("风险度", fmt_pct(result.risk_ratio)))
    return (table_block(rows), note_block((*result.formula, *result.steps, *result.assumptions)))
