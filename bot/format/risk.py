"""Format 风险度 results (bot.core.risk) as compact Chinese blocks."""

from __future__ import annotations

from bot.core.risk import AccountRiskResult, LineLevel
from bot.format.numbers import fmt_lots, fmt_money, fmt_pct, fmt_price, note_block, table_block
from bot.reply import Block

_LINE_NAMES = {"warning": "预警线", "forced": "强平线"}


def _line_row(level: LineLevel) -> tuple[str, str]:
    label = f"{_LINE_NAMES[level.kind]} {fmt_pct(level.ratio)}"
    if level.price is None:
        return label, "已触及" if level.reached else "未触及"
    if level.reached:
        mark = "（已触及）"
    elif level.move:  # how far the price may go before the line: 跌 166.67 / 涨 40
        mark = f"（{'跌' if level.move < 0 else '涨'} {fmt_price(abs(level.move), 2)}）"
    else:
        mark = ""
    return label, f"价格 {fmt_price(level.price, 2)}{mark}"


def format_account_risk_result(result: AccountRiskResult) -> tuple[Block, ...]:
    """Equity, margin, 风险度 with status, the lines (and their prices), the remedies."""
    rows = [
        ("客户权益", f"{fmt_money(result.equity)} 元"),
        ("保证金占用", f"{fmt_money(result.margin_used)} 元"),
        ("风险度", f"{fmt_pct(result.risk_ratio)} {result.status}"),
        ("可用资金", f"{fmt_money(result.available)} 元"),
    ]
    rows.extend(_line_row(level) for level in result.lines)
    blocks = [table_block(rows)]

    target = fmt_pct(result.target_ratio)
    if result.deposit_needed > 0:
        remedies = [f"降到 {target}：追加 {fmt_money(result.deposit_needed)} 元"]
        if result.lots_to_close is not None:
            remedies.append(f"或平仓 {fmt_lots(result.lots_to_close)} 手")
        else:
            remedies.append(f"或减仓释放保证金 {fmt_money(result.margin_to_release)} 元")
        blocks.append(Block(lines=("，".join(remedies),)))
    else:  # 追加多少 / 要平几手 asked of a safe account: say so rather than stay silent
        blocks.append(Block(lines=(f"风险度不高于 {target}：无需追加保证金，也不用减仓",)))
    if result.positions:
        notes = dict.fromkeys(line.price_note for line in result.lines if line.price_note)
        blocks.extend(Block(lines=(f"触线价：{note}",)) for note in notes)
    blocks.append(note_block((*result.formula[:2], *result.assumptions)))
    return tuple(blocks)
