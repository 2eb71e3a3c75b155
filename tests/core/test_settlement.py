"""逐日盯市 vs 逐笔对冲 settlement of one trading day."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.fees import FeeSchedule
from bot.core.results import Side
from bot.core.settlement import SettlementRequest, compute_settlement
from bot.core.trades import Leg
from bot.errors import DomainError
from tests.core.builders import (
    assert_chinese_domain_error,
    buy_close,
    buy_open,
    d,
    sell_close,
    sell_open,
)


def cffex_example(**kwargs: object) -> SettlementRequest:
    """10 long carried, 昨结 1500; buy 8 @1505; sell-close 5 @1510; 今结 1515; ×300."""
    base: dict[str, object] = {
        "multiplier": d(300),
        "prev_settle": d(1500),
        "settle": d(1515),
        "carried_long": d(10),
        "trades": (buy_open(8, 1505), sell_close(5, 1510)),
    }
    base.update(kwargs)
    return SettlementRequest(**base)


def test_cffex_example_daily_pnl_is_61500() -> None:
    result = compute_settlement(cffex_example())
    assert result.daily_pnl == Decimal(61500)
    assert result.close_hist_mtm == Decimal(15000)  # (1510 − 1500) × 300 × 5
    assert result.close_today_mtm == 0
    assert result.hold_hist_mtm == Decimal(22500)  # (1515 − 1500) × 300 × 5
    assert result.hold_today_mtm == Decimal(24000)  # (1515 − 1505) × 300 × 8
    assert result.hold_pnl_mtm == Decimal(46500)
    assert any("= 205 × 300 = 61,500" in step for step in result.steps)


def test_cffex_example_trade_by_trade_needs_the_carried_open_price() -> None:
    result = compute_settlement(cffex_example())
    assert result.close_pnl_trade is None
    assert result.float_pnl_trade is None
    assert any("开仓价" in a for a in result.assumptions)


def test_cffex_example_trade_by_trade_with_open_price() -> None:
    result = compute_settlement(cffex_example(carried_long_open=d(1480)))
    assert result.close_pnl_trade == Decimal(45000)  # (1510 − 1480) × 300 × 5
    assert result.float_pnl_trade == Decimal(76500)  # 35 × 300 × 5 + 10 × 300 × 8
    # The two views differ by what earlier days already settled: (1500 − 1480) × 300 × 10.
    assert (result.close_pnl_trade + result.float_pnl_trade) - (result.daily_pnl or 0) == 60000


def test_close_today_marked_against_fill_price() -> None:
    # 平今: the close is matched to today's open at 1505, not to 昨结.
    result = compute_settlement(
        cffex_example(trades=(buy_open(8, 1505), sell_close(5, 1510, today=True)))
    )
    assert result.close_today_mtm == Decimal(7500)  # (1510 − 1505) × 300 × 5
    assert result.close_hist_mtm == 0
    assert result.hold_hist_mtm == Decimal(45000)  # 10 × 15 × 300
    assert result.hold_today_mtm == Decimal(9000)  # 3 × 10 × 300
    assert result.daily_pnl == Decimal(61500)  # the day's total does not depend on matching


def test_short_positions_flip_the_sign() -> None:
    result = compute_settlement(
        SettlementRequest(
            multiplier=d(10),
            prev_settle=d(3500),
            settle=d(3480),
            carried_short=d(2),
            carried_short_open=d(3550),
            trades=(sell_open(1, 3510), buy_close(1, 3490)),
        )
    )
    assert result.close_hist_mtm == Decimal(100)  # (3500 − 3490) × 10 × 1
    assert result.hold_hist_mtm == Decimal(200)  # (3500 − 3480) × 10 × 1
    assert result.hold_today_mtm == Decimal(300)  # (3510 − 3480) × 10 × 1
    assert result.daily_pnl == Decimal(600)
    assert result.close_pnl_trade == Decimal(600)  # (3550 − 3490) × 10
    assert result.float_pnl_trade == Decimal(700 + 300)


def test_without_settle_price_holding_pnl_is_unknown() -> None:
    result = compute_settlement(cffex_example(settle=None))
    assert result.close_pnl_mtm == Decimal(15000)
    assert result.hold_pnl_mtm is None
    assert result.daily_pnl is None


def test_flat_at_close_needs_no_settle_price() -> None:
    result = compute_settlement(
        SettlementRequest(
            multiplier=d(10),
            prev_settle=d(4600),
            carried_long=d(1),
            carried_long_open=d(4560),
            trades=(sell_close(1, 4700),),
        )
    )
    assert result.close_pnl_trade == Decimal(1400)  # the cn_rules rb example
    assert result.close_pnl_mtm == Decimal(1000)
    assert result.daily_pnl == Decimal(1000)


def test_fees_close_today_vs_history() -> None:
    fees = FeeSchedule(per_lot=d(2), close_today_per_lot=d(5))
    result = compute_settlement(
        cffex_example(
            trades=(buy_open(8, 1505), sell_close(9, 1510)),
            fees=fees,
        )
    )
    # open 8 × 2 = 16; FIFO closes 9 of the 10 carried lots at the normal fee: 9 × 2 = 18.
    assert result.fees_total == Decimal(16 + 18)
    assert result.daily_pnl_net == (result.daily_pnl or 0) - 34


def test_fifo_closing_spills_into_todays_lots_at_close_today_fee() -> None:
    fees = FeeSchedule(per_lot=d(2), close_today_per_lot=d(5))
    result = compute_settlement(
        cffex_example(trades=(buy_open(8, 1505), sell_close(12, 1510)), fees=fees)
    )
    assert [(c.historical, c.lots, c.fee) for c in result.closes] == [
        (True, Decimal(10), Decimal(20)),
        (False, Decimal(2), Decimal(10)),
    ]
    assert result.fees_total == Decimal(16 + 20 + 10)


def test_closing_more_than_held_raises() -> None:
    with pytest.raises(DomainError) as excinfo:
        compute_settlement(cffex_example(trades=(sell_close(5, 1510, today=True),)))
    assert_chinese_domain_error(excinfo)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"multiplier": d(0)},
        {"prev_settle": d(0)},
        {"settle": d(-1)},
        {"carried_long": d(-1)},
        {"carried_short_open": d(0)},
        {"carried_long": d(0), "trades": ()},
    ],
)
def test_invalid_settlement_values(kwargs: dict[str, object]) -> None:
    with pytest.raises(DomainError) as excinfo:
        cffex_example(**kwargs)
    assert_chinese_domain_error(excinfo)


prices = st.integers(min_value=100_00, max_value=200_00).map(lambda i: Decimal(i) / 100)


@st.composite
def days(draw: st.DrawFn) -> SettlementRequest:
    held: dict[Side, int] = {
        "long": draw(st.integers(min_value=0, max_value=20)),
        "short": draw(st.integers(min_value=0, max_value=20)),
    }
    carried = dict(held)
    legs = []
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        side: Side = draw(st.sampled_from(["long", "short"]))
        if held[side] and draw(st.booleans()):
            lots = draw(st.integers(min_value=1, max_value=held[side]))
            held[side] -= lots
            legs.append(Leg(action="close", side=side, lots=Decimal(lots), price=draw(prices)))
        else:
            lots = draw(st.integers(min_value=1, max_value=20))
            held[side] += lots
            legs.append(Leg(action="open", side=side, lots=Decimal(lots), price=draw(prices)))
    return SettlementRequest(
        multiplier=draw(st.sampled_from([d(5), d(10), d(300)])),
        prev_settle=draw(prices),
        settle=draw(prices),
        carried_long=Decimal(carried["long"]),
        carried_short=Decimal(carried["short"]),
        carried_long_open=draw(prices),
        carried_short_open=draw(prices),
        trades=tuple(legs),
    )


@given(req=days())
def test_daily_pnl_equals_cffex_formula(req: SettlementRequest) -> None:
    """平仓盈亏 + 持仓盈亏 equals the exchange's one-line formula, whatever the matching."""
    assert req.settle is not None
    settle = req.settle
    points = Decimal(0)
    for leg in req.trades:
        sells = (leg.action == "open") == (leg.side == "short")
        points += (leg.price - settle) * leg.lots if sells else (settle - leg.price) * leg.lots
    points += (req.prev_settle - settle) * (req.carried_short - req.carried_long)
    result = compute_settlement(req)
    assert result.daily_pnl == points * req.multiplier


@given(req=days())
def test_views_differ_by_previously_settled_pnl(req: SettlementRequest) -> None:
    result = compute_settlement(req)
    assert result.close_pnl_trade is not None and result.float_pnl_trade is not None
    assert req.carried_long_open is not None and req.carried_short_open is not None
    earlier = (
        (req.prev_settle - req.carried_long_open) * req.carried_long
        + (req.carried_short_open - req.prev_settle) * req.carried_short
    ) * req.multiplier
    trade_total = result.close_pnl_trade + result.float_pnl_trade
    assert trade_total - (result.daily_pnl or 0) == earlier
