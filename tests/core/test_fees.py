"""Fees per side: per lot, rate on turnover, close-today, forced close costs the same."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.fees import FeeSchedule, fmt_rate
from bot.core.trades import Leg, TradeRequest, compute_trades
from bot.errors import DomainError
from tests.core.builders import assert_chinese_domain_error, buy_open, d, sell_close


def test_exchange_plus_broker_is_three_yuan_per_lot() -> None:
    # 003 document: exchange 2 元/手 + broker 1 元/手 = 3 元 for every lot closed.
    fees = FeeSchedule.combined(d(2), d(1))
    assert fees.per_lot == Decimal(3)
    assert fees.leg_fee(sell_close(1, 4800), d(10)) == Decimal(3)


def test_forced_close_costs_the_same_fee_as_a_voluntary_close() -> None:
    fees = FeeSchedule.combined(d(2), d(1))
    voluntary = Leg(action="close", side="long", lots=d(1), price=d(4800))
    forced = Leg(action="close", side="long", lots=d(1), price=d(4800), forced=True)
    assert fees.leg_fee(forced, d(10)) == fees.leg_fee(voluntary, d(10)) == Decimal(3)
    assert "强平与主动平仓手续费相同" in fees.describe()
    result = compute_trades(
        TradeRequest(legs=(buy_open(1, 5000), forced), multiplier=d(10), fees=fees)
    )
    assert [item.amount for item in result.fee_items] == [Decimal(3), Decimal(3)]
    assert result.fee_items[1].label == "卖平(强平)"


def test_per_lot_fee_charged_on_open_and_close() -> None:
    fees = FeeSchedule(per_lot=d(3))
    assert fees.leg_fee(buy_open(2, 1000), d(100)) == Decimal(6)
    assert fees.leg_fee(sell_close(2, 1020), d(100)) == Decimal(6)


def test_rate_on_turnover() -> None:
    # 万分之0.23 of 3500 × 10 × 5 = 175,000 → 4.025 元, kept exact.
    fees = FeeSchedule(rate=d("0.000023"))
    assert fees.leg_fee(buy_open(5, 3500), d(10)) == Decimal("4.025")
    assert fmt_rate(d("0.000023")) == "万分之0.23"


def test_per_lot_and_rate_add_up() -> None:
    fees = FeeSchedule(per_lot=d(1), rate=d("0.0001"))
    # 1 × 2 + 3500 × 10 × 2 × 0.0001 = 2 + 7 = 9
    assert fees.leg_fee(buy_open(2, 3500), d(10)) == Decimal(9)
    assert fees.leg_working(buy_open(2, 3500), d(10)) == "1 × 2 + 3,500 × 10 × 2 × 万分之1 = 9"


def test_close_today_fee_replaces_normal_fee_only_for_close_today_legs() -> None:
    # AP at CZCE (akshare sample): 5 元/手, 平今 20 元/手.
    fees = FeeSchedule(per_lot=d(5), close_today_per_lot=d(20))
    assert fees.leg_fee(buy_open(1, 8000), d(10)) == Decimal(5)
    assert fees.leg_fee(sell_close(1, 8100, today=True), d(10)) == Decimal(20)
    assert fees.leg_fee(sell_close(1, 8100, today=False), d(10)) == Decimal(5)
    assert fees.leg_fee(sell_close(1, 8100), d(10)) == Decimal(5)
    assert "平今：20元/手" in fees.describe()


def test_close_today_rate() -> None:
    fees = FeeSchedule(rate=d("0.0001"), close_today_rate=d("0.0003"))
    assert fees.leg_fee(sell_close(1, 1000, today=True), d(100)) == Decimal(30)
    assert fees.leg_fee(sell_close(1, 1000), d(100)) == Decimal(10)


def test_empty_schedule_charges_nothing() -> None:
    assert FeeSchedule().leg_fee(buy_open(3, 1000), d(10)) == 0


def test_fees_itemised_and_netted() -> None:
    result = compute_trades(
        TradeRequest(
            legs=(buy_open(2, 1000), sell_close(2, 1020)),
            multiplier=d(100),
            fees=FeeSchedule(per_lot=d(3)),
        )
    )
    assert [(item.leg, item.label, item.amount) for item in result.fee_items] == [
        (1, "买开", Decimal(6)),
        (2, "卖平", Decimal(6)),
    ]
    assert result.fees_total == Decimal(12)
    assert result.realized_gross == Decimal(4000)
    assert result.realized_net == Decimal(3988)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"per_lot": d(-3)},
        {"rate": d("-0.0001")},
        {"close_today_per_lot": d(-1)},
        {"close_today_rate": d("-0.1")},
        {"rate": d(1)},
        {"close_today_rate": d("1.5")},
    ],
)
def test_invalid_fees_raise_domain_error(kwargs: dict[str, Decimal]) -> None:
    with pytest.raises(DomainError) as excinfo:
        FeeSchedule(**kwargs)
    assert_chinese_domain_error(excinfo)
