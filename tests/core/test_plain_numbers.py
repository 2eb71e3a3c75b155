"""``plain`` and the money formats: grouping by Python's ``,`` format, half-up cuts, no -0."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.numbers import plain
from bot.format.numbers import fmt_money, fmt_quote, fmt_signed_money

# Calculation results: at most 28 significant digits (the default context), any scale.
RESULTS = st.builds(
    lambda digits, places, negative: Decimal(f"{'-' if negative else ''}{digits}").scaleb(-places),
    st.integers(min_value=0, max_value=10**28 - 1),
    st.integers(min_value=0, max_value=14),
    st.booleans(),
)


@given(RESULTS, st.integers(min_value=0, max_value=10))
def test_the_text_reads_back_as_the_value_cut_half_up(value: Decimal, max_places: int) -> None:
    text = plain(value, max_places)
    shown = Decimal(text.replace(",", ""))
    assert "E" not in text  # never scientific notation
    assert not (text.startswith("-") and shown == 0)  # never -0
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent >= -max_places:  # nothing to cut
        assert shown == value
    else:
        assert shown == value.quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)


def test_money_never_shows_minus_zero() -> None:
    assert fmt_money(Decimal("-0.001")) == "0.00"  # rounds to -0.00, shown as 0.00
    assert fmt_signed_money(Decimal("-0.004")) == "0.00"
    assert fmt_money(Decimal("1234567.891")) == "1,234,567.89"


def test_cuts_half_up_and_groups() -> None:
    assert plain(Decimal("3500.333333335")) == "3,500.33333334"
    assert plain(Decimal("2.5"), 0) == "3"
    assert plain(Decimal("-0.000000001")) == "0"
    assert plain(Decimal("-1234.50"), 2) == "-1,234.5"
    assert plain(Decimal("1E+3")) == "1,000"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("57286.43216", "57,286.43"),
        ("3.14159", "3.1416"),
        ("0.143216", "0.1432"),
        ("0.0000123456", "0.00001235"),
        ("0", "0"),
        ("-0.5", "-0.5"),
    ],
)
def test_a_computed_price_keeps_the_digits_its_size_needs(value: str, text: str) -> None:
    assert fmt_quote(Decimal(value)) == text


def test_a_cheap_coins_liquidation_price_is_not_cut_to_cents() -> None:
    from bot.pipeline import answer

    text = answer("DOGE 多10000个 0.15 20倍 强平价").text
    assert re.search(r"^强平价\(逐仓多\)\s+0\.1432$", text, re.MULTILINE)
