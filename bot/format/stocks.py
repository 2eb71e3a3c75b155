"""Format A-share cost results (bot.core.stocks) as compact Chinese blocks."""

from __future__ import annotations

from bot.core.stocks import StockCosts, StockResult
from bot.format.numbers import (
    fmt_money,
    fmt_pct,
    fmt_price,
    fmt_signed_money,
    note_block,
    table_block,
)
from bot.reply import Block


def _cost_rows(costs: StockCosts) -> list[tuple[str, str]]:
    name = "卖出" if costs.side == "sell" else "买入"
    commission = fmt_money(costs.commission) + ("(最低)" if costs.min_commission_applied else "")
    rows = [(f"{name}成交额", fmt_money(costs.turnover)), ("  佣金", commission)]
    if costs.side == "sell":
        rows.append(("  印花税", fmt_money(costs.stamp_duty)))
    rows.append(("  过户费", fmt_money(costs.transfer_fee)))
    rows.append((f"  {name}费用", fmt_money(costs.total)))
    return rows


def format_stock_costs(costs: StockCosts) -> tuple[Block, ...]:
    """One buy or sell: commission, stamp duty, transfer fee and the total."""
    return (table_block(_cost_rows(costs)),)


def format_stock_result(result: StockResult) -> tuple[Block, ...]:
    """Both sides' costs, net P&L and return, then the break-even sell price."""
    rows = _cost_rows(result.buy)
    if result.sell is not None:
        rows.extend(_cost_rows(result.sell))
    if result.net_pnl is not None and result.gross_pnl is not None:
        rows.append(("差价盈亏", fmt_signed_money(result.gross_pnl)))
        rows.append(("费用合计", fmt_money(result.total_costs)))
        rows.append(("净盈亏", fmt_signed_money(result.net_pnl)))
    if result.return_rate is not None:
        rows.append(("收益率", fmt_pct(result.return_rate)))
    rows.append(("保本卖价", fmt_price(result.breakeven_sell_price_tick, 2)))
    return (table_block(rows), note_block(result.assumptions))
