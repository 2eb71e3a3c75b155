"""Format a ``MarginBudgetResult``: the margin a risk-degree cap allows, first."""

from __future__ import annotations

from bot.core.margin_cap import MarginBudgetResult
from bot.format.numbers import fmt_lots, fmt_pct, note_block, table_block
from bot.format.width import fmt_table_money
from bot.reply import Block


def format_margin_budget_result(result: MarginBudgetResult) -> tuple[Block, ...]:
    """``保证金上限 80,000.00 元``, a warning when over the cap, then the figures."""
    cap = fmt_pct(result.max_risk_ratio)
    blocks = [
        Block(lines=(f"保证金上限 {fmt_table_money(result.margin_allowed)} 元（风险度 {cap}）",))
    ]
    if result.headroom < 0:
        blocks.append(
            Block(lines=(f"注意：已超出上限 {fmt_table_money(-result.headroom)} 元，应减仓或入金",))
        )
    rows = [("客户权益", f"{fmt_table_money(result.equity)} 元")]
    if result.margin_used:
        rows.append(("保证金占用", f"{fmt_table_money(result.margin_used)} 元"))
        rows.append(("剩余额度", f"{fmt_table_money(result.headroom)} 元"))
    if result.lots_more is not None:
        rows.append(("还能开", f"{fmt_lots(result.lots_more)} 手"))
    blocks.append(table_block(rows))
    blocks.append(note_block((*result.steps, *result.assumptions)))
    return tuple(blocks)
