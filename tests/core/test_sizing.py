"""Sizing and rules of thumb: 2 % risk budget, break-even win rate, system ratio, expectancy."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.sizing import (
    PositionSizeRequest,
    breakeven_win_rate,
    compute_position_size,
    expectancy,
    system_ratio,
)
from bot.errors import DomainError

D = Decimal


def _size(**kw: Any) -> PositionSizeRequest:
    values: dict[str, Any] = {
        "equity": D(100000),
        "entry_price": D(3500),
        "stop_price": D(3450),
        "multiplier": D(10),
    }
    values.update(kw)
    return PositionSizeRequest(**values)


def test_two_percent_risk_without_fees() -> None:
    result = compute_position_size(_size())
    assert result.side == "long"
    assert result.budget == D(2000)
    assert result.risk_per_lot == D(500)
    assert result.lots == 4
    assert result.money_at_risk == D(2000)


def test_fees_are_included_and_lots_rounded_down() -> None:
    result = compute_position_size(_size(fee_per_lot=D(3)))
    assert result.risk_per_lot == D(506)  # 50 × 10 + 2 × 3
    assert result.lots == 3  # 2000 / 506 = 3.95 → 3
    assert result.money_at_risk == D(1518)
    assert any("2%" in a for a in result.assumptions)


def test_short_inferred_from_a_stop_above_entry() -> None:
    result = compute_position_size(_size(stop_price=D(3560), side="short"))
    assert result.side == "short"
    assert result.lots == 3  # 2000 / 600


def test_margin_cap_at_80_percent() -> None:
    result = compute_position_size(_size(stop_price=D(3499), margin_rate=D("0.1")))
    assert result.lots_by_risk == 200
    assert result.lots_by_margin == 22  # 80,000 / 3,500
    assert result.lots == 22
    assert result.margin == D(77000)
    assert result.risk_ratio == D("0.77")


def test_budget_smaller_than_one_lot_gives_zero_lots() -> None:
    result = compute_position_size(_size(equity=D(10000)))
    assert result.lots == 0
    assert result.money_at_risk == 0


def test_breakeven_win_rate_3_to_1_is_25_percent() -> None:
    result = breakeven_win_rate(D(3), D(1))
    assert result.breakeven_win_rate == D("0.25")
    assert any("25%" in s for s in result.steps)


def test_system_ratio_70_percent_at_3_to_1_is_7_to_1() -> None:
    result = system_ratio(D("0.7"), D(3), D(1))
    assert result.win_part == D("2.1")
    assert result.loss_part == D("0.3")
    assert result.ratio == 7
    assert result.expectancy_r == D("1.8")
    assert any("21:3" in a for a in result.assumptions)


def test_expectancy() -> None:
    result = expectancy(D("0.6"), D(300), D(200))
    assert result.expectancy == D(100)
    assert result.expectancy_r == D("0.5")


@given(
    st.integers(min_value=1, max_value=100).map(Decimal),
    st.integers(min_value=1, max_value=100).map(Decimal),
)
def test_breakeven_win_rate_really_breaks_even(reward: Decimal, risk: Decimal) -> None:
    p = Fraction(breakeven_win_rate(reward, risk).breakeven_win_rate)
    # p = risk / (reward + risk) is often non-terminating (1/3): exact to 1e-25
    assert abs(p * Fraction(reward) - (1 - p) * Fraction(risk)) < Fraction(1, 10**25)


@given(
    st.integers(min_value=10_000, max_value=10_000_000).map(Decimal),
    st.integers(min_value=1, max_value=50).map(lambda n: Decimal(n).scaleb(-3)),
    st.integers(min_value=1000, max_value=100_000).map(Decimal),
    st.integers(min_value=1, max_value=500).map(Decimal),
    st.sampled_from([1, 5, 10, 20, 100, 300]).map(Decimal),
    st.integers(min_value=0, max_value=20).map(Decimal),
)
def test_lots_are_the_most_the_budget_allows(
    equity: Decimal, fraction: Decimal, entry: Decimal, gap: Decimal, mult: Decimal, fee: Decimal
) -> None:
    result = compute_position_size(
        PositionSizeRequest(
            equity=equity,
            risk_fraction=fraction,
            entry_price=entry,
            stop_price=entry - gap,
            multiplier=mult,
            fee_per_lot=fee,
        )
    )
    per_lot = gap * mult + 2 * fee
    assert result.money_at_risk == result.lots * per_lot
    assert result.money_at_risk <= equity * fraction < (result.lots + 1) * per_lot


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"equity": D(0)}, "权益"),
        ({"risk_fraction": D(0)}, "风险比例"),
        ({"risk_fraction": D(1)}, "风险比例"),
        ({"stop_price": D(3500)}, "止损价不能等于开仓价"),
        ({"side": "short"}, "空单止损"),
        ({"multiplier": D(-1)}, "乘数"),
        ({"fee_per_lot": D(-3)}, "手续费"),
        ({"margin_rate": D(1)}, "保证金率"),
    ],
)
def test_invalid_sizing_values(kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(DomainError) as info:
        compute_position_size(_size(**kwargs))
    assert fragment in info.value.message
    assert info.value.example


def test_invalid_ratio_values() -> None:
    with pytest.raises(DomainError):
        breakeven_win_rate(D(0), D(1))
    with pytest.raises(DomainError):
        system_ratio(D(1), D(3), D(1))  # 100 % win rate: no losing side to compare with
    with pytest.raises(DomainError):
        expectancy(D("0.5"), D(100), D(-1))
