"""Number display shared by every formatter: money, prices, percentages, lots, tables.

Values stay exact ``Decimal`` in the results; rounding happens here, only for display.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from bot.core.numbers import CENT, HUNDRED, money, plain
from bot.reply import Block


def _grouped(value: Decimal) -> str:
    """Fixed-point text with thousands separators (``,`` format), as many places as ``value``
    has, never scientific notation, never ``-0.00``."""
    text = format(value, ",f")
    return text[1:] if text.startswith("-") and value.is_zero() else text


def fmt_money(value: Decimal, places: Decimal = CENT) -> str:
    """Money amount rounded half-up to 2 places with thousands separators: ``4,000.00``."""
    return _grouped(money(value, places))


def fmt_signed_money(value: Decimal, places: Decimal = CENT) -> str:
    """Like ``fmt_money`` but with an explicit ``+`` for gains: ``+4,000.00`` / ``-300.00``."""
    rounded = money(value, places)
    text = _grouped(rounded)
    return "+" + text if rounded > 0 else text


def fmt_price(value: Decimal, max_places: int = 8) -> str:
    """Price without trailing zeros, with thousands separators: ``3,500`` / ``57,236.18``.

    Long fractions (an exact break-even 3500.333…) are cut half-up at ``max_places`` digits.
    """
    return plain(value, max_places)


CURRENCY = {"lots": " 元", "coins": " USDT"}
"""Money after a figure: futures settle in 元, a coin position (no leverage) in USDT."""


def fmt_quote(value: Decimal) -> str:
    """A computed price with the digits its size needs: 2 places from 100 up (57,286.43), 4
    from 1 up, and 4 significant digits below 1 (DOGE 0.1432, SHIB 0.00001234)."""
    size = abs(value)
    if size >= 100:
        return plain(value, 2)
    if size >= 1 or size == 0:
        return plain(value, 4)
    zeros = -size.adjusted() - 1  # 0.143 → 0, 0.0000123 → 4
    return plain(value, min(8, zeros + 4))


def fmt_pct(fraction: Decimal, max_places: int = 2) -> str:
    """Fraction as a percentage: 0.8 → ``80%``, 0.125 → ``12.5%``, 0.123456 → ``12.35%``."""
    return plain(fraction * HUNDRED, max_places) + "%"


def fmt_lots(lots: Decimal) -> str:
    """Lot count without trailing zeros and without the unit: 2 → ``2``, 0.50 → ``0.5``."""
    return plain(lots)


class _WidthTable(dict[int, int | str]):
    """``str.translate`` table that widens every wide character to two columns.

    Filled one character at a time on first sight (``__missing__``), so the set it holds is
    bounded by the characters answers actually use; narrow characters map to themselves.
    """

    def __missing__(self, code: int) -> int | str:
        value: int | str = "  " if unicodedata.east_asian_width(chr(code)) in "WF" else code
        self[code] = value
        return value


_WIDTHS = _WidthTable()


_ASCII_OR_CJK = re.compile(
    "[\x00-\x7f\u3000-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6]*"
)
"""ASCII and blocks that are wide throughout (CJK ideographs and punctuation, full-width forms):
each of those is three bytes in UTF-8, so the width follows from the encoded length."""


def display_width(text: str) -> int:
    """Columns the text takes in a monospace font (CJK and full-width characters take two)."""
    if text.isascii():
        return len(text)
    if _ASCII_OR_CJK.fullmatch(text) is not None:  # n ASCII + w wide: n + 3w bytes, n + 2w cols
        return (len(text.encode()) + len(text)) // 2
    return len(text.translate(_WIDTHS))


def _widths(texts: list[str]) -> list[int]:
    """``display_width`` of each text, the usual case (ASCII and CJK only) checked once for all."""
    joined = "".join(texts)
    if joined.isascii():
        return [len(text) for text in texts]
    if _ASCII_OR_CJK.fullmatch(joined) is not None:
        return [(len(text.encode()) + len(text)) // 2 for text in texts]
    return [display_width(text) for text in texts]


def table_lines(rows: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Aligned "label  value" lines: labels padded on the right, values right-aligned."""
    rows = list(rows)
    if not rows:
        return ()
    cols = _widths([text for row in rows for text in row])
    label_cols, value_cols = cols[0::2], cols[1::2]
    # label, its padding, two spaces, the value's padding, value: one run of spaces
    gap = max(label_cols) + 2 + max(value_cols)
    if gap > PHONE_COLUMNS:
        return _narrow_lines(rows, label_cols, value_cols)
    return tuple(
        [
            f"{label}{' ' * (gap - label_width - value_width)}{value}".rstrip()
            for (label, value), label_width, value_width in zip(
                rows, label_cols, value_cols, strict=True
            )
        ]
    )


PHONE_COLUMNS = 32
"""Widest ``<pre>`` line a phone shows without wrapping (``bot.format.width.TABLE_COLUMNS``)."""


def _narrow_lines(
    rows: list[tuple[str, str]], label_cols: list[int], value_cols: list[int]
) -> tuple[str, ...]:
    """A table too wide for a phone as a two-column list: values right-aligned at column 32;
    a row whose label and value do not fit side by side puts its value on a line of its own."""
    lines: list[str] = []
    for (label, value), label_width, value_width in zip(rows, label_cols, value_cols, strict=True):
        if label_width + 2 + value_width <= PHONE_COLUMNS:
            padding = PHONE_COLUMNS - label_width - value_width
            lines.append(f"{label}{' ' * padding}{value}".rstrip())
        else:
            lines.append(label)
            lines.append(f"{' ' * max(2, PHONE_COLUMNS - value_width)}{value}".rstrip())
    return tuple(lines)


def table_block(rows: Iterable[tuple[str, str]]) -> Block:
    """A ``table`` block (``<pre>`` in Telegram) of aligned label/value rows."""
    return Block(style="table", lines=table_lines(rows))


def note_block(lines: Iterable[str]) -> Block:
    """A ``note`` block (formula, assumptions), skipping empty lines."""
    return Block(style="note", lines=tuple(filter(None, lines)))
