"""What was understood, in the trader's words: the parts of the 我理解为 line.

The resolver decides what it understood (legs, contract, the numbers that matter, defaults it
filled in) and words each part here; ``bot.format.understood`` only lays the parts out.
``多头 2 手 @1000 → 平仓 @1020`` — legs joined by arrows.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Literal, Protocol

from bot.core.numbers import ZERO, num

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

    @property
    def carried(self) -> bool | None: ...


AGE_WORD: dict[bool, str] = {True: "昨", False: "今开"}
"""An open leg's age as the 我理解为 line says it: 昨多 2 手 / 今开多 1 手."""


def describe_legs(legs: Sequence[LegLike], unit: str = "手") -> str:
    """``多头 2 手 @1000 → 平仓 @1020``; partial closes name their lots: ``平多 6 手 @1415``;
    an open's age when said: ``昨多 2 手 @3500 → 今开多 1 手 @3520``."""
    open_lots = {"long": ZERO, "short": ZERO}
    parts: list[str] = []
    for leg in legs:
        side, lots, price = leg.side, leg.lots, num(leg.price)  # pydantic reads are not free
        if leg.action == "open":
            word = f"加{SIDE_SHORT[side]}" if open_lots[side] else SIDE_WORD[side]
            if leg.carried is not None:
                word = AGE_WORD[leg.carried] + SIDE_SHORT[side]
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
