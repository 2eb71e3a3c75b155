"""Decimal helpers: one constructor, one rounding rule, bounded magnitudes."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from bot.errors import DomainError

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# Anything larger than this is not a real trading number; refusing it keeps Decimal work bounded.
MAX_MAGNITUDE = Decimal("1e15")


def D(value: str | int | Decimal) -> Decimal:  # noqa: N802 - beancount-style constructor
    """Build a Decimal from a str/int/Decimal (never from a float)."""
    if isinstance(value, float):  # pragma: no cover - guarded by type hints, kept as a tripwire
        raise TypeError("floats are not allowed for money; pass a str")
    try:
        result = value if isinstance(value, Decimal) else Decimal(value)
    except InvalidOperation as exc:
        raise DomainError(f"“{value}”不是一个数字", example="3500") from exc
    if not result.is_finite() or abs(result) > MAX_MAGNITUDE:
        raise DomainError(f"数字“{value}”超出合理范围", example="3500")
    return result


def money(value: Decimal, places: Decimal = CENT) -> Decimal:
    """Round a money amount half-up to ``places`` (0.01 by default)."""
    return value.quantize(places, rounding=ROUND_HALF_UP)
