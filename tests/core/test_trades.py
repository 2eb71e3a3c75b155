"""Realized P&L, FIFO matching, locked positions, floating P&L and margin."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.fees import FeeSchedule
from bot.core.results import Side
from bot.core.trades import Leg, TradeRequest, compute_trades
from bot.errors import DomainError
from tests.core.builders import (
    assert_chinese_domain_error,
    buy_close,
    buy_open,
    d,
    sell_close,
    sell_open,
)


def trades(*legs: Leg, multiplier: int | str = 1, **kwargs: object) -> TradeRequest:
    return TradeRequest(legs=legs, multiplier=d(multiplier), **kwargs)


# --- worked examples from the source documents ---------------------------------------------


def test_001_open_long_2_lots_unit_100_from_1000_to_1020_is_4000() -> None:
    result = compute_trades(trades(buy_open(2, 1000), sell_close(2, 1020), multiplier=100))
    assert result.realized_gross == Decimal(4000)
    assert result.realized_net == Decimal(4000)
    assert result.positions == ()
    assert "多2手：(1,020 − 1,000) × 100 × 2 = 4,000" in result.steps


def test_000_if_10_long_sell_close_6_leaves_4_long() -> None:
    # Open 10 long IF at 1400, sell-close 6 at 1415 → 4 long left; (1415 − 1400) × 300 × 6.
    result = compute_trades(trades(buy_open(10, 1400), sell_close(6, 1415), multiplier=300))
    assert result.realized_gross == Decimal(27000)
    assert [(p.side, p.lots, p.avg_price) for p in result.positions] == [
        ("long", Decimal(4), Decimal(1400))
    ]
    assert result.locked is False


def test_000_sell_open_6_instead_makes_10_long_plus_6_short_locked() -> None:
    result = compute_trades(trades(buy_open(10, 1400), sell_open(6, 1415), multiplier=300))
    assert result.matches == ()
    assert result.realized_gross == 0
    assert [(p.side, p.lots) for p in result.positions] == [
        ("long", Decimal(10)),
        ("short", Decimal(6)),
    ]
    assert result.locked is True
    assert any("锁仓" in line for line in result.assumptions)


def test_cn_rules_rb_4560_to_4700_times_10_is_1400() -> None:
    result = compute_trades(trades(buy_open(1, 4560), sell_close(1, 4700), multiplier=10))
    assert result.realized_gross == Decimal(1400)


def test_short_profit_when_price_falls() -> None:
    result = compute_trades(trades(sell_open(3, 3550), buy_close(3, 3500), multiplier=10))
    assert result.realized_gross == Decimal(1500)


def test_rb_buy_5_with_3_yuan_fee() -> None:
    # 买开5手rb2505 3500 卖平3550 手续费3元/手: 50 × 10 × 5 = 2,500 − 30 = 2,470.
    result = compute_trades(
        trades(
            buy_open(5, 3500), sell_close(5, 3550), multiplier=10, fees=FeeSchedule(per_lot=d(3))
        )
    )
    assert result.realized_gross == Decimal(2500)
    assert result.fees_total == Decimal(30)
    assert result.realized_net == Decimal(2470)


# --- FIFO ------------------------------------------------------------------------------------


def test_fifo_closes_the_oldest_open_first() -> None:
    result = compute_trades(
        trades(buy_open(3, 1400), buy_open(3, 1410), sell_close(5, 1415), multiplier=300)
    )
    assert [(m.lots, m.open_price, m.gross_pnl, m.open_leg) for m in result.matches] == [
        (Decimal(3), Decimal(1400), Decimal(13500), 1),
        (Decimal(2), Decimal(1410), Decimal(3000), 2),
    ]
    assert result.realized_gross == Decimal(16500)
    assert [(p.lots, p.avg_price) for p in result.positions] == [(Decimal(1), Decimal(1410))]


def test_average_price_of_remaining_lots() -> None:
    result = compute_trades(
        trades(buy_open(1, 1000), buy_open(2, 1003), sell_close(1, 1010), multiplier=10)
    )
    assert result.positions[0].avg_price == Decimal(1003)
    result = compute_trades(trades(buy_open(1, 1000), buy_open(2, 1003), multiplier=10))
    assert result.positions[0].avg_price == Decimal(1002)


def test_close_matches_only_the_same_side() -> None:
    result = compute_trades(
        trades(buy_open(2, 100), sell_open(2, 110), buy_close(2, 105), multiplier=10)
    )
    assert [(m.side, m.gross_pnl) for m in result.matches] == [("short", Decimal(100))]
    assert [(p.side, p.lots) for p in result.positions] == [("long", Decimal(2))]


def test_closing_more_than_open_raises() -> None:
    with pytest.raises(DomainError) as excinfo:
        compute_trades(trades(buy_open(4, 1400), sell_close(6, 1415), multiplier=300))
    assert_chinese_domain_error(excinfo)
    assert "4手" in excinfo.value.message


def test_closing_a_side_that_is_not_held_raises() -> None:
    with pytest.raises(DomainError):
        compute_trades(trades(buy_open(4, 1400), buy_close(1, 1390), multiplier=300))


# --- floating P&L, margin, return ------------------------------------------------------------


def test_floating_pnl_and_margin_at_mark_price() -> None:
    result = compute_trades(
        trades(
            buy_open(10, 1400),
            sell_close(6, 1415),
            multiplier=300,
            mark_price=d(1420),
            margin_rate=d("0.12"),
        )
    )
    assert result.floating_pnl == Decimal(24000)  # (1420 − 1400) × 300 × 4
    assert result.total_pnl == Decimal(51000)
    assert result.margin == Decimal(1420 * 300 * 4) * Decimal("0.12")  # 204,480
    assert result.margin == Decimal("204480.00")
    assert result.open_margin == Decimal("504000.00")  # 1400 × 300 × 10 × 12 %
    assert result.return_on_margin == Decimal(51000) / Decimal(504000)


def test_margin_at_average_price_without_mark() -> None:
    result = compute_trades(trades(buy_open(2, 3500), multiplier=10, margin_rate=d("0.1")))
    assert result.margin == Decimal(7000)
    assert result.floating_pnl is None
    assert result.return_on_margin is None


def test_return_on_margin_of_closed_trade() -> None:
    result = compute_trades(
        trades(
            buy_open(2, 1000),
            sell_close(2, 1020),
            multiplier=100,
            margin_rate=d("0.1"),
            fees=FeeSchedule(per_lot=d(3)),
        )
    )
    assert result.open_margin == Decimal(20000)
    assert result.return_on_margin == Decimal("0.1994")
    assert result.margin == 0


def test_short_floating_pnl() -> None:
    result = compute_trades(trades(sell_open(2, 3550), multiplier=10, mark_price=d(3600)))
    assert result.floating_pnl == Decimal(-1000)


def test_result_explains_itself() -> None:
    result = compute_trades(
        trades(
            buy_open(2, 1000), sell_close(2, 1020), multiplier=100, fees=FeeSchedule(per_lot=d(3))
        )
    )
    assert result.formula[0].startswith("平仓盈亏 = (平仓价 − 开仓价)")
    assert any("FIFO" in a for a in result.assumptions)
    assert any("3元/手" in a for a in result.assumptions)
    assert "净盈亏：4,000 − 12 = 3,988" in result.steps


# --- invalid values --------------------------------------------------------------------------


@pytest.mark.parametrize(("lots", "price"), [("0", "100"), ("-1", "100"), ("1", "0"), ("1", "-5")])
def test_invalid_leg_values(lots: str, price: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        Leg(action="open", side="long", lots=Decimal(lots), price=Decimal(price))
    assert_chinese_domain_error(excinfo)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"multiplier": d(0)},
        {"multiplier": d(-10)},
        {"mark_price": d(0)},
        {"margin_rate": d(0)},
        {"margin_rate": d(1)},
        {"margin_rate": d("1.5")},
    ],
)
def test_invalid_request_values(kwargs: dict[str, Decimal]) -> None:
    base: dict[str, object] = {"legs": (buy_open(1, 100),), "multiplier": d(10)}
    base.update(kwargs)
    with pytest.raises(DomainError) as excinfo:
        TradeRequest(**base)
    assert_chinese_domain_error(excinfo)


def test_no_legs_raises() -> None:
    with pytest.raises(DomainError):
        TradeRequest(legs=(), multiplier=d(10))


# --- properties ------------------------------------------------------------------------------

prices = st.integers(min_value=1, max_value=10_000_000).map(lambda i: Decimal(i) / 100)
lot_counts = st.integers(min_value=1, max_value=500).map(Decimal)
multipliers = st.sampled_from([Decimal(x) for x in ("1", "5", "10", "15", "300", "10000")])


@given(open_price=prices, close_price=prices, lots=lot_counts, multiplier=multipliers)
def test_long_short_antisymmetry(
    open_price: Decimal, close_price: Decimal, lots: Decimal, multiplier: Decimal
) -> None:
    def pnl(side: Side) -> Decimal:
        legs = (
            Leg(action="open", side=side, lots=lots, price=open_price),
            Leg(action="close", side=side, lots=lots, price=close_price),
        )
        return compute_trades(TradeRequest(legs=legs, multiplier=multiplier)).realized_gross

    assert pnl("long") == -pnl("short")
    assert pnl("long") == (close_price - open_price) * multiplier * lots


@st.composite
def leg_sequences(draw: st.DrawFn) -> list[Leg]:
    """Random open/close sequences that never close more than is open."""
    held: dict[Side, Decimal] = {"long": Decimal(0), "short": Decimal(0)}
    legs = []
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        side: Side = draw(st.sampled_from(["long", "short"]))
        if held[side] > 0 and draw(st.booleans()):
            lots = Decimal(draw(st.integers(min_value=1, max_value=int(held[side]))))
            held[side] -= lots
            legs.append(Leg(action="close", side=side, lots=lots, price=draw(prices)))
        else:
            lots = draw(lot_counts)
            held[side] += lots
            legs.append(Leg(action="open", side=side, lots=lots, price=draw(prices)))
    return legs


@given(legs=leg_sequences(), multiplier=multipliers)
def test_fifo_conserves_lots(legs: list[Leg], multiplier: Decimal) -> None:
    result = compute_trades(TradeRequest(legs=tuple(legs), multiplier=multiplier))
    for side in ("long", "short"):
        opened = sum((leg.lots for leg in legs if leg.side == side and leg.action == "open"), d(0))
        closed = sum((m.lots for m in result.matches if m.side == side), d(0))
        remaining = sum((p.lots for p in result.positions if p.side == side), d(0))
        assert opened == closed + remaining
    assert result.lots_opened == result.lots_closed + sum((p.lots for p in result.positions), d(0))


fee_amounts = st.integers(min_value=0, max_value=2000).map(lambda i: Decimal(i) / 100)
fee_rates = st.integers(min_value=0, max_value=1000).map(lambda i: Decimal(i) / 1_000_000)


@settings(max_examples=60)
@given(
    legs=leg_sequences(),
    multiplier=multipliers,
    per_lot=fee_amounts,
    extra_per_lot=fee_amounts,
    rate=fee_rates,
    extra_rate=fee_rates,
)
def test_more_fees_never_raise_net_pnl(
    legs: list[Leg],
    multiplier: Decimal,
    per_lot: Decimal,
    extra_per_lot: Decimal,
    rate: Decimal,
    extra_rate: Decimal,
) -> None:
    def net(fees: FeeSchedule | None) -> Decimal:
        return compute_trades(
            TradeRequest(legs=tuple(legs), multiplier=multiplier, fees=fees)
        ).realized_net

    low = FeeSchedule(per_lot=per_lot, rate=rate)
    high = FeeSchedule(per_lot=per_lot + extra_per_lot, rate=rate + extra_rate)
    assert net(None) >= net(low) >= net(high)
