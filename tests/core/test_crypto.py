"""USDT perpetuals: the worked liquidation examples of crypto_liq.md, P&L, ROE, funding."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.crypto import PerpRequest, compute_perp
from bot.core.numbers import money
from bot.core.results import Side
from bot.errors import DomainError

D = Decimal


def _perp(side: Side = "long", **kw: Any) -> PerpRequest:
    values: dict[str, Any] = {
        "quantity": D(1),
        "entry_price": D(60000),
        "leverage": D(20),
        "mmr": D("0.005"),
        "maint_amount": D(50),
    }
    values.update(kw)
    return PerpRequest(side=side, **values)


def _near(value: Decimal | None, exact: Fraction) -> bool:
    """Equal to the exact rational up to the 28-digit Decimal rounding (< 1e-20 here)."""
    return value is not None and abs(Fraction(value) - exact) < Fraction(1, 10**20)


def test_binance_isolated_long_57236_18() -> None:
    result = compute_perp(_perp())
    assert result.wallet_balance == D(3000)
    assert result.initial_margin == D(3000)
    # LP = (3000 + 50 − 60000) / (0.005 − 1) = 56950 / 0.995
    assert _near(result.liquidation_price, Fraction(56950) / Fraction("0.995"))
    assert result.liquidation_price is not None
    assert money(result.liquidation_price) == D("57236.18")
    assert result.already_liquidated is False
    assert "Binance 单向持仓公式" in result.assumptions[0]
    assert "逐仓" in result.assumptions[0]


def test_binance_isolated_short_62736_32() -> None:
    result = compute_perp(_perp(side="short"))
    assert _near(result.liquidation_price, Fraction(63050) / Fraction("1.005"))
    assert result.liquidation_price is not None
    assert money(result.liquidation_price) == D("62736.32")


def test_binance_cross_long_50502_51() -> None:
    result = compute_perp(
        _perp(
            mode="cross",
            leverage=None,
            wallet_balance=D(10000),
            other_maint=D(100),
            other_upnl=D(-200),
        )
    )
    # (10000 − 100 − 200 + 50 − 60000) / (−0.995)
    assert _near(result.liquidation_price, Fraction(50250) / Fraction("0.995"))
    assert result.liquidation_price is not None
    assert money(result.liquidation_price) == D("50502.51")
    assert "全仓" in result.assumptions[0]


def test_bybit_isolated_long_19700_and_short_20300() -> None:
    common: dict[str, Any] = {
        "entry_price": D(20000),
        "leverage": D(50),
        "maint_amount": D(0),
        "exchange": "bybit",
    }
    long = compute_perp(_perp(**common))
    assert long.initial_margin == D(400)
    assert long.maintenance_margin == D(100)
    assert long.liquidation_price == D(19700)
    assert "Bybit" in long.assumptions[0]
    short = compute_perp(_perp(side="short", **common))
    assert short.liquidation_price == D(20300)


def test_okx_derived_57257_66_and_62717_77() -> None:
    common: dict[str, Any] = {
        "mmr": D("0.004"),
        "fee_rate": D("0.0005"),
        "maint_amount": D(0),
        "exchange": "okx",
    }
    long = compute_perp(_perp(**common))
    assert _near(long.liquidation_price, Fraction(57000) / Fraction("0.9955"))
    assert long.liquidation_price is not None
    assert money(long.liquidation_price) == D("57257.66")
    short = compute_perp(_perp(side="short", **common))
    assert short.liquidation_price is not None
    assert money(short.liquidation_price) == D("62717.77")
    assert "非官方" in long.assumptions[0]


def test_unliquidatable_long_gives_no_price() -> None:
    # 1x: the margin covers a fall to 0 → LP = (60000 + 50 − 60000) / (−0.995) < 0
    result = compute_perp(_perp(leverage=D(1)))
    assert result.liquidation_price is None
    assert result.liquidation_note is not None and "不会被强平" in result.liquidation_note


def test_cross_short_without_enough_balance_is_already_liquidated() -> None:
    result = compute_perp(
        _perp(
            side="short",
            mode="cross",
            leverage=None,
            wallet_balance=D(1000),
            other_upnl=D(-62000),
        )
    )
    assert result.liquidation_price is None
    assert result.already_liquidated is True


def test_mark_price_beyond_liquidation_is_flagged() -> None:
    result = compute_perp(_perp(mark_price=D(57000)))
    assert result.already_liquidated is True


def test_pnl_roe_fees_and_funding() -> None:
    result = compute_perp(
        _perp(
            exit_price=D(61000),
            fee_rate=D("0.0005"),
            funding_rate=D("0.0001"),
            funding_periods=3,
        )
    )
    assert result.pnl == D(1000)
    assert result.roe == D(1000) / D(3000)
    assert result.open_fee == D(30)
    assert result.close_fee == D("30.5")
    assert result.funding_fee == D(18)  # 60,000 × 0.01 % × 3, the long pays
    assert result.net_pnl == D("921.5")


def test_short_receives_positive_funding() -> None:
    result = compute_perp(
        _perp(side="short", mark_price=D(59000), funding_rate=D("0.0001"), funding_periods=3)
    )
    assert result.pnl == D(1000)
    assert result.funding_fee == D("-17.7")  # 59,000 × 0.01 % × 3, received
    assert result.net_pnl == D("1017.7")


def test_negative_funding_rate_is_paid_by_shorts() -> None:
    result = compute_perp(_perp(side="short", funding_rate=D("-0.0002")))
    assert result.funding_fee == D(12)
    assert any("1 次" in a for a in result.assumptions)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"quantity": D(0)}, "数量"),
        ({"entry_price": D(-1)}, "开仓价"),
        ({"leverage": D(0)}, "杠杆"),
        ({"leverage": D(-5)}, "杠杆"),
        ({"leverage": D(200)}, "不低于初始保证金率"),
        ({"mmr": D(1)}, "维持保证金率"),
        ({"mmr": D(0)}, "维持保证金率"),
        ({"maint_amount": D(-1)}, "速算额"),
        ({"leverage": None}, "杠杆倍数或保证金"),
        ({"mode": "cross", "leverage": None}, "钱包余额"),
        ({"mode": "cross", "wallet_balance": D(1000), "exchange": "bybit"}, "只支持逐仓"),
        ({"other_upnl": D(-5)}, "逐仓不计"),
        ({"exit_price": D(0)}, "平仓价"),
        ({"fee_rate": D(-1)}, "手续费率"),
        ({"funding_rate": D(1)}, "资金费率"),
        ({"funding_rate": D("0.0001"), "funding_periods": -1}, "次数"),
    ],
)
def test_invalid_values(kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(DomainError) as info:
        compute_perp(_perp(**kwargs))
    assert fragment in info.value.message
    assert info.value.example


@given(
    st.sampled_from(["long", "short"]),
    st.integers(min_value=1, max_value=10_000).map(lambda n: Decimal(n).scaleb(-3)),
    st.integers(min_value=100, max_value=10_000_000).map(lambda n: Decimal(n).scaleb(-2)),
    st.integers(min_value=2, max_value=100).map(Decimal),
    st.integers(min_value=1, max_value=40).map(lambda n: Decimal(n).scaleb(-4)),
    st.integers(min_value=0, max_value=100),
)
def test_binance_isolated_equity_equals_maintenance_at_the_liquidation_price(
    side: Side, qty: Decimal, entry: Decimal, leverage: Decimal, mmr: Decimal, cum: int
) -> None:
    # mmr ≤ 0.4 % < 1 / leverage for every leverage ≤ 100 drawn here; the tier's 速算额 never
    # exceeds notional × mmr (a pair from another tier is refused: tested below)
    if qty * entry * mmr < cum:
        cum = 0
    result = compute_perp(
        PerpRequest(
            side=side,
            quantity=qty,
            entry_price=entry,
            leverage=leverage,
            mmr=mmr,
            maint_amount=Decimal(cum),
        )
    )
    if result.liquidation_price is None:
        return
    lp = Fraction(result.liquidation_price)
    sign = 1 if side == "long" else -1
    equity = Fraction(result.wallet_balance) + sign * Fraction(qty) * (lp - Fraction(entry))
    maintenance = Fraction(qty) * lp * Fraction(mmr) - cum
    # LP is a 28-digit rounding of a usually non-terminating quotient (56950 / 0.995), so the
    # exact equity and maintenance margin at LP differ by ~1e-20; a wrong formula would miss
    # by whole USDT. Both sides are arbitrary amounts (no grid), so compare the difference.
    assert abs(equity - maintenance) < Fraction(1, 10**12)


@pytest.mark.parametrize(("leverage", "warned"), [(10, True), (20, False)])
def test_cross_wallet_below_initial_margin_is_flagged(leverage: int, warned: bool) -> None:
    result = compute_perp(
        PerpRequest(
            side="long",
            quantity=Decimal(1),
            entry_price=Decimal(60000),
            leverage=Decimal(leverage),
            wallet_balance=Decimal(5000),
            mode="cross",
        )
    )
    flagged = [line for line in result.assumptions if "少于开仓所需初始保证金" in line]
    assert bool(flagged) is warned
    if warned:
        assert "6,000" in flagged[0]


def test_a_maintenance_pair_from_another_tier_is_refused() -> None:
    # 1 % and 1,300 belong to a larger notional: at 60,000 the maintenance margin would be −700
    with pytest.raises(DomainError, match="不是这个仓位的档位"):
        compute_perp(
            PerpRequest(
                side="long",
                quantity=Decimal(1),
                entry_price=Decimal(60000),
                leverage=Decimal(20),
                mmr=Decimal("0.01"),
                maint_amount=Decimal(1300),
            )
        )
