"""Option premium P&L for buyers and sellers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from bot.core.options import OptionTradeRequest, compute_option
from bot.errors import DomainError

D = Decimal


def _opt(role: str = "buyer", **kw: Any) -> OptionTradeRequest:
    values: dict[str, Any] = {
        "lots": D(2),
        "open_premium": D(50),
        "multiplier": D(10),
    }
    values.update(kw)
    return OptionTradeRequest(role=role, **values)


def test_buyer_premium_pnl_with_fees() -> None:
    result = compute_option(_opt(close_premium=D(80), fee_per_lot=D(2)))
    assert result.premium_amount == D(1000)
    assert result.gross_pnl == D(600)  # (80 − 50) × 10 × 2
    assert result.fees_total == D(8)  # 2 元 × 2 手 × open and close
    assert result.net_pnl == D(592)
    assert result.return_on_premium == D("0.592")
    assert result.max_loss == D(1004)  # premium + open fees


def test_seller_is_the_mirror_image() -> None:
    result = compute_option(_opt(role="seller", close_premium=D(80)))
    assert result.gross_pnl == D(-600)
    assert result.net_pnl == D(-600)
    assert result.max_profit == D(1000)
    assert result.max_loss is None  # type unknown: a call's loss has no bound


def test_buyer_max_loss_is_the_premium_paid() -> None:
    expired = compute_option(_opt(close_premium=D(0)))
    assert expired.net_pnl == D(-1000)
    assert expired.max_loss == D(1000)
    assert expired.net_pnl == -expired.max_loss


def test_call_and_put_breakeven_and_bounds() -> None:
    call = compute_option(_opt(kind="call", strike=D(3000)))
    assert call.breakeven_price == D(3050)
    assert call.max_profit is None
    put = compute_option(_opt(kind="put", strike=D(3000)))
    assert put.breakeven_price == D(2950)
    assert put.max_profit == D(59000)  # (3000 − 50) × 10 × 2 when the underlying goes to 0
    short_put = compute_option(_opt(role="seller", kind="put", strike=D(3000), fee_per_lot=D(1)))
    assert short_put.max_loss == D(59002)
    assert short_put.max_profit == D(998)


def test_open_position_has_no_pnl_yet() -> None:
    result = compute_option(_opt())
    assert result.gross_pnl is None
    assert result.net_pnl is None
    assert any("买方最大亏损" in a for a in result.assumptions)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"lots": D(0)}, "手数"),
        ({"lots": D("0.5")}, "整数"),
        ({"open_premium": D(0)}, "开仓权利金"),
        ({"close_premium": D(-1)}, "平仓权利金"),
        ({"multiplier": D(0)}, "乘数"),
        ({"fee_per_lot": D(-1)}, "手续费"),
        ({"strike": D(0)}, "行权价"),
    ],
)
def test_invalid_values(kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(DomainError) as info:
        compute_option(_opt(**kwargs))
    assert fragment in info.value.message
