"""The floor Python allows: one regular expression + Decimal for the simplest P&L command.

Handles exactly ``开多N手 P 平仓 Q 乘数M`` (and 开空) and formats a one-line answer. It is not
a product, only a baseline for the same-run ratio.
"""

from __future__ import annotations

import re
from decimal import Decimal

_SIMPLE = re.compile(r"开(多|空)(\d+)手\s*(\d+(?:\.\d+)?)\s*平仓\s*(\d+(?:\.\d+)?)\s*乘数(\d+)")


def answer_simple(text: str) -> str:
    match = _SIMPLE.search(text)
    if match is None:
        return "无法理解"
    side, lots, entry, exit_, mult = match.groups()
    sign = 1 if side == "多" else -1
    pnl = (Decimal(exit_) - Decimal(entry)) * Decimal(mult) * Decimal(lots) * sign
    return f"平仓盈亏 {pnl:,.2f} 元 = ({exit_} − {entry}) × {mult} × {lots}"
