"""Maintenance-margin model (003 document): margins, forced-close price, call, 穿仓."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.maintenance import MaintenanceRequest, compute_maintenance
from bot.core.results import Side
from bot.errors import DomainError

D = Decimal


def _req(
    side: Side = "long", current: str | None = None, equity: str | None = None, **kw: Any
) -> MaintenanceRequest:
    values: dict[str, Any] = {
        "lots": D(1),
        "entry_price": D(5000),
        "multiplier": D(10),
        "initial_rate": D("0.12"),
        "maintenance_rate": D("0.08"),
    }
    values.update(kw)
    return MaintenanceRequest(
        side=side,
        current_price=D(current) if current is not None else None,
        equity=D(equity) if equity is not None else None,
        **values,
    )


def test_doc_example_5000_yuan_10_tonnes() -> None:
    result = compute_maintenance(_req())
    assert result.contract_value == D(50000)
    assert result.initial_margin == D(6000)
    assert result.maintenance_margin == D(4000)
    assert result.equity == D(6000)
    assert result.equity_is_default is True
    assert result.cushion == D(2000)
    assert result.move_to_forced == D(200)
    assert result.forced_price == D(4800)
    assert result.wipeout_price == D(4400)
    assert result.already_below is False
    assert any("003" in a for a in result.assumptions)
    assert any("4,800" in s for s in result.steps)


def test_short_mirror_of_the_doc_example() -> None:
    result = compute_maintenance(_req(side="short"))
    assert result.forced_price == D(5200)
    assert result.wipeout_price == D(5600)


def test_moving_margin_variant() -> None:
    long = compute_maintenance(_req())
    # equity + (P − 5000) × 10 = 8 % × 10 × P → P = 44,000 / 9.2
    assert long.forced_price_moving == D(44000) / D("9.2")
    assert long.forced_price_moving is not None
    assert long.forced_price_moving.quantize(D("0.01")) == D("4782.61")
    short = compute_maintenance(_req(side="short"))
    assert short.forced_price_moving == D(56000) / D("10.8")


def test_given_equity_moves_the_forced_price() -> None:
    result = compute_maintenance(_req(equity="8000"))
    assert result.forced_price == D(4600)
    assert result.equity_is_default is False


def test_doc_example_100k_contract_10_and_8_percent() -> None:
    # 1 lot worth 100,000 (10,000 × 10): initial 10 % = 10,000, maintenance 8 % = 8,000.
    base = {"entry_price": D(10000), "initial_rate": D("0.10"), "maintenance_rate": D("0.08")}
    at_line = compute_maintenance(_req(current="9800", **base))
    assert at_line.initial_margin == D(10000)
    assert at_line.maintenance_margin == D(8000)
    assert at_line.equity_now == D(8000)
    assert at_line.below_maintenance is False
    assert at_line.margin_call == 0
    # equity 10,000 → 7,999 (a loss of 2,001): below 8,000, the call is triggered
    below = compute_maintenance(_req(current="9799.9", **base))
    assert below.floating_pnl == D(-2001)
    assert below.equity_now == D(7999)
    assert below.below_maintenance is True
    assert below.shortfall_to_maintenance == D(1)
    assert below.margin_call == D(2001)
    assert below.chuancang is False
    assert below.chuancang_amount == 0


def test_chuancang_detection() -> None:
    result = compute_maintenance(_req(current="4350"))
    assert result.equity_now == D(-500)
    assert result.chuancang is True
    assert result.chuancang_amount == D(500)
    assert result.below_maintenance is True
    short = compute_maintenance(_req(side="short", current="5650"))
    assert short.chuancang is True
    assert short.chuancang_amount == D(500)


def test_price_in_favour_needs_no_call() -> None:
    result = compute_maintenance(_req(current="5100"))
    assert result.floating_pnl == D(1000)
    assert result.equity_now == D(7000)
    assert result.below_maintenance is False
    assert result.chuancang is False


def test_equity_already_below_maintenance() -> None:
    result = compute_maintenance(_req(equity="3000"))
    assert result.already_below is True
    assert result.forced_price == D(5100)  # above the entry: the long is called at once


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"lots": D(0)}, "手数"),
        ({"lots": D(-1)}, "手数"),
        ({"entry_price": D(0)}, "开仓价"),
        ({"multiplier": D(-10)}, "乘数"),
        ({"initial_rate": D(1)}, "初始保证金率"),
        ({"maintenance_rate": D(0)}, "维持保证金率"),
        ({"maintenance_rate": D("0.12")}, "应低于初始保证金率"),
        ({"maintenance_rate": D("0.15")}, "应低于初始保证金率"),
    ],
)
def test_invalid_values(kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(DomainError) as info:
        compute_maintenance(_req(**kwargs))
    assert fragment in info.value.message
    assert info.value.example


def test_invalid_equity_and_price() -> None:
    with pytest.raises(DomainError):
        compute_maintenance(_req(equity="0"))
    with pytest.raises(DomainError):
        compute_maintenance(_req(current="-1"))


@given(
    st.sampled_from(["long", "short"]),
    st.integers(min_value=1, max_value=50),
    st.integers(min_value=100, max_value=100_000),
    st.sampled_from([1, 5, 10, 20, 100, 300]),
    st.integers(min_value=2, max_value=20),
)
def test_forced_price_leaves_equity_at_maintenance(
    side: Side, lots: int, entry: int, mult: int, maint_pct: int
) -> None:
    req = MaintenanceRequest(
        side=side,
        lots=D(lots),
        entry_price=D(entry),
        multiplier=D(mult),
        initial_rate=D(maint_pct + 2) / 100,
        maintenance_rate=D(maint_pct) / 100,
    )
    result = compute_maintenance(req)
    assert result.forced_price is not None
    sign = 1 if side == "long" else -1
    k = Fraction(lots * mult)
    equity_at = Fraction(result.equity) + sign * k * (Fraction(result.forced_price) - entry)
    assert equity_at == Fraction(result.maintenance_margin)
    moving = result.forced_price_moving
    assert moving is not None
    equity_moving = Fraction(result.equity) + sign * k * (Fraction(moving) - entry)
    # the moving variant divides by 1 ∓ rate (non-terminating): compare to 1e-12 of a yuan
    assert abs(equity_moving - k * Fraction(moving) * Fraction(maint_pct, 100)) < Fraction(
        1, 10**12
    )
