"""The "我理解为：…" line every answer starts with: what the bot understood, in one line.

``我理解为：多头 2 手 @1000 → 平仓 @1020，乘数 100`` — legs joined by arrows, then the contract
and the numbers that matter. Built from the resolved core request, so it shows exactly what
was computed (defaults and contract-table values included).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Literal, Protocol

from bot.core.numbers import ZERO, plain
from bot.reply import Block

PREFIX = "我理解为："
SIDE_WORD = {"long": "多头", "short": "空头"}
SIDE_SHORT = {"long": "多", "short": "空"}
UNIT_WORD = {"lots": "手", "coins": "个", "shares": "股"}


class LegLike(Protocol):
    @property
    def action(self) -> Literal["open", "close"]: ...

    @property
    def side(self) -> Literal["long", "short"]: ...

    @property
    def lots(self) -> Decimal: ...

    @property
    def price(self) -> Decimal: ...

    @property
    def today(self) -> bool | None: ...


def num(value: Decimal) -> str:
    """A number as typed back to the user: no trailing zeros, no grouping (1000, 0.5)."""
    text = str(value)  # fixed-point unless it shows an exponent (~3× cheaper than format)
    if text.isdigit():
        return text
    if "E" in text or "e" in text:
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def amount(value: Decimal) -> str:
    """A money amount with thousands separators: 100,000 / 6,000."""
    return plain(value)


def pct(fraction: Decimal) -> str:
    return num(fraction * 100) + "%"


def describe_legs(legs: Sequence[LegLike], unit: str = "手") -> str:
    """``多头 2 手 @1000 → 平仓 @1020``; partial closes name their lots: ``平多 6 手 @1415``."""
    open_lots = {"long": ZERO, "short": ZERO}
    parts: list[str] = []
    for leg in legs:
        side, lots, price = leg.side, leg.lots, num(leg.price)  # pydantic reads are not free
        if leg.action == "open":
            word = f"加{SIDE_SHORT[side]}" if open_lots[side] else SIDE_WORD[side]
            open_lots[side] += lots
            parts.append(f"{word} {num(lots)} {unit} @{price}")
            continue
        today = leg.today
        word = "平今" if today is True else ("平昨" if today is False else "平仓")
        whole = lots == open_lots[side] and not (open_lots["long"] and open_lots["short"])
        open_lots[side] -= lots
        if whole and word == "平仓":
            parts.append(f"平仓 @{price}")
        elif whole:
            parts.append(f"{word} @{price}")
        else:
            label = f"平{SIDE_SHORT[side]}" if word == "平仓" else word
            parts.append(f"{label} {num(lots)} {unit} @{price}")
    return " → ".join(parts)


def position(
    side: Literal["long", "short"], lots: Decimal, price: Decimal, unit: str = "手"
) -> str:
    return f"{SIDE_WORD[side]} {num(lots)} {unit} @{num(price)}"


def understood_block(parts: Iterable[str]) -> Block:
    """One text block: ``我理解为：`` + the non-empty parts joined by Chinese commas."""
    # A validated constructor: pydantic-core validates two fields faster than the pure-Python
    # model_construct builds them.
    return Block(style="text", lines=(PREFIX + "，".join(filter(None, parts)),))
