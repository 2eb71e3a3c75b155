"""风险度 (002 document): ratio, status, line prices, lots to close, deposit, validation."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from bot.core.results import Side
from bot.core.risk import AccountRiskRequest, RiskPosition, compute_account_risk, line_price
from bot.errors import DomainError

D = Decimal


def _pos(
    side: Side = "long",
    lots: str = "10",
    price: str = "3500",
    mult: str = "10",
    rate: str = "0.1",
    entry_price: str | None = None,
) -> RiskPosition:
    return RiskPosition(
        side=side,
        lots=D(lots),
        price=D(price),
        multiplier=D(mult),
        margin_rate=D(rate),
        entry_price=D(entry_price) if entry_price is not None else None,
    )


def test_doc_example_80_percent_is_safe_against_a_100_percent_line() -> None:
    # 002: 权益 10 万, 保证金 8 万, 平仓线 100 % → 80 % (安全).
    result = compute_account_risk(
        AccountRiskRequest(equity=D(100000), margin_used=D(80000), warning_lines=())
    )
    assert result.risk_ratio == D("0.8")
    assert result.status == "安全"
    assert result.available == D(20000)


def test_doc_example_80_percent_reaches_the_default_warning_line() -> None:
    result = compute_account_risk(AccountRiskRequest(equity=D(100000), margin_used=D(80000)))
    assert result.risk_ratio == D("0.8")
    assert result.status == "预警"
    assert result.status_line == D("0.8")
    assert [line.reached for line in result.lines] == [True, False, False]
    assert result.deposit_needed == 0
    assert result.margin_to_release == 0


def test_doc_example_100_percent_hits_the_forced_line() -> None:
    result = compute_account_risk(AccountRiskRequest(equity=D(100000), margin_used=D(100000)))
    assert result.risk_ratio == 1
    assert result.status == "强平"
    assert result.status_line == D("1.0")
    assert result.lines[-1].kind == "forced"
    assert result.lines[-1].reached is True
    assert result.available == 0
    # tiered forced closing: back to 80 % → release 20,000 of margin or deposit 25,000
    assert result.target_ratio == D("0.8")
    assert result.margin_to_release == D(20000)
    assert result.deposit_needed == D(25000)
    assert result.lots_to_close is None


def test_tiered_close_at_100_percent_back_to_80_percent() -> None:
    # 10 lots × 5000 × 20 × 10 % = 100,000 margin on 100,000 equity → 100 %.
    pos = _pos(lots="10", price="5000", mult="20", rate="0.1")
    result = compute_account_risk(AccountRiskRequest(equity=D(100000), positions=(pos,)))
    assert result.margin_used == D(100000)
    assert result.status == "强平"
    assert result.lots_to_close == 2
    assert result.ratio_after_close == D("0.8")
    assert result.deposit_needed == D(25000)


def test_lots_to_close_rounds_up_to_whole_lots() -> None:
    # 10 lots × 3500 × 10 × 12 % = 42,000 on 40,000 equity = 105 %; target 80 % → 32,000
    # of margin may stay = 7.62 lots → keep 7, close 3 (ratio 73.5 %).
    pos = _pos(rate="0.12")
    result = compute_account_risk(AccountRiskRequest(equity=D(40000), positions=(pos,)))
    assert result.risk_ratio == D("1.05")
    assert result.lots_to_close == 3
    assert result.ratio_after_close == D("0.735")


def test_custom_target_ratio() -> None:
    result = compute_account_risk(
        AccountRiskRequest(equity=D(100000), margin_used=D(100000), target_ratio=D("0.5"))
    )
    assert result.deposit_needed == D(100000)
    assert result.margin_to_release == D(50000)


def test_line_prices_long_exact() -> None:
    # long 10 × 3500 × 10, 10 %, equity 100,000: P = L(E − kP0) / (k(r − L)), k = 100.
    result = compute_account_risk(AccountRiskRequest(equity=D(100000), positions=(_pos(),)))
    assert result.risk_ratio == D("0.35")
    assert result.status == "安全"
    prices = [line.price for line in result.lines]
    assert prices[0] is not None and Fraction(prices[0]) - Fraction(200000, 70) < Fraction(
        1, 10**20
    )
    assert prices[1] == D("2812.5")
    assert prices[2] == D(25000) / D(9)  # 2,777.78
    forced = result.lines[2]
    assert forced.price is not None and forced.price.quantize(D("0.01")) == D("2777.78")
    assert forced.move is not None and forced.move < 0


def test_line_price_short_exact() -> None:
    pos = _pos(side="short")
    assert line_price(pos, D(100000), D(1)) == D(450000) / D(110)  # 4,090.91


def test_unleveraged_long_never_reaches_a_line() -> None:
    # equity 400,000 ≥ contract value 350,000: even at price 0 the ratio stays below 10 %.
    result = compute_account_risk(AccountRiskRequest(equity=D(400000), positions=(_pos(),)))
    assert all(line.price is None for line in result.lines)
    assert result.lines[0].price_note is not None and "杠杆" in result.lines[0].price_note


def test_multi_position_account_has_no_single_line_price() -> None:
    positions = (_pos(), _pos(side="short", price="4000", mult="20", lots="2", rate="0.15"))
    result = compute_account_risk(AccountRiskRequest(equity=D(50000), positions=positions))
    # 35,000 + 2 × 4000 × 20 × 15 % = 59,000 → 118 %
    assert result.margin_used == D(59000)
    assert result.risk_ratio == D("1.18")
    assert result.available == D(-9000)  # above 100 % the available funds are negative
    assert all(line.price is None for line in result.lines)
    assert result.lots_to_close is None
    assert result.margin_to_release == D(19000)
    assert result.deposit_needed == D("23750")


def test_positions_override_a_stated_margin_and_say_so() -> None:
    result = compute_account_risk(
        AccountRiskRequest(equity=D(100000), margin_used=D(1), positions=(_pos(),))
    )
    assert result.margin_used == D(35000)
    assert any("未采用" in a for a in result.assumptions)


def test_floating_pnl_from_entry_price() -> None:
    result = compute_account_risk(
        AccountRiskRequest(equity=D(100000), positions=(_pos(side="short", entry_price="3600"),))
    )
    assert result.positions[0].floating_pnl == D(10000)


def test_result_explains_itself() -> None:
    result = compute_account_risk(AccountRiskRequest(equity=D(100000), positions=(_pos(),)))
    assert any("风险度 = 保证金占用 / 客户权益" in f for f in result.formula)
    assert any("35%" in s for s in result.steps)
    assert any("强平线 100%" in a for a in result.assumptions)


@pytest.mark.parametrize(
    ("request_kwargs", "fragment"),
    [
        ({"equity": D(0), "margin_used": D(1)}, "客户权益"),
        ({"equity": D(-5), "margin_used": D(1)}, "客户权益"),
        ({"equity": D(100)}, "保证金占用或持仓"),
        ({"equity": D(100), "margin_used": D(-1)}, "保证金占用"),
        ({"equity": D(100), "margin_used": D(1), "forced_line": D(0)}, "强平线"),
        ({"equity": D(100), "margin_used": D(1), "warning_lines": (D("1.1"),)}, "预警线"),
        ({"equity": D(100), "margin_used": D(1), "target_ratio": D(0)}, "目标风险度"),
    ],
)
def test_invalid_account_values(request_kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(DomainError) as info:
        compute_account_risk(AccountRiskRequest(**request_kwargs))
    assert fragment in info.value.message
    assert info.value.example


@pytest.mark.parametrize(
    ("pos_kwargs", "fragment"),
    [
        ({"lots": "0"}, "手数"),
        ({"lots": "-2"}, "手数"),
        ({"lots": "1.5"}, "整数"),
        ({"mult": "0"}, "乘数"),
        ({"price": "-3500"}, "最新价"),
        ({"rate": "1"}, "保证金率"),
        ({"rate": "0"}, "保证金率"),
        ({"entry_price": "0"}, "开仓价"),
    ],
)
def test_invalid_position_values(pos_kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(DomainError) as info:
        compute_account_risk(AccountRiskRequest(equity=D(100000), positions=(_pos(**pos_kwargs),)))
    assert fragment in info.value.message


def test_line_not_above_margin_rate_is_refused() -> None:
    # with a 85 % margin rate the ratio can never come back under an 80 % warning line
    with pytest.raises(DomainError) as info:
        compute_account_risk(AccountRiskRequest(equity=D(500000), positions=(_pos(rate="0.85"),)))
    assert "保证金率" in info.value.message


def test_a_margin_rate_worked_out_from_the_margin_keeps_the_margin_exact() -> None:
    # 90,000 in use on 10 lots rb at 3500: the rate 90000/350000 has no exact decimal; the
    # positions give 89,999.999… and the account keeps the 90,000 typed (risk exactly 90 %)
    rate = Decimal(90000) / Decimal(350000)
    position = RiskPosition(side="long", lots=10, price=3500, multiplier=10, margin_rate=rate)
    assert position.price * position.multiplier * position.lots * rate != 90000
    result = compute_account_risk(
        AccountRiskRequest(equity=100000, margin_used=90000, positions=(position,))
    )
    assert result.margin_used == 90000 and result.risk_ratio == Decimal("0.9")
    assert not any("未采用给出的" in line for line in result.assumptions)


def test_a_margin_that_disagrees_with_the_positions_is_recomputed_and_said() -> None:
    position = RiskPosition(
        side="long", lots=10, price=3500, multiplier=10, margin_rate=Decimal("0.1")
    )
    result = compute_account_risk(
        AccountRiskRequest(equity=100000, margin_used=90000, positions=(position,))
    )
    assert result.margin_used == 35000
    assert any("未采用给出的 90,000" in line for line in result.assumptions)
