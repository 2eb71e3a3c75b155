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
    # its fixed-point text, so the usual shapes (3500, -300, 0.5, 3,500.33) are finished as
    # text — several times cheaper than Decimal arithmetic and ``Decimal.__format__``. Anything
    # else (exponent notation, NaN / Infinity, huge values) takes ``_plain_exact``.
    text = str(value)
    if text.isdigit():  # a whole number: 2, 100, 3500
        if len(text) < 4:
            return text
        return f"{text[:-3]},{text[-3:]}" if len(text) < 7 else f"{int(text):,}"
    sign = ""
    if text[0] == "-":
        sign, text = "-", text[1:]
    whole, dot, fraction = text.partition(".")
    if (
        not whole.isdigit()
        or (dot and not fraction.isdigit())
        or len(whole) + len(fraction) > _CONTEXT_DIGITS
        or max_places < 0
    ):
        return _plain_exact(value, max_places)
    fraction = fraction.rstrip("0")
    if len(fraction) > max_places:
        whole, fraction = _round_half_up(whole, fraction, max_places)
    if fraction:
        return f"{sign}{group_digits(whole)}.{fraction}"
    if whole == "0":  # 0, -0, 0.000, -0.000000001 cut to 8 places
        return whole
    return sign + group_digits(whole)


_CONTEXT_DIGITS = 28
"""Precision of the default decimal context. ``_plain_exact`` rounds longer values to it (and
refuses to cut some), so the text path takes only values of at most this many digits, which
every calculation result is."""


def _round_half_up(whole: str, fraction: str, places: int) -> tuple[str, str]:
    """``whole.fraction`` (digits, no sign) cut half-up to ``places`` fraction digits, as text."""
    up = 1 if fraction[places] >= "5" else 0
    digits = str(int(whole + fraction[:places]) + up).rjust(places + 1, "0")
    if places == 0:
        return digits, ""
    return digits[:-places], digits[-places:].rstrip("0")


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
