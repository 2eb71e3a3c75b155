"""Format an ``AccountLinesResult``: 风险度 first, margin per leg, then each leg's line prices."""

from __future__ import annotations

from bot.core.account_lines import LINE_NAMES, AccountLinesResult, LegLine, LegLines
from bot.core.trades import SIDE_CN
from bot.format.numbers import fmt_lots, fmt_money, fmt_pct, fmt_price, note_block, table_block
from bot.format.width import fmt_table_money
from bot.reply import Block


def _leg_name(leg: LegLines) -> str:
    return f"{leg.name or f'第{leg.index}腿'}{SIDE_CN[leg.side]}{fmt_lots(leg.lots)}手"


def _line_value(leg: LegLines, line: LegLine) -> str:
    if line.price is None:
        return "跌到0也不触及" if leg.side == "long" else "不会触及"
    text = fmt_price(line.price, 2)
    if line.move:
        text += f" {'跌' if line.move < 0 else '涨'}{fmt_price(abs(line.move), 2)}"
    return text


def format_account_lines_result(result: AccountLinesResult) -> tuple[Block, ...]:
    """``风险度 16.6% 安全``, a warning at the forced line, then margins and line prices."""
    account = result.account
    blocks = [Block(lines=(f"风险度 {fmt_pct(account.risk_ratio)} {account.status}",))]
    if account.status == "强平":
        blocks.append(
            Block(lines=(f"注意：已达强平线，需追加 {fmt_money(account.deposit_needed)} 元或减仓",))
        )
    rows = [(_leg_name(leg), f"{fmt_table_money(leg.margin)} 元") for leg in result.legs]
    rows += [
        ("保证金合计", f"{fmt_table_money(account.margin_used)} 元"),
        ("客户权益", f"{fmt_table_money(account.equity)} 元"),
        ("可用资金", f"{fmt_table_money(account.available)} 元"),
    ]
    blocks.append(Block(lines=("各腿保证金（按最新价）：",)))
    blocks.append(table_block(rows))
    line_rows: list[tuple[str, str]] = []
    for leg in result.legs:
        line_rows.append((_leg_name(leg), f"现价 {fmt_price(leg.price, 2)}"))
        line_rows += [
            (f" {LINE_NAMES[line.kind]}{fmt_pct(line.ratio)}", _line_value(leg, line))
            for line in leg.lines
        ]
    blocks.append(Block(lines=("各腿触线价（其他持仓不变）：",)))
    blocks.append(table_block(line_rows))
    blocks.append(note_block((*result.formula, *result.assumptions)))
    return tuple(blocks)
