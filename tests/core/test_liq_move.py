"""100倍多少爆仓: the distance to liquidation agrees with the full perpetual calculation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.crypto import PerpRequest, compute_perp
from bot.core.liq_move import LiquidationMoveRequest, compute_liquidation_move
from bot.errors import DomainError
from bot.pipeline import answer

LEVERAGES = st.integers(min_value=1, max_value=125).map(Decimal)
RATES = st.sampled_from([Decimal("0.004"), Decimal("0.005"), Decimal("0.0065"), Decimal("0.01")])
PRICES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(200000), places=2)
QUANTITIES = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(50), places=3)


@given(LEVERAGES, RATES, PRICES, QUANTITIES, st.sampled_from(["long", "short"]))
def test_move_matches_the_binance_isolated_price(
    leverage: Decimal, mmr: Decimal, price: Decimal, quantity: Decimal, side: str
) -> None:
    if mmr >= 1 / leverage:
        return  # liquidated on opening: refused by both
    perp = compute_perp(
        PerpRequest(side=side, quantity=quantity, entry_price=price, leverage=leverage, mmr=mmr)
    )
    move = compute_liquidation_move(
        LiquidationMoveRequest(leverage=leverage, mmr=mmr, side=side, entry_price=price)
    )
    (only,) = move.moves
    if perp.liquidation_price is None:  # a long at 1×: never liquidated
        assert only.never and only.price is None and side == "long" and leverage == 1
        return
    assert only.price is not None and not only.never
    assert abs(only.price - perp.liquidation_price) <= Decimal("1e-18") * price


def test_both_sides_when_no_side_is_named() -> None:
    result = compute_liquidation_move(LiquidationMoveRequest(leverage=Decimal(20)))
    long, short = result.moves
    assert long.move == Decimal("0.95") / Decimal("0.995") - 1
    assert short.move == Decimal("1.05") / Decimal("1.005") - 1
    assert long.move < 0 < short.move


def test_maintenance_rate_at_initial_rate_is_refused() -> None:
    with pytest.raises(DomainError, match="开仓即被强平"):
        LiquidationMoveRequest(leverage=Decimal(100), mmr=Decimal("0.01"))


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("BTC 100倍 多少爆仓", ("多单强平  下跌 0.503%", "空单强平  上涨 0.498%")),
        ("开空 ETH 20倍 爆仓价", ("空单强平  上涨 4.478%",)),
        # 10 + 2 + 24 columns > 32: the value goes on a line of its own
        ("BTC 60000 100倍 强平价", ("多单强平价\n        59,698.49（下跌 0.503%）",)),
    ],
)
def test_pipeline_answers_with_a_move(text: str, lines: tuple[str, ...]) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    shown = reply.text.splitlines()
    for line in lines:
        first, *rest = line.split("\n")
        at = shown.index(first)
        assert shown[at + 1 : at + 1 + len(rest)] == rest
    assert "维持保证金率按默认 0.5%" in reply.text


def test_a_long_at_one_times_is_never_liquidated() -> None:
    reply = answer("BTC 1倍 开多 多少爆仓")
    shown = reply.text.splitlines()
    assert reply.ok and shown[shown.index("多单强平") + 1].strip().startswith("不会强平")


@pytest.mark.parametrize("text", ["BTC 全仓 100倍 多少爆仓", "BTC 100倍 资金费率0.01% 多少爆仓"])
def test_position_dependent_questions_still_ask_for_the_position(text: str) -> None:
    reply = answer(text)
    assert not reply.ok and "开仓价" in reply.text
