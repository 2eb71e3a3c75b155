"""A-share costs (cn_rules.md §5): commission with minimum, stamp duty on sells, transfer fee."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.stocks import StockTradeRequest, compute_stock, stock_costs
from bot.errors import DomainError

D = Decimal


def test_doc_example_sell_100000_costs_76() -> None:
    costs = stock_costs(D(100000), sell=True, commission_rate=D("0.00025"))
    assert costs.commission == D(25)
    assert costs.stamp_duty == D(50)
    assert costs.transfer_fee == D(1)
    assert costs.total == D(76)
    assert costs.min_commission_applied is False


def test_buy_pays_no_stamp_duty() -> None:
    costs = stock_costs(D(100000), sell=False)
    assert costs.stamp_duty == 0
    assert costs.total == D(26)


def test_minimum_commission_of_5_yuan() -> None:
    costs = stock_costs(D(10000), sell=True)
    assert costs.commission == D(5)  # 2.5 by rate → 5 minimum
    assert costs.min_commission_applied is True
    assert costs.total == D("10.1")  # 5 + 5 + 0.1


def test_round_trip() -> None:
    result = compute_stock(StockTradeRequest(buy_price=D(10), sell_price=D("10.5"), quantity=10000))
    assert result.buy.total == D(26)
    assert result.sell is not None
    # sell 105,000: 26.25 + 52.5 + 1.05
    assert result.sell.total == D("79.8")
    assert result.gross_pnl == D(5000)
    assert result.total_costs == D("105.8")
    assert result.net_pnl == D("4894.2")
    assert result.return_rate == D("4894.2") / D(100026)


def test_breakeven_sell_price() -> None:
    result = compute_stock(StockTradeRequest(buy_price=D(10), quantity=10000))
    # 100,026 / (1 − 0.00025 − 0.0005 − 0.00001)
    assert result.breakeven_sell_price == D(100026) / D("0.99924") / D(10000)
    assert result.breakeven_sell_price_tick == D("10.02")
    small = compute_stock(StockTradeRequest(buy_price=D(10), quantity=100))
    # minimum commission branch: (1,005.01 + 5) / (1 − 0.00051) / 100
    assert small.breakeven_sell_price == D("1010.01") / D("0.99949") / D(100)


@given(
    st.integers(min_value=1, max_value=100_000).map(lambda n: Decimal(n).scaleb(-2)),
    st.integers(min_value=1, max_value=1000).map(lambda n: n * 100),
    st.sampled_from(["0.0001", "0.00025", "0.0003", "0.001", "0.003"]).map(Decimal),
)
def test_tick_breakeven_is_the_lowest_price_that_does_not_lose(
    price: Decimal, shares: int, rate: Decimal
) -> None:
    result = compute_stock(
        StockTradeRequest(buy_price=price, quantity=shares, commission_rate=rate)
    )
    tick = result.breakeven_sell_price_tick
    at = compute_stock(
        StockTradeRequest(buy_price=price, sell_price=tick, quantity=shares, commission_rate=rate)
    )
    assert at.net_pnl is not None and at.net_pnl >= 0
    below = tick - D("0.01")
    if below > 0:
        lower = compute_stock(
            StockTradeRequest(
                buy_price=price, sell_price=below, quantity=shares, commission_rate=rate
            )
        )
        assert lower.net_pnl is not None and lower.net_pnl < 0


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"quantity": 0}, "股数"),
        ({"buy_price": D(0)}, "买入价"),
        ({"sell_price": D(-1)}, "卖出价"),
        ({"commission_rate": D(1)}, "佣金率"),
        ({"commission_rate": D(-1)}, "佣金率"),
        ({"min_commission": D(-5)}, "最低佣金"),
        ({"stamp_duty_rate": D("1.5")}, "印花税率"),
    ],
)
def test_invalid_values(kwargs: dict[str, Any], fragment: str) -> None:
    values: dict[str, Any] = {"buy_price": D(10), "quantity": 100}
    values.update(kwargs)
    with pytest.raises(DomainError) as info:
        compute_stock(StockTradeRequest(**values))
    assert fragment in info.value.message


def test_each_fee_item_is_rounded_to_fen() -> None:
    costs = stock_costs(D(10500), sell=True)
    assert costs.commission == D(5)  # 2.625 by rate → minimum 5
    assert costs.stamp_duty == D("5.25")
    assert costs.transfer_fee == D("0.11")  # 0.105 rounded half-up
    assert costs.total == D("10.36")
