"""Format a ``LadderResult``: the P&L of one step first, then a 32-column table of moves."""

from __future__ import annotations

from decimal import Decimal

from bot.core.ladder import LadderResult, LadderRow
from bot.format.numbers import (
    CURRENCY,
    fmt_money,
    fmt_pct,
    fmt_price,
    fmt_quote,
    fmt_signed_money,
    note_block,
)
from bot.format.width import grid_block
from bot.reply import Block

WHOLE = Decimal(1)


def _move(result: LadderResult, row: LadderRow) -> str:
    sign = "+" if row.move > 0 else "-"
    if result.in_points:
        return f"{sign}{fmt_price(abs(row.move))}"
    return f"{sign}{fmt_pct(abs(row.move))}"


def _risk(row: LadderRow) -> str:
    if row.wiped_out:
        return "穿仓"
    return "" if row.risk_ratio is None else fmt_pct(row.risk_ratio, 1)


def format_ladder_result(result: LadderResult) -> tuple[Block, ...]:
    """``每1%变动 ±700.00 元``, a warning when a row hits the forced line, then the table."""
    money = CURRENCY[result.counted_in]
    step = "每点" if result.in_points else "每1%"
    blocks = [Block(lines=(f"{step}变动 ±{fmt_money(result.per_unit)}{money}",))]
    hit = next((row for row in _adverse(result) if row.forced), None)
    if hit is not None:
        what = "穿仓" if hit.wiped_out else f"触及强平线 {fmt_pct(result.forced_line)}"
        blocks.append(
            Block(
                lines=(f"注意：{'涨' if hit.move > 0 else '跌'}{_move(result, hit)[1:]} 即{what}",)
            )
        )
    with_risk = any(row.risk_ratio is not None or row.wiped_out for row in result.rows)
    header = ("涨跌", "价格", "盈亏", *(("风险度",) if with_risk else ()))
    rows = [
        (
            _move(result, row),
            fmt_quote(row.price),
            fmt_signed_money(row.pnl_move, WHOLE),
            *((_risk(row),) if with_risk else ()),
        )
        for row in result.rows
    ]
    blocks.append(grid_block(header, rows))
    blocks.append(
        note_block((*result.formula[: 2 if with_risk else 1], *result.steps, *result.assumptions))
    )
    return tuple(blocks)


def _adverse(result: LadderResult) -> list[LadderRow]:
    """The rows moving against the position, smallest move first."""
    against = [row for row in result.rows if (row.pnl_move < 0)]
    return sorted(against, key=lambda row: abs(row.move))
