"""An account with several products: margin per leg, 风险度, each leg's line prices."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.account_lines import compute_account_lines, leg_line_price
from bot.core.risk import AccountRiskRequest, RiskPosition, compute_account_risk
from bot.errors import DomainError
from bot.format.account_lines import format_account_lines_result
from bot.format.width import overwide_lines
from tests.core.builders import d


def rb_and_i(rb_lots: int = 2, i_lots: int = 1, equity: int = 100000) -> AccountRiskRequest:
    # rb 多 3500 ×10 保证金10%, i 空 800 ×100 保证金12%
    return AccountRiskRequest(
        equity=d(equity),
        positions=(
            RiskPosition(
                name="rb", side="long", lots=d(rb_lots), price=d(3500),
                multiplier=d(10), margin_rate=d("0.1"),
            ),
            RiskPosition(
                name="i", side="short", lots=d(i_lots), price=d(800),
                multiplier=d(100), margin_rate=d("0.12"),
            ),
        ),
    )  # fmt: skip


def test_rb_long_2_i_short_1_equity_100k() -> None:
    # rb: 2 × 3500 × 10 × 10% = 7,000; i: 1 × 800 × 100 × 12% = 9,600; total 16,600;
    # 风险度 16,600 / 100,000 = 16.6 %.
    result = compute_account_lines(rb_and_i())
    assert [leg.margin for leg in result.legs] == [Decimal(7000), Decimal(9600)]
    assert result.account.margin_used == Decimal(16600)
    assert result.account.risk_ratio == Decimal("0.166")
    # rb at 0 keeps equity 100,000 − 70,000 = 30,000 > margin 9,600: never reaches 100 %
    assert result.legs[0].lines[-1].price is None
    # i short, rb held: P = (1 × (100,000 + 100 × 800) − 7,000) / (100 × (0.12 + 1))
    #                     = 173,000 / 112 = 1,544.642857…
    forced_i = result.legs[1].lines[-1]
    assert forced_i.price == Decimal(173000) / Decimal(112)
    assert forced_i.move == Decimal(173000) / Decimal(112) - Decimal(800)
    blocks = format_account_lines_result(result)
    assert blocks[0].lines[0] == "风险度 16.6% 安全"
    assert overwide_lines(blocks) == ()


def test_leg_line_price_puts_the_account_exactly_on_the_line() -> None:
    # rb 20 lots: margin 70,000 + i 48,000 → check the rb price of the 90 % line by hand:
    # P = (0.9 × (100,000 − 200 × 3500) − 48,000) / (200 × (0.1 − 0.9)) = −588,000 / −160 = 3,675.
    account = compute_account_risk(rb_and_i(rb_lots=20, i_lots=5))
    price = leg_line_price(account.positions, 0, account.equity, d("0.9"))
    assert price == Decimal(3675)
    # at 3675: margin 200 × 0.1 × 3675 + 48,000 = 121,500; equity 100,000 + 200 × 175 = 135,000
    assert Decimal(121500) / Decimal(135000) == Decimal("0.9")


def test_single_leg_matches_the_single_position_line_price() -> None:
    request = AccountRiskRequest(
        equity=d(50000),
        positions=(
            RiskPosition(
                side="long", lots=d(10), price=d(3500), multiplier=d(10), margin_rate=d("0.1")
            ),
        ),
    )
    lines = compute_account_lines(request)
    risk = compute_account_risk(request)
    assert [line.price for line in lines.legs[0].lines] == [level.price for level in risk.lines]


def test_no_positions_is_refused() -> None:
    with pytest.raises(DomainError) as excinfo:
        compute_account_lines(AccountRiskRequest(equity=d(100000), margin_used=d(80000)))
    assert "至少一个持仓" in excinfo.value.message


def test_over_the_forced_line_warns_second() -> None:
    # rb 20 + i 5: margin 70,000 + 48,000 = 118,000 on 100,000 → 118 %: 强平;
    # deposit to 80 %: 118,000 / 0.8 − 100,000 = 47,500.
    result = compute_account_lines(rb_and_i(rb_lots=20, i_lots=5))
    blocks = format_account_lines_result(result)
    assert blocks[0].lines[0] == "风险度 118% 强平"
    assert blocks[1].lines[0] == "注意：已达强平线，需追加 47,500.00 元或减仓"
