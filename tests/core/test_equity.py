"""客户权益 from the day's statement (002 document) and the risk degree it gives."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.equity import EquityRequest, compute_equity
from bot.errors import DomainError


def test_equity_is_the_balance_plus_deposits_and_pnl_less_withdrawals_and_fees() -> None:
    result = compute_equity(
        EquityRequest(
            prev_balance=Decimal(100000),
            cash_in=Decimal(20000),
            daily_pnl=Decimal(-5000),
            fees=Decimal(200),
        )
    )
    assert result.equity == Decimal(114800)
    assert result.steps[-1] == "客户权益 = 100,000 + 20,000 − 0 + (-5,000) − 200 = 114,800"


def test_daily_pnl_from_close_and_hold_and_the_risk_degree() -> None:
    result = compute_equity(
        EquityRequest(
            prev_balance=Decimal(100000),
            cash_out=Decimal(10000),
            close_pnl=Decimal(3000),
            hold_pnl=Decimal(-1000),
            fees=Decimal(50),
            margin_used=Decimal(60000),
        )
    )
    assert result.daily_pnl == Decimal(2000)
    assert result.equity == Decimal(91950)
    assert result.available == Decimal(31950)
    assert result.risk_ratio == Decimal(60000) / Decimal(91950)


def test_an_account_wiped_out_is_said_to_be_through_zero() -> None:
    result = compute_equity(EquityRequest(prev_balance=Decimal(5000), daily_pnl=Decimal(-8000)))
    assert result.equity == Decimal(-3000)
    assert any("穿仓" in line for line in result.assumptions)


def test_negative_deposits_are_refused() -> None:
    with pytest.raises(DomainError, match="入金不能是负数"):
        EquityRequest(prev_balance=Decimal(1), cash_in=Decimal(-5))


def test_positions_typed_beside_a_statement_are_said_unused() -> None:
    from bot.pipeline import answer

    text = answer("上日结存10万 开多2手 rb 3500 当日盈亏2000").text
    assert "102,000.00 元" in text and "没有用到：持仓和合约" in text


def test_a_withdrawal_larger_than_the_balance_is_refused() -> None:
    # 上日结存 10,000 + 入金 2,000 = 12,000 < 出金 15,000
    with pytest.raises(DomainError) as excinfo:
        EquityRequest(prev_balance=Decimal(10000), cash_in=Decimal(2000), cash_out=Decimal(15000))
    assert "超过了账户资金" in excinfo.value.message
    assert excinfo.value.example


def test_withdrawing_the_whole_balance_is_allowed() -> None:
    # 10,000 + 2,000 − 12,000 = 0
    result = compute_equity(
        EquityRequest(prev_balance=Decimal(10000), cash_in=Decimal(2000), cash_out=Decimal(12000))
    )
    assert result.equity == Decimal(0)


def test_the_closing_balance_is_the_statements_line_before_the_holding_pnl() -> None:
    result = compute_equity(
        EquityRequest(
            prev_balance=Decimal(200000),
            close_pnl=Decimal(-3000),
            hold_pnl=Decimal(4500),
            fees=Decimal("120.5"),
        )
    )
    # 当日结存 = 200,000 − 3,000 − 120.5 = 196,879.5; 客户权益 = 196,879.5 + 4,500 = 201,379.5
    assert result.closing_balance == Decimal("196879.5")
    assert result.equity == Decimal("201379.5")


def test_no_closing_balance_when_the_days_pnl_is_one_figure() -> None:
    result = compute_equity(EquityRequest(prev_balance=Decimal(1000), daily_pnl=Decimal(50)))
    assert result.closing_balance is None
    assert result.equity == Decimal(1050)
