"""``plain``: the text fast path gives exactly what the Decimal path gives."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bot.core.numbers import _plain_exact, plain

# Calculation results: at most 28 significant digits (the default context), any scale.
RESULTS = st.builds(
    lambda digits, places, negative: Decimal(f"{'-' if negative else ''}{digits}").scaleb(-places),
    st.integers(min_value=0, max_value=10**28 - 1),
    st.integers(min_value=0, max_value=14),
    st.booleans(),
)


@given(RESULTS, st.integers(min_value=0, max_value=10))
def test_text_path_matches_decimal_path(value: Decimal, max_places: int) -> None:
    assert plain(value, max_places) == _plain_exact(value, max_places)


def test_cuts_half_up_and_groups() -> None:
    assert plain(Decimal("3500.333333335")) == "3,500.33333334"
    assert plain(Decimal("2.5"), 0) == "3"
    assert plain(Decimal("-0.000000001")) == "0"
    assert plain(Decimal("-1234.50"), 2) == "-1,234.5"
    assert plain(Decimal("1E+3")) == "1,000"
