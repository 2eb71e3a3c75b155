"""Lots the margin allows: the largest whole number of lots within the cap, never more."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.margin_cap import MarginCapRequest, compute_margin_cap
from bot.errors import DomainError

MONEY = st.decimals(min_value=Decimal(1000), max_value=Decimal(10**8), places=2)
PRICES = st.decimals(min_value=Decimal("0.5"), max_value=Decimal(100000), places=2)
RATES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("0.5"), places=3)


@given(MONEY, PRICES, st.sampled_from([Decimal(5), Decimal(10), Decimal(300)]), RATES)
def test_lots_are_the_largest_that_fit(
    equity: Decimal, price: Decimal, multiplier: Decimal, rate: Decimal
) -> None:
    result = compute_margin_cap(
        MarginCapRequest(equity=equity, entry_price=price, multiplier=multiplier, margin_rate=rate)
    )
    per_lot = price * multiplier * rate
    cap = Decimal("0.8") * equity
    assert result.lots_within_cap * per_lot <= cap < (result.lots_within_cap + 1) * per_lot
    assert result.lots_all_in * per_lot <= equity < (result.lots_all_in + 1) * per_lot
    assert result.lots_within_cap <= result.lots_all_in
    assert result.ratio_within_cap <= Decimal("0.8")


def test_too_little_equity_says_how_much_is_missing() -> None:
    result = compute_margin_cap(
        MarginCapRequest(
            equity=Decimal(50000),
            entry_price=Decimal(3800),
            multiplier=Decimal(300),
            margin_rate=Decimal("0.12"),
        )
    )
    assert result.lots_all_in == 0
    assert "还差 86,800" in result.assumptions[0]


def test_margin_rate_must_be_a_rate() -> None:
    with pytest.raises(DomainError):
        MarginCapRequest(
            equity=Decimal(1), entry_price=Decimal(1), multiplier=Decimal(1), margin_rate=Decimal(1)
        )
