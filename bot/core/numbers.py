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


def group_digits(digits: str) -> str:
    """Thousands separators for a run of ASCII digits: ``3500`` → ``3,500`` (as ``f"{n:,}"``)."""
    if len(digits) < 4:
        return digits
    if len(digits) < 7:
        return f"{digits[:-3]},{digits[-3:]}"
    return f"{int(digits):,}"


def plain(value: Decimal, max_places: int = 8) -> str:
    """Exact-looking text for formulas and steps: ``3,500`` / ``0.005`` / ``3,500.33333333``.

    Trailing fractional zeros are dropped, thousands are grouped, never scientific notation;
    fractions longer than ``max_places`` digits are cut half-up (display only).
    """
    # Hot path (a dozen calls per answer): ``str()`` of a Decimal without exponent notation is
    # its fixed-point text, so the usual shapes (3500, -300, 0.5, 3500.25) are finished as text
    # — several times cheaper than Decimal arithmetic and ``Decimal.__format__``. Anything else
    # (exponent notation, a fraction to cut, NaN / Infinity) takes ``_plain_exact``.
    text = str(value)
    if text.isdigit():  # a whole number: 2, 100, 3500
        if len(text) < 4:
            return text
        return f"{text[:-3]},{text[-3:]}" if len(text) < 7 else f"{int(text):,}"
    sign = ""
    if text[0] == "-":
        sign, text = "-", text[1:]
    whole, dot, fraction = text.partition(".")
    if whole.isdigit() and (not dot or (len(fraction) <= max_places and fraction.isdigit())):
        fraction = fraction.rstrip("0")
        if fraction:
            return f"{sign}{group_digits(whole)}.{fraction}"
        if whole == "0":  # 0, -0, 0.000
            return whole
        return sign + group_digits(whole)
    return _plain_exact(value, max_places)


def _plain_exact(value: Decimal, max_places: int) -> str:
    """``plain`` through Decimal operations: every value, whatever its exponent."""
    if not value.is_finite():  # Infinity raises InvalidOperation in quantize, NaN prints
        value = value.quantize(ONE) if value == value.to_integral_value() else value
        return format(value, ",f")
    if value == value.to_integral_value():
        return f"{int(value):,}"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -max_places:
        value = value.quantize(ONE.scaleb(-max_places), rounding=ROUND_HALF_UP)
        if value == value.to_integral_value():
            return f"{int(value):,}"
    value = value.normalize()
    text = format(value, ",f")
    return text[1:] if text.startswith("-") and value.is_zero() else text
