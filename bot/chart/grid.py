"""Price grids for the curves and the number formats of the labels (Decimal in, text out)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from bot.core.numbers import HUNDRED, ZERO, plain

STEPS = 240
"""Points per curve: smooth at 1200 px wide, cheap to draw."""
MARGIN = Decimal("0.2")
"""Room on each side of the marked prices, as a share of their spread."""
LONE_MARGIN = Decimal("0.05")
"""Room around a single marked price, as a share of the price."""


def price_grid(prices: Iterable[Decimal], *, floor: Decimal = ZERO) -> tuple[Decimal, ...]:
    """An even grid covering every price in ``prices`` with some room, the prices included.

    Every marked price is a grid point, so the curve passes exactly through the values the
    legend states. The grid stays above ``floor`` (prices are positive).
    """
    marks = sorted(set(prices))
    low, high = marks[0], marks[-1]
    room = (high - low) * MARGIN if high > low else abs(high) * LONE_MARGIN
    if room == ZERO:
        room = Decimal(1)
    start = low - room
    if start <= floor:
        start = floor + (low - floor) / 2
    end = high + room
    step = (end - start) / STEPS
    grid = {start + step * i for i in range(STEPS + 1)}
    grid.update(mark for mark in marks if start <= mark <= end)
    return tuple(sorted(grid))


def unit_grid(marks: Iterable[Decimal]) -> tuple[Decimal, ...]:
    """0 … 1 (a win rate) in 1 % steps, the marked rates included."""
    grid = {Decimal(i) / HUNDRED for i in range(101)}
    grid.update(mark for mark in marks if ZERO <= mark <= 1)
    return tuple(sorted(grid))


def curve(
    xs: tuple[Decimal, ...], value: Callable[[Decimal], Decimal | None]
) -> tuple[Decimal | None, ...]:
    return tuple(value(x) for x in xs)


def money_text(value: Decimal, places: int = 2) -> str:
    """3,501 / −1,000 with thousands separators and a true minus sign."""
    return plain(value, places).replace("-", "−")


def signed_text(value: Decimal, places: int = 2) -> str:
    """+2,000 / −1,000: a P&L with its sign."""
    text = money_text(value, places)
    return text if value < ZERO else f"+{text}"


def pct_text(value: Decimal, places: int = 2) -> str:
    """A fraction as a percentage: 0.8 → 80%."""
    return money_text(value * HUNDRED, places) + "%"
