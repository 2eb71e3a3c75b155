"""Format a ``BreakevenResult``: break-even, target and stop prices on the tick grid."""

from __future__ import annotations

from bot.core.breakeven import BreakevenResult, PriceLevel
from bot.format.numbers import (
    CURRENCY,
    fmt_lots,
    fmt_money,
    fmt_price,
    note_block,
    table_block,
)
from bot.reply import Block


def _level_rows(name: str, level: PriceLevel, has_tick: bool) -> list[tuple[str, str]]:
    if level.price is None or level.exact is None:
        return [(name, "无法达到")]
    rows = [(name, fmt_price(level.price))]
    if has_tick and level.exact != level.price:
        rows.append(("  精确值", fmt_price(level.exact, 4)))
    if level.ticks is not None and level.ticks:
        rows.append(("  距开仓", f"{fmt_lots(level.ticks)} 跳"))
    return rows


def format_breakeven_result(result: BreakevenResult) -> tuple[Block, ...]:
    has_tick = result.tick is not None
    rows = _level_rows("保本价", result.breakeven, has_tick)
    if result.target is not None:
        rows += _level_rows("目标价", result.target, has_tick)
    if result.stop is not None:
        rows += _level_rows("止损价", result.stop, has_tick)
    rows.append(("往返手续费", fmt_money(result.round_trip_fee) + CURRENCY[result.counted_in]))
    return (table_block(rows), note_block((*result.formula[:1], *result.assumptions)))
