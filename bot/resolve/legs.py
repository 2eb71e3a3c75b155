"""Legs: give every typed leg its action (open/close) and position side, in order.

买入/卖出 close the opposite position when there is one, else open; 平仓/平今 close the only open
side (and ask when both are open); 加仓 adds to the last opened side.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from bot.core.numbers import num
from bot.errors import UserFacingError
from bot.parse.spec import LegSpec
from bot.resolve.context import DEFAULT_LOTS, EX_TRADE, SIDES, ZERO, Side, ask
from bot.resolve.understood import SIDE_WORD


@dataclass(slots=True)
class RLeg:
    """A leg with its side and action resolved (price may still be missing)."""

    action: Literal["open", "close"]
    side: Side
    lots: Decimal
    price: Decimal | None
    today: bool | None
    text: str
    carried: bool = False
    lots_defaulted: bool = False
    today_open: bool = False
    """今开: opened today (an open leg's age, with ``carried`` for 昨仓)."""

    @property
    def age(self) -> bool | None:
        """An open leg's lot age for the core: True 昨仓, False 今开, None not said."""
        if self.carried:
            return True
        return False if self.today_open else None


def resolve_legs(
    legs: Sequence[LegSpec],
    notes: list[str],
    *,
    start: dict[Side, Decimal] | None = None,
    unit_word: str = "手",
) -> list[RLeg]:
    """Give every leg its action and position side, in order.

    买入/卖出 close the opposite position when there is one, else open; 平仓/平今 close the
    only open side; 加仓 adds to the last opened side. A close without lots closes the whole
    position of that side; an open without lots is 1 lot (stated in the notes).
    """
    held: dict[Side, Decimal] = dict(start) if start else {"long": ZERO, "short": ZERO}
    last_open: Side | None = None
    resolved: list[RLeg] = []
    for index, leg in enumerate(legs, start=1):
        action, side = _action_and_side(leg, index, held, last_open, unit_word)
        lots, defaulted = _leg_lots(leg, index, (action, side), held[side], notes, unit_word)
        if action == "open":
            held[side] += lots
            last_open = side
        else:
            held[side] -= lots
        today = TODAY_OF.get(leg.word)
        resolved.append(
            RLeg(
                action,
                side,
                lots,
                leg.price,
                today,
                leg.text,
                leg.carried,
                defaulted,
                leg.today_open,
            )
        )
    return resolved


TODAY_OF: dict[str, bool] = {"close_today": True, "close_yesterday": False}
"""平今 closes today's lots, 平昨 yesterday's; other closes say neither (None)."""
_SIDE_OF: dict[str, tuple[Literal["open", "close"], Side]] = {
    "open_long": ("open", "long"),
    "open_short": ("open", "short"),
    "close_long": ("close", "long"),
    "close_short": ("close", "short"),
}


def _action_and_side(
    leg: LegSpec, index: int, held: dict[Side, Decimal], last_open: Side | None, unit_word: str
) -> tuple[Literal["open", "close"], Side]:
    """开多/平空 say both; 买入/卖出 close the opposite side when it is held, else open; 加仓
    adds to the last opened side; 平仓/平今/平昨 close the only side held (else asked)."""
    word = leg.word
    if word in _SIDE_OF:
        return _SIDE_OF[word]
    if word == "open_any":
        raise ask(
            f"“{leg.text}{_lots_text(leg, unit_word)}”是开多还是开空？"
            "多单还是空单决定盈亏的正负，请写“开多”或“开空”（也可写买开/卖开）",
            _side_example(leg, unit_word),
        )
    if word == "add":
        if last_open is None:
            raise ask(
                f"“{leg.text}”之前没有开仓，不知道加的是多还是空", "开多2手 3500 加仓2手 3480"
            )
        return "open", last_open
    if word == "buy" or word == "sell":
        opposite: Side = "short" if word == "buy" else "long"
        if held[opposite] > 0:
            return "close", opposite
        return "open", "long" if word == "buy" else "short"
    open_sides: list[Side] = [s for s in SIDES if held[s] > 0]  # close_any / today / yesterday
    if not open_sides:
        raise ask(
            f"第{index}笔“{leg.text}”之前没有开仓：平仓盈亏要知道开仓方向、手数和开仓价",
            EX_TRADE,
        )
    if len(open_sides) == 2:
        raise ask(
            f"多空两边都有持仓，第{index}笔“{leg.text}”平的是哪边？请写“平多”或“平空”",
            "开多10手 1400 卖出开仓6手 1415 平多4手 1420 乘数300",
        )
    return "close", open_sides[0]


def _leg_lots(
    leg: LegSpec,
    index: int,
    action_side: tuple[Literal["open", "close"], Side],
    held: Decimal,
    notes: list[str],
    unit_word: str,
) -> tuple[Decimal, bool]:
    """The leg's lots and whether they were defaulted: 平一半 is half of ``held`` (what that side
    holds), a close without lots closes it all, an open without lots is 1 lot (noted)."""
    action, side = action_side
    side_word = SIDE_WORD[side]
    lots = leg.lots
    if lots is not None and lots <= 0:
        raise UserFacingError(
            f"第{index}笔“{leg.text}”的手数必须大于0（收到 {num(lots)}）", example=EX_TRADE
        )
    if leg.half:
        return _half_of(leg, index, held, side_word, unit_word), False
    if lots is not None:
        return lots, False
    if action == "close":
        if held <= 0:
            raise ask(f"第{index}笔“{leg.text}”之前没有{side_word}持仓", EX_TRADE)
        return held, False
    notes.append(f"“{leg.text}”没写手数，按 1 {unit_word}计算")
    return DEFAULT_LOTS, True


def _half_of(leg: LegSpec, index: int, held: Decimal, side_word: str, unit_word: str) -> Decimal:
    """平一半: half of what that side holds, a whole number of lots."""
    lots = held / 2
    if lots <= 0:
        raise ask(f"第{index}笔“{leg.text}一半”之前没有{side_word}持仓", EX_TRADE)
    if unit_word == "手" and lots != lots.to_integral_value():
        raise ask(
            f"持仓 {num(held)} 手，一半是 {num(lots)} 手，不是整数：请直接写平几手",
            f"开多{num(held)}手 3500 平{num(held // 2)}手 3550",
        )
    return lots


def _lots_text(leg: LegSpec, unit_word: str) -> str:
    return f"{num(leg.lots)}{unit_word}" if leg.lots is not None else ""


def _side_example(leg: LegSpec, unit_word: str) -> str:
    """The user's own leg with a side: 开了3手 3520 → 开多3手 3520（或 开空3手 3520）."""
    if leg.lots is None and leg.price is None:
        return EX_TRADE
    lots = num(leg.lots) if leg.lots is not None else "1"
    price = f" {num(leg.price)}" if leg.price is not None else ""
    return f"开多{lots}{unit_word}{price}（或 开空{lots}{unit_word}{price}）"


def require_prices(legs: Sequence[RLeg]) -> None:
    for index, leg in enumerate(legs, start=1):
        if leg.price is None:
            what = "开仓价" if leg.action == "open" else "平仓价"
            raise ask(
                f"第{index}笔“{leg.text}{num(leg.lots)}手”缺少{what}：请把价格写在手数后面",
                EX_TRADE,
            )


def core_legs(legs: Sequence[RLeg]) -> list[dict[str, object]]:
    """The legs as the fields of ``bot.core.trades.Leg``, for the request model to validate.

    Fields rather than ``Leg`` instances: pydantic runs a nested model's after-validator again
    when an instance is passed in, so building the instances here would check every leg twice.
    """
    require_prices(legs)
    return [
        {
            "action": leg.action,
            "side": leg.side,
            "lots": leg.lots,
            "price": leg.price or ZERO,
            "today": leg.today,
            "carried": leg.age if leg.action == "open" else None,
        }
        for leg in legs
    ]


def net_positions(legs: Sequence[RLeg]) -> list[tuple[Side, Decimal, Decimal]]:
    """(side, lots, average open price) still open after FIFO closes."""
    queues: dict[Side, deque[list[Decimal]]] = {"long": deque(), "short": deque()}
    for leg in legs:
        price = leg.price
        if price is None:  # pragma: no cover - callers check prices first
            continue
        queue = queues[leg.side]
        if leg.action == "open":
            queue.append([leg.lots, price])
            continue
        remaining = leg.lots
        while remaining > 0 and queue:
            take = min(queue[0][0], remaining)
            queue[0][0] -= take
            remaining -= take
            if queue[0][0] == 0:
                queue.popleft()
        if remaining > 0:
            raise ask(f"“{leg.text}”平仓手数超过了持仓", EX_TRADE)
    result: list[tuple[Side, Decimal, Decimal]] = []
    for side in ("long", "short"):
        lots = sum((lot for lot, _ in queues[side]), ZERO)
        if lots > 0:
            cost = sum((lot * price for lot, price in queues[side]), ZERO)
            result.append((side, lots, cost / lots))
    return result


def leg_command(leg: RLeg, swap: bool, unit: str = "手") -> str:
    side: Side = leg.side
    if swap:
        side = "short" if side == "long" else "long"
    price = "" if leg.price is None else f" {num(leg.price)}"
    if leg.action == "open":
        word = "开多" if side == "long" else "开空"
        if leg.age is not None:  # 昨多 / 今开多: the mirror keeps the lots' age
            word = ("昨" if leg.age else "今开") + ("多" if side == "long" else "空")
    elif leg.today is True:
        word = "平今"
    elif leg.today is False:
        word = "平昨"
    else:
        word = "平多" if side == "long" else "平空"
    return f"{word}{num(leg.lots)}{unit}{price}"


def single_position(legs: Sequence[RLeg], example: str) -> tuple[Side, Decimal, Decimal]:
    """The one open position (side, lots, average price) the question is about."""
    require_prices(legs)
    positions = net_positions(legs)
    if len(positions) != 1:
        if not positions:
            raise ask("没有持仓：请写开仓方向、手数和开仓价", example)
        raise ask("多空两边都有持仓（锁仓），这个问题请分开问每一边", example)
    return positions[0]
