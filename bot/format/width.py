"""The phone-width rule: a ``table`` block (``<pre>`` in Telegram) fits 32 display columns."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from bot.core.numbers import CENT, ONE
from bot.format.numbers import PHONE_COLUMNS, display_width, fmt_money, fmt_signed_money
from bot.reply import Block

TABLE_COLUMNS = PHONE_COLUMNS
"""Widest ``<pre>`` line a phone shows without wrapping (a CJK character counts 2)."""


def overwide_lines(blocks: Iterable[Block], limit: int = TABLE_COLUMNS) -> tuple[str, ...]:
    """The lines of the ``table`` blocks wider than ``limit`` display columns (none: fits)."""
    return tuple(
        line
        for block in blocks
        if block.style == "table"
        for line in block.lines
        if display_width(line) > limit
    )


def first_line(blocks: Iterable[Block]) -> str:
    """The first line of a reply: it states the asked figure with its unit."""
    for block in blocks:
        if block.lines:
            return block.lines[0]
    return ""


def grid_block(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Block:
    """A ``table`` block of several right-aligned columns (the first left-aligned), two spaces
    between columns when that fits ``TABLE_COLUMNS``, else one."""
    all_rows = [header, *rows]
    widths = [max(display_width(row[i]) for row in all_rows) for i in range(len(header))]
    gap = 2 if sum(widths) + 2 * (len(widths) - 1) <= TABLE_COLUMNS else 1
    lines = []
    for row in all_rows:
        cells = [row[0] + " " * (widths[0] - display_width(row[0]))]
        cells += [
            " " * (width - display_width(cell)) + cell
            for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append((" " * gap).join(cells).rstrip())
    return Block(style="table", lines=tuple(lines))


BIG_AMOUNT = Decimal(1000000)
"""From a million up, table amounts drop the cents so a row stays within 32 columns."""


def fmt_table_money(value: Decimal, *, signed: bool = False) -> str:
    """A money cell: ``4,000.00`` / ``+1,976.00``; whole units from a million up."""
    places = ONE if abs(value) >= BIG_AMOUNT else CENT
    return fmt_signed_money(value, places) if signed else fmt_money(value, places)
