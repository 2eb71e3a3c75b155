"""Format option premium results (bot.core.options) as compact Chinese blocks."""

from __future__ import annotations

from bot.core.options import OptionResult
from bot.format.numbers import (
    fmt_money,
    fmt_pct,
    fmt_price,
    fmt_signed_money,
    note_block,
    table_block,
)
from bot.reply import Block


def format_option_result(result: OptionResult) -> tuple[Block, ...]:
    """Premium, P&L (gross / fees / net), maximum loss / profit, expiry break-even."""
    buyer = result.role == "buyer"
    rows = [("权利金" + ("支出" if buyer else "收入"), f"{fmt_money(result.premium_amount)} 元")]
    if result.gross_pnl is not None and result.net_pnl is not None:
        rows.append(("权利金盈亏", f"{fmt_signed_money(result.gross_pnl)} 元"))
        if result.fees_total:
            rows.append(("手续费", f"{fmt_money(result.fees_total)} 元"))
            rows.append(("净盈亏", f"{fmt_signed_money(result.net_pnl)} 元"))
        if result.return_on_premium is not None:
            rows.append(("收益率(对权利金)", fmt_pct(result.return_on_premium)))
    unlimited = "无上限" if result.kind == "call" else "需期权类型和行权价"
    loss = f"{fmt_money(result.max_loss)} 元" if result.max_loss is not None else unlimited
    profit = f"{fmt_money(result.max_profit)} 元" if result.max_profit is not None else unlimited
    rows.append(("最大亏损", loss))
    rows.append(("最大收益", profit))
    if result.breakeven_price is not None:
        rows.append(("到期盈亏平衡", fmt_price(result.breakeven_price, 4)))
    return (table_block(rows), note_block((*result.formula, *result.assumptions)))
