"""Break-even, target and stop prices with round-trip fees, rounded to the tick safely."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.breakeven import BreakevenRequest, compute_breakeven, net_pnl_at
from bot.core.fees import FeeSchedule
from bot.core.results import Side
from bot.errors import DomainError
from tests.core.builders import assert_chinese_domain_error, d


def rb(side: Side = "long", **kwargs: object) -> BreakevenRequest:
    """2 lots of rb (×10, tick 1) at 3500 with 3 元/手 per side."""
    base: dict[str, object] = {
        "side": side,
        "lots": d(2),
        "entry_price": d(3500),
        "multiplier": d(10),
        "fees": FeeSchedule(per_lot=d(3)),
        "tick": d(1),
    }
    base.update(kwargs)
    return BreakevenRequest(**base)


def test_long_breakeven_rounds_up_to_tick() -> None:
    # Round trip 2 × 3 × 2 = 12 元 over 2 × 10 = 20 元 per point → 0.6 points above entry.
    result = compute_breakeven(rb())
    assert result.breakeven.exact == Decimal("3500.6")
    assert result.breakeven.price == Decimal(3501)
    assert result.breakeven.net_at_price == Decimal(8)
    assert result.round_trip_fee == Decimal(12)


def test_short_breakeven_rounds_down_to_tick() -> None:
    result = compute_breakeven(rb("short"))
    assert result.breakeven.exact == Decimal("3499.4")
    assert result.breakeven.price == Decimal(3499)
    assert result.breakeven.net_at_price == Decimal(8)


def test_target_and_stop_prices() -> None:
    result = compute_breakeven(rb(target_profit=d(2000), max_loss=d(1000)))
    assert result.target is not None and result.stop is not None
    assert result.target.exact == Decimal("3600.6")
    assert result.target.price == Decimal(3601)
    assert result.stop.exact == Decimal("3450.6")
    assert result.stop.price == Decimal(3451)  # up: the loss stays within 1,000
    assert result.stop.net_at_price == Decimal(-992)
    assert result.stop.ticks == Decimal(49)


def test_short_stop_rounds_down() -> None:
    result = compute_breakeven(rb("short", max_loss=d(1000)))
    assert result.stop is not None
    assert result.stop.exact == Decimal("3549.4")
    assert result.stop.price == Decimal(3549)


def test_no_fees_no_tick_breakeven_is_entry() -> None:
    result = compute_breakeven(rb(fees=None, tick=None))
    assert result.breakeven.exact == Decimal(3500)
    assert result.breakeven.price == Decimal(3500)
    assert any("未计手续费" in a for a in result.assumptions)


def test_rate_fees_exact_solution() -> None:
    req = rb(fees=FeeSchedule(rate=d("0.0001")), tick=None)
    result = compute_breakeven(req)
    exact = result.breakeven.exact
    assert exact is not None
    # (3500 × 20 + 7) / (20 × 0.9999)
    assert exact == (Decimal(3500 * 20) + Decimal(7)) / (Decimal(20) * Decimal("0.9999"))
    assert abs(net_pnl_at(req, exact)) < Decimal("1e-20")


def test_close_today_fee_used_when_asked() -> None:
    fees = FeeSchedule(per_lot=d(3), close_today_per_lot=d(13))
    result = compute_breakeven(rb(fees=fees, close_today=True, tick=None))
    assert result.breakeven.exact == Decimal("3501.6")  # open 6 + 平今 26 = 32 元 over 20 元/点
    assert result.round_trip_fee == Decimal(32)


def test_stop_below_zero_is_unreachable() -> None:
    result = compute_breakeven(rb(max_loss=d(10_000_000)))
    assert result.stop is not None
    assert result.stop.price is None
    assert any("达不到" in step for step in result.steps)


def test_explains_rounding_direction() -> None:
    result = compute_breakeven(rb())
    assert any("向上取整" in step for step in result.steps)
    assert any("多头向上、空头向下" in a for a in result.assumptions)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"lots": d(0)},
        {"lots": d(-2)},
        {"entry_price": d(0)},
        {"multiplier": d(0)},
        {"tick": d(0)},
        {"target_profit": d(-5)},
        {"max_loss": d(0)},
    ],
)
def test_invalid_breakeven_values(kwargs: dict[str, Decimal]) -> None:
    with pytest.raises(DomainError) as excinfo:
        rb("long", **kwargs)
    assert_chinese_domain_error(excinfo)


prices = st.integers(min_value=1000, max_value=1_000_000).map(lambda i: Decimal(i) / 10)
ticks = st.sampled_from([d("0.2"), d("0.5"), d(1), d(2), d(5), d(10)])


@given(
    side=st.sampled_from(["long", "short"]),
    lots=st.integers(min_value=1, max_value=50).map(Decimal),
    entry=prices,
    multiplier=st.sampled_from([d(5), d(10), d(20), d(300)]),
    per_lot=st.integers(min_value=0, max_value=30).map(Decimal),
    rate=st.integers(min_value=0, max_value=300).map(lambda i: Decimal(i) / 1_000_000),
    tick=ticks,
    target=st.integers(min_value=1, max_value=50_000).map(Decimal),
)
def test_rounded_prices_reach_the_goal_and_are_the_nearest_tick(
    side: Side,
    lots: Decimal,
    entry: Decimal,
    multiplier: Decimal,
    per_lot: Decimal,
    rate: Decimal,
    tick: Decimal,
    target: Decimal,
) -> None:
    req = BreakevenRequest(
        side=side,
        lots=lots,
        entry_price=entry,
        multiplier=multiplier,
        fees=FeeSchedule(per_lot=per_lot, rate=rate),
        tick=tick,
        target_profit=target,
    )
    result = compute_breakeven(req)
    step_back = -tick if side == "long" else tick
    for level in (result.breakeven, result.target):
        assert level is not None
        if level.price is None:  # a short cannot earn more than the price going to zero
            assert side == "short"
            assert level.exact is None or level.exact < tick
            continue
        assert level.exact is not None
        assert level.price % tick == 0
        assert net_pnl_at(req, level.price) >= level.net_pnl
        assert net_pnl_at(req, level.price + step_back) < level.net_pnl
        assert abs(net_pnl_at(req, level.exact) - level.net_pnl) < Decimal("1e-12")


def test_fractional_futures_lots_are_refused() -> None:
    with pytest.raises(DomainError) as excinfo:
        BreakevenRequest(
            side="long", lots=Decimal("1.5"), entry_price=Decimal(3500), multiplier=Decimal(10)
        )
    assert "整数" in excinfo.value.message


def test_fractional_coins_are_fine() -> None:
    # 0.5 coin at 60000, no fees: break-even = entry
    result = compute_breakeven(
        BreakevenRequest(
            side="long",
            lots=Decimal("0.5"),
            entry_price=Decimal(60000),
            multiplier=Decimal(1),
            counted_in="coins",
        )
    )
    assert result.breakeven.price == Decimal(60000)
