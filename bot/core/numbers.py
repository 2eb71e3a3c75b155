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


def plain(value: Decimal, max_places: int = 8) -> str:
    """Exact-looking text for formulas and steps: ``3,500`` / ``0.005`` / ``3,500.33333333``.

    Trailing fractional zeros are dropped, thousands are grouped (Python's ``,`` format),
    never scientific notation, never ``-0``; fractions longer than ``max_places`` digits are
    cut half-up (display only).
    """
    if not value.is_finite():
        return format(value, ",f")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -max_places:
        value = value.quantize(ONE.scaleb(-max_places), rounding=ROUND_HALF_UP)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    text = format(value.normalize(), ",f")
    return text[1:] if text.startswith("-") and value.is_zero() else text


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
